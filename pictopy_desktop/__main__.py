"""`python -m pictopy_desktop` runs the same entry point as `pictopy`."""

import sys

from pictopy_desktop.cli import main

sys.exit(main())
