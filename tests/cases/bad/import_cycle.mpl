// import_cycle.mpl -> imported/cycle_b.mpl -> import_cycle.mpl
import "imported/cycle_b.mpl";
sort A;
