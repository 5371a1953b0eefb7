"""``python -m analysis.schema``: print the README's column lists; ``python -m analysis.schema
README.md``: rewrite them in that file."""

import sys

from analysis.schema import markdown, update_readme

if len(sys.argv) > 1:
    print(f"{sys.argv[1]}: {'updated' if update_readme(sys.argv[1]) else 'already up to date'}")
else:
    print(markdown())
