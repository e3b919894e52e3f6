"""``python -m vaxical``."""

import sys

from vaxical.cli import main

sys.exit(main())
