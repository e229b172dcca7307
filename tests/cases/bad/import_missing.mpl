// The imported file does not exist.
import "imported/nowhere.mpl";
sort A;
