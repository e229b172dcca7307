theory first;
theory second;
sort A;
