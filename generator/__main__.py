"""`python -m generator`: the command line (`cli.run`)."""

from .cli import run

run()
