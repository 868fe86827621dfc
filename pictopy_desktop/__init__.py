"""PictoPy Desktop: a local-first, private photo gallery."""

__version__ = "0.1.0"
