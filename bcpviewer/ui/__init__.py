"""The Qt application: main window, views over the model, settings. The only layer that uses Qt widgets."""
