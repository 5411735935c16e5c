"""The Textual app, on top of the headless core."""
