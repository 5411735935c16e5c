"""hedui (核对): review figures extracted from Chinese-language reports."""
__version__ = "0.1.0"
