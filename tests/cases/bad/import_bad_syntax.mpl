// The error is in the imported file, and is reported there.
import "imported/broken.mpl";
sort A;
