import "../import_cycle.mpl";
sort B;
