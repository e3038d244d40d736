"""Entry for `python -m outreach`."""

from outreach.cli import main_entry

main_entry()
