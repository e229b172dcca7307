sort A;
theory late;
