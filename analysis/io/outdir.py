"""Who may write an output folder, and which of its files are the kit's.

A run *claims* its folder before it writes anything (``claim_output``):

- ``DIR`` must be a folder, or not exist yet (it is created).
- ``DIR`` must be empty or the kit's own: marked as the kit's (a ``.mediakit/`` folder, or a
  ``manifest.json`` the kit wrote) and holding nothing but the kit's layout — ``manifest.json``,
  ``.mediakit/``, and ``<table>/`` folders of ``part-NNNNN.parquet`` files and the kit's
  temporaries. Anything else (a user's ``articles/part-0.parquet``, a notes file, a symlink)
  is named and the run refuses, before it changes anything.
- The run then holds an exclusive ``flock`` on ``DIR/.mediakit/lock`` until it ends. A second
  run into the same folder refuses at once (``OutputBusyError``, naming the process that holds
  it) instead of interleaving its parts with the first run's. The kernel drops the lock when the
  process ends, however it ends (``kill -9`` too), so a killed run never leaves the folder stuck;
  the lock file itself is never deleted, so two runs cannot lock two different files.

``remove_own_files`` deletes only the kit's layout: it is what a run replacing another run (of a
different input, lexicon, kit version or chunk size) calls, and what the in-memory
``write_tables`` calls, so an old run's parts never sit beside a new run's.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import threading
import weakref
from pathlib import Path

from analysis.errors import OutputBusyError, OutputError
from analysis.io.parquet import MANIFEST, PART_NAME, TABLES, part_files

STATE_DIR = ".mediakit"
LOCK = "lock"
#: The kit's temporary files: ``.<final name>.tmp-<pid>``, renamed into place when complete.
TEMPORARY = re.compile(r"\.(?P<name>.+)\.tmp-\d+")
#: How many foreign entries an error names.
SHOW_FOREIGN = 5

#: folder (real path) → this process's live claim on it
_HELD: "weakref.WeakValueDictionary[str, OutputClaim]" = weakref.WeakValueDictionary()


class OutputClaim:
    """This process's exclusive hold on an output folder; ``release()`` (or ``with``) ends it."""

    def __init__(self, folder: Path, fd: int):
        self.folder = folder
        self.thread = threading.get_ident()
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None
        if _HELD.get(_key(self.folder)) is self:
            del _HELD[_key(self.folder)]

    def __enter__(self) -> "OutputClaim":
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def __del__(self) -> None:  # a claim nobody holds any more lets go of its folder
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor drops the flock


def claim_output(out_dir, tables=TABLES) -> OutputClaim:
    """Make ``out_dir`` this run's: create it, check it is empty or the kit's, lock it.

    Raises ``OutputError`` naming the path (a file, not a folder; a folder holding files the
    kit did not write; a folder that cannot be created or written) or ``OutputBusyError``
    (another run holds it). Nothing in the folder is changed before these checks pass."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError("is not a folder (--out names the folder the tables are written to)", file=out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError.from_os(error, out, "create the folder") from error
    foreign = foreign_entries(out, tables) if is_marked(out) else sorted(out.iterdir())
    if foreign:
        named = ", ".join(p.relative_to(out).as_posix() + "/" * p.is_dir() for p in foreign[:SHOW_FOREIGN])
        more = f" and {len(foreign) - SHOW_FOREIGN} more" if len(foreign) > SHOW_FOREIGN else ""
        raise OutputError(f"holds files mediakit did not write ({named}{more}); "
                          "give an empty or new folder, or move them away", file=out)
    stale = _HELD.get(_key(out))
    if stale is not None and stale.thread == threading.get_ident():
        stale.release()  # left by an earlier call on this thread that ended in an error
    return _lock(out)


def foreign_entries(out_dir, tables=TABLES) -> list[Path]:
    """Entries of ``out_dir`` that are not in the kit's layout, in name order."""
    out = Path(out_dir)
    names = set(TABLES) | set(tables)
    foreign = []
    for entry in sorted(out.iterdir()):
        if entry.is_symlink():
            foreign.append(entry)  # the kit writes no links; deleting through one could reach anything
        elif entry.name == STATE_DIR and entry.is_dir():
            continue
        elif entry.name == MANIFEST or _temporary_of(entry.name) == MANIFEST:
            continue
        elif entry.name in names and entry.is_dir():
            foreign += [p for p in sorted(entry.iterdir()) if p.is_symlink() or not p.is_file() or not _is_part(p.name)]
        else:
            foreign.append(entry)
    return foreign


def is_marked(out_dir) -> bool:
    """Whether ``out_dir`` carries the kit's mark: ``.mediakit/`` or a manifest the kit wrote."""
    out = Path(out_dir)
    if (out / STATE_DIR).is_dir():
        return True
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("kit") == "mediakit"
    except (OSError, ValueError, AttributeError):
        return False


def mark_unfinished(out_dir, tables=TABLES) -> None:
    """Remove the manifest (the folder is not finished until the run writing it says so) and
    the temporaries a killed run left; finished parts stay, for the run to verify and reuse."""
    out = Path(out_dir)
    try:
        (out / MANIFEST).unlink(missing_ok=True)
        for folder in [out] + [out / name for name in sorted(set(TABLES) | set(tables))]:
            for path in temporaries(folder):
                path.unlink(missing_ok=True)
    except OSError as error:
        raise OutputError.from_os(error, error.filename or out, "remove") from error


def remove_own_files(out_dir, tables=TABLES) -> None:
    """Delete the previous run's output: manifest first (the folder is no longer finished),
    then every table's parts and temporaries, then the run state in ``.mediakit/``. Only the
    kit's layout is touched (a folder claimed with ``claim_output`` holds nothing else); the
    lock stays."""
    out = Path(out_dir)
    mark_unfinished(out, tables)
    state = out / STATE_DIR
    try:
        for name in sorted(set(TABLES) | set(tables)):
            for path in part_files(out, name):
                path.unlink()
        for path in sorted(state.iterdir()) if state.is_dir() else []:
            if path.name != LOCK and not path.is_dir():
                path.unlink()  # run state (analysis.io.journal): all of .mediakit/ is the kit's
    except OSError as error:
        raise OutputError.from_os(error, error.filename or out, "remove") from error


def temporaries(folder) -> list[Path]:
    """The kit's temporary files directly in ``folder`` (left by a run that was killed)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and TEMPORARY.fullmatch(p.name))


def _is_part(name: str) -> bool:
    return bool(PART_NAME.fullmatch(name)) or bool(PART_NAME.fullmatch(_temporary_of(name) or ""))


def _temporary_of(name: str) -> str | None:
    match = TEMPORARY.fullmatch(name)
    return match.group("name") if match else None


def _key(folder: Path) -> str:
    return os.path.realpath(folder)


def _lock(out: Path) -> OutputClaim:
    state = out / STATE_DIR
    try:
        state.mkdir(exist_ok=True)
        fd = os.open(state / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise OutputError.from_os(error, state / LOCK, "create the lock") from error
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        os.close(fd)
        who = f"process {holder}" if holder.isdigit() else "another process"
        raise OutputBusyError(f"another mediakit run ({who}) is writing to this folder; "
                              "wait for it to end, or choose another --out", file=out) from None
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    except OSError as error:
        os.close(fd)
        raise OutputError.from_os(error, state / LOCK) from error
    claim = OutputClaim(out, fd)
    _HELD[_key(out)] = claim
    return claim
