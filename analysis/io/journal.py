"""Run state of a chunked ``mediakit score``: which chunks are finished, so a killed run resumes.

``DIR/.mediakit/run.json`` holds the run's key: the input's SHA-256, the corpus format, the
lexicon's SHA-256, the kit version and the chunk size. ``DIR/.mediakit/journal.jsonl`` gets
one line per finished chunk, appended and flushed to disk only after every part file of the
chunk has been written and renamed into place: ``{"chunk", "counts", "files": {table:
sha256}}``.

A chunk counts as finished only if its journal line is whole and every part file it names
still has the recorded hash; anything else (a chunk half-written at a kill, a truncated
journal line, a file changed since) is scored again. A run whose key differs from the stored
one (another input, lexicon, kit version or chunk size) starts from nothing: the old run's
parts are removed (only the kit's own files, ``analysis.io.outdir.remove_own_files``), never
reused and never left beside the new ones. The folder must already be claimed by this run
(``analysis.io.outdir.claim_output``), so no other run writes to it meanwhile.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from analysis.errors import OutputError
from analysis.io.outdir import STATE_DIR, mark_unfinished, remove_own_files
from analysis.io.hashing import file_sha256
from analysis.io.parquet import TABLES, part_files, part_path, write_atomically

RUN = "run.json"
JOURNAL = "journal.jsonl"


def run_id(key: dict) -> str:
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode("utf-8")).hexdigest()[:16]


class RunJournal:
    """The finished chunks of one output folder, for one run key."""

    def __init__(self, out_dir, key: dict, tables=TABLES):
        self.out = Path(out_dir)
        self.key = dict(key)
        self.id = run_id(self.key)
        self.tables = tuple(tables)
        self.state = self.out / STATE_DIR
        self.finished: dict[int, dict] = {}

    def open(self) -> dict[int, dict]:
        """Load the chunks a previous run with the same key finished (verified by hash), or reset."""
        mark_unfinished(self.out, self.tables)  # no manifest until this run writes one
        stored = self._stored_key()
        if stored == self.key:
            self.finished = self._verified(self._entries())
        else:
            self._reset()
        return self.finished

    def record(self, index: int, counts: dict, files: dict[str, str], **facts) -> None:
        """Mark chunk ``index`` finished (its part files are already in place and synced);
        ``facts`` (e.g. the hash of the chunk's records) are kept with it."""
        entry = {"chunk": index, "counts": counts, "files": files, **facts}
        try:
            with open(self.state / JOURNAL, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(entry, sort_keys=True) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:  # the chunk is not recorded, so a rerun scores it again
            raise OutputError.from_os(error, self.state / JOURNAL) from error
        self.finished[index] = entry

    def rewrote(self, index: int, name: str, sha256: str) -> None:
        """A finished chunk's part of table ``name`` was rewritten (``analysis.io.variables.harmonise_parts``):
        journal its new hash, so a rerun still reuses the chunk. Killed in between, the part no
        longer matches and a rerun scores that chunk again."""
        entry = dict(self.finished[index])
        facts = {k: v for k, v in entry.items() if k not in ("chunk", "counts", "files")}
        self.record(index, entry["counts"], {**entry["files"], name: sha256}, **facts)

    def remove_parts_from(self, n_chunks: int) -> None:
        """Drop part files numbered ``n_chunks`` and up (there should be none; belt and braces)."""
        for name in self.tables:
            for path in part_files(self.out, name):
                if int(path.stem.split("-")[1]) >= n_chunks:
                    path.unlink()

    # ----------------------------------------------------------------------------- internals

    def _stored_key(self) -> dict | None:
        try:
            return json.loads((self.state / RUN).read_text(encoding="utf-8"))["key"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _entries(self) -> dict[int, dict]:
        entries = {}
        try:
            lines = (self.state / JOURNAL).read_text(encoding="utf-8").splitlines()
        except OSError:
            return {}
        for line in lines:
            try:
                entry = json.loads(line)
                entries[int(entry["chunk"])] = entry
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a kill: that chunk is not finished
        return entries

    def _verified(self, entries: dict[int, dict]) -> dict[int, dict]:
        good = {}
        for index, entry in entries.items():
            files = entry.get("files") or {}
            if set(files) != set(self.tables):
                continue
            if all(_sha256(part_path(self.out, name, index)) == files[name] for name in self.tables):
                good[index] = entry
        return good

    def _reset(self) -> None:
        remove_own_files(self.out, self.tables)
        text = json.dumps({"run_id": self.id, "key": self.key}, indent=2, sort_keys=True) + "\n"
        write_atomically(self.state / RUN, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        self.finished = {}


def _sha256(path: Path) -> str | None:
    return file_sha256(path) if path.is_file() else None
