import "imported/latin1.mpl";
