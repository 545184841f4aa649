"""Run OCOP Desktop from a checkout: ``python main.py [args]`` (same as ``ocop-desktop``)."""

import sys

from ocop_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
