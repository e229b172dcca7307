import "lib.mpl;
sort A;
