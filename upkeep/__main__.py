"""`python -m upkeep …` is the same as `po …`."""

import sys

from upkeep.cli import main

sys.exit(main())
