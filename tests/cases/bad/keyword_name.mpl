// `op` is a keyword.
sort op;
