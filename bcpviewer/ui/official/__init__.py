"""File › Update official data: the dialog and the controller that imports newer DfE and Ofsted
files into the user's copy of the official data, off the GUI thread."""
