// Imports two files that both import lib/base.mpl: base is included once, first.
theory diamond;

import "lib/left.mpl";
import "lib/right.mpl";

conjecture le_add: (<=[x, x + y]);
conjecture mul_one: (=[x * s(0), x]);
