"""The timeline in the middle of the window, the find and filter bar, and Shift+drag ranges."""
