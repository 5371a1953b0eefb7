"""Named errors. Each carries the offending file, line and field as attributes.

    MediakitError
    ├── InputError        an article or corpus record that cannot be read
    │   └── UnknownFormatError   a corpus format nobody registered
    ├── LexiconError      a lexicon file with a malformed entry
    │   └── ActorMapError        an actor map (canonical name → aliases) with a malformed entry
    ├── ParameterError    a bad argument: an option, a function argument, a report parameter
    ├── ReportError       a report that could not be produced
    ├── OutputError       an output folder that cannot be used or written
    │   └── OutputBusyError      an output folder another run is writing
    └── InvariantError    a broken internal invariant: a bug in the kit, never the user's input

Each type means one thing: what the user gave (``InputError``, ``LexiconError``: fix the file;
``ParameterError``: fix the call; ``OutputError``: choose another folder or free it), or what
the kit got wrong (``InvariantError``: report it).
"""

from __future__ import annotations

import os


class MediakitError(Exception):
    """Base class. ``str(error)`` reads ``file:line: field: message``."""

    def __init__(self, message: str, *, file=None, line: int | None = None, field: str | None = None):
        self.message = message
        self.file = None if file is None else str(file)
        self.line = line
        self.field = field
        super().__init__(self._format())

    def _format(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class InputError(MediakitError):
    """An input file or record that cannot be read as an article."""


class UnknownFormatError(InputError):
    """A corpus format name (``--format``) that no adapter is registered under."""


class LexiconError(MediakitError):
    """A lexicon file that is malformed."""


class ActorMapError(LexiconError):
    """An actor map file (``actor_map=``: canonical names and their aliases) that is malformed."""


class ParameterError(MediakitError):
    """An argument that is unknown or has the wrong type or value: a command-line option, a
    function argument, a report parameter."""


class ReportError(MediakitError):
    """A report that could not be produced."""


class InvariantError(MediakitError):
    """Something the kit guarantees did not hold (e.g. ``read == scored + rejected``): a bug."""
class OutputError(MediakitError):
    """An output folder (``--out``) that cannot be used: a file, not the kit's, or unwritable."""

    @classmethod
    def from_os(cls, error: OSError, path, doing: str = "write") -> "OutputError":
        """``error`` (raised while trying to ``doing`` ``path``) as a named error carrying the path."""
        reason = os.strerror(error.errno) if error.errno else str(error)
        return cls(f"cannot {doing}: {reason}", file=path)


class OutputBusyError(OutputError):
    """An output folder that another ``mediakit`` run is writing to."""


class DictionaryError(LexiconError):
    """A dictionary file (``dictionary=``: a researcher's categories and their terms) that is malformed."""
