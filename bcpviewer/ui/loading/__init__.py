"""Reading data files in the background: the load controller, the council dialog, the column mapper."""
