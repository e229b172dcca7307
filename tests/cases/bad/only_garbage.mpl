@#!% garbage
