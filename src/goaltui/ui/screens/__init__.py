"""The editor's screens and dialogs."""
