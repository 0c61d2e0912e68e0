"""`python -m generator` runs the `newsdesk` command."""

import sys

from generator.cli import main

sys.exit(main())
