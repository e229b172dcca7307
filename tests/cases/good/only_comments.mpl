// This file declares nothing.
/* It is still a valid, empty theory. */
