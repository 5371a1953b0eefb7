"""``python -m analysis.schema``: print the tables' column lists (Markdown); ``python -m
analysis.schema FILE``: rewrite them in FILE between its markers. The documentation's table
reference (docs/reference/tables.md) is written from the same declarations at every docs build,
so README.md no longer carries them."""

import sys

from analysis.errors import ParameterError
from analysis.schema import markdown, update_readme

if len(sys.argv) > 1:
    try:
        print(f"{sys.argv[1]}: {'updated' if update_readme(sys.argv[1]) else 'already up to date'}")
    except ParameterError:
        print(f"{sys.argv[1]}: holds no column lists; the table reference in docs/ is generated from "
              "analysis/schema at every docs build, nothing to update")
else:
    print(markdown())
