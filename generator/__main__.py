"""`python -m generator` runs the `newsdesk` command."""

from generator.cli import run

run()
