"""goaltui: a keyboard-driven terminal editor for budget performance-target tables."""

__version__ = "0.1.0"
