"""Entry script for the PyInstaller build (the same entry point as `pictopy`)."""

import sys

from pictopy_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
