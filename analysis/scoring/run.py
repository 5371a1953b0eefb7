"""Files → the kit's tables, every record accounted for.

One article, or a corpus in any registered format (``analysis.io.adapters``).

``score_corpus`` streams: it reads the input (``iter_corpus``, or one article file), cuts the
records into chunks of ``chunk_size``, has an engine run ``score_chunk`` on each, and writes
each chunk's tables as ``DIR/<table>/part-NNNNN.parquet`` as soon as it is scored, so memory
does not grow with the corpus. Each finished chunk is journalled; a run killed part-way and
started again with the same input, lexicon, kit version and chunk size scores only the chunks
that were not finished. ``manifest.json`` is written last. ``mediakit score`` comes through here.

``score_path`` is the in-memory form for notebooks: the same scoring, the tables returned.
Both return a ``Scores`` (``analysis.scoring.results``); what the input is, is decided by
``analysis.io.inputs.resolve_input`` alone.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator


from analysis.errors import InputError, InvariantError, ParameterError
from analysis.io.hashing import ReadLog
from analysis.io.inputs import ARTICLE, SCORED, Input, iter_records, resolve_input
from analysis.io.journal import RunJournal
from analysis.io.outdir import claim_output
from analysis.io.parquet import TABLES, part_path, write_manifest, write_table
from analysis.io.outlets import read_outlet_map
from analysis.io.variables import harmonise_parts, variable_kinds
from analysis.lexicon import Lexicon
from analysis.measures.frames import schemes
from analysis.provenance import kit_version, provenance
from analysis.scoring.progress import progress as progress_bar
from analysis.scoring.options import ScoringOptions
from analysis.scoring.results import Scores
from analysis.scoring.score import score_chunk

DEFAULT_CHUNK_SIZE = 1000
#: Test hook: seconds to sleep after each finished chunk, so a test can kill a run mid-way.
CHUNK_DELAY_ENV = "MEDIAKIT_TEST_CHUNK_DELAY"


def scorable(path, format: str | None = None) -> Input:
    """``resolve_input``, refusing a folder that is already a scored run."""
    source = resolve_input(path, format)
    if source.kind == SCORED:
        raise InputError("this is a `mediakit score` output folder, not an input; read it with load_scores", file=source.path)
    return source


def _records(source: Input, outlet_map=None) -> Iterator:
    if source.kind == ARTICLE:
        return iter_records(source, outlet_map)
    return progress_bar(iter_records(source, outlet_map), desc=f"scoring {source.path.name}", unit=" records")


def records_sha256(records) -> str:
    """One hash over a chunk's records as they were read (each article's id, metadata and
    content hash; each rejection's row): a finished chunk is reused only for the same records.
    An article's ``sha256`` already covers its text (the raw bytes it came from, or the text
    itself), so the text is hashed again only for an ``Article`` built without one."""
    digest = hashlib.sha256()
    for record in records:
        fields = record if isinstance(record, dict) else {
            **{f: getattr(record, f) for f in _ARTICLE_FIELDS}, "content": record.sha256 or record.text, "meta": record.meta}
        digest.update(json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        digest.update(b"\n")
    return digest.hexdigest()


def input_hash(log: ReadLog, path: Path, chunk_digests: list[str]) -> dict:
    """What the manifest certifies: the SHA-256 of the bytes the readers consumed (a file's is
    what ``sha256sum`` prints), or, for a reader that opened its files itself (a user's
    adapter), one hash over the records as read."""
    sha256 = log.sha256(path)
    if sha256 is not None:
        return {"sha256": sha256, "hashed": "bytes read"}
    return {"sha256": hashlib.sha256("\n".join(chunk_digests).encode("ascii")).hexdigest(), "hashed": "records read"}


_ARTICLE_FIELDS = ("id", "title", "outlet", "published", "url", "event", "source", "format", "encoding",
                   "outlet_raw", "variables")


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last may be shorter); at least one, maybe empty."""
    iterator = iter(items)
    first = True
    while True:
        chunk = list(itertools.islice(iterator, size))
        if chunk or first:
            yield chunk
        if len(chunk) < size:
            return
        first = False


def score_corpus(
    path,
    out_dir,
    *,
    format: str | None = None,
    lexicon: Lexicon | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Callable[[int, bool], None] | None = None,
    actors: bool = False,
    actor_map=None,
    dictionaries=None,
    outlet_map=None,
    models=None,
    settings=None,
) -> Scores:
    """Score a corpus (or one article file) into ``out_dir``, chunk by chunk, resumably.

    ``engine``: ``local`` (``workers`` processes, default all cores) or ``dask`` (``scheduler``
    address, ``$DASK_SCHEDULER_ADDRESS``, or a LocalCluster). ``progress(index, reused)`` is
    called once per chunk. ``actors=True`` adds the ``actors`` and ``mentions`` tables (who is
    named and how each is portrayed; off by default for speed), ``actor_map`` (a CSV/YAML path or
    a mapping; implies ``actors``) merges or renames what is found. ``dictionaries`` (one or several dictionary files) adds the
    ``dictionary`` and ``dictionary_hits`` tables, ``models`` (one or several trained codebook model files) the ``model_labels``
    table; ``settings`` (a settings file, ``analysis.codebook.settings``) the sentence flag's threshold,
    in the run key and the manifest. A record that cannot be read is a row of ``rejected``; a single
    article file that cannot be read, or an input that cannot be opened, raises ``InputError``
    before anything is written. ``outlet_map``: a file or mapping of outlet spellings
    (``analysis.io.outlets``), checked before anything is written.
    """
    from analysis.scoring.engines import get_engine

    if chunk_size < 1:
        raise ParameterError(f"--chunk-size must be at least 1, not {chunk_size}", field="chunk_size")
    path, out = Path(path), Path(out_dir)
    options = ScoringOptions.of(lexicon, actors=actors, actor_map=actor_map, dictionaries=dictionaries, models=models,
                                settings=settings)
    lexicon = options.lexicon
    runner = get_engine(engine, workers=workers, scheduler=scheduler)
    source = scorable(path, format)  # resolved once: the run key, the reader and the manifest agree
    format = source.format
    outlets = read_outlet_map(outlet_map)
    records = _records(source, outlets)
    with ReadLog() as log:  # every byte of the input is hashed as the readers consume it
        head = list(itertools.islice(records, 1))  # an unreadable input fails here, before any write
        claim = claim_output(out, TABLES)  # out is this run's until it returns: empty or the kit's, not busy
        key = {
            "input": str(path.absolute()), "format": format, **options.key(),
            "frames_sha256": {scheme.name: scheme.cues.sha256 for scheme in schemes()},
            "kit_version": kit_version(), "chunk_size": chunk_size,
        }
        journal = RunJournal(out, key, TABLES)
        finished = journal.open()
        reused = 0
        sizes: dict[int, int] = {}
        digests: dict[int, str] = {}
        seen = 0

        def tasks() -> Iterator[tuple[int, list]]:
            nonlocal reused, seen
            for index, chunk in enumerate(chunks(itertools.chain(head, records), chunk_size)):
                seen = index + 1
                digests[index] = records_sha256(chunk)
                done = finished.get(index)
                if done and done["counts"]["read"] == len(chunk) and done.get("records_sha256") == digests[index]:
                    reused += 1
                    if progress:
                        progress(index, True)
                    continue
                sizes[index] = len(chunk)
                yield index, chunk

        delay = float(os.environ.get(CHUNK_DELAY_ENV) or 0)
        for index, chunk_scores in runner.map(tasks(), options):
            files = {name: write_table(name, chunk_scores.table(name), part_path(out, name, index)) for name in TABLES}
            counts = {"read": sizes.pop(index), "scored": len(chunk_scores.articles), "rejected": len(chunk_scores.rejected)}
            journal.record(index, counts, files, records_sha256=digests[index])
            if progress:
                progress(index, False)
            if delay:
                time.sleep(delay)
    hashed = input_hash(log, path, [digests[i] for i in sorted(digests)])

    n_chunks = seen
    missing = [i for i in range(n_chunks) if i not in journal.finished]
    if missing:
        raise InvariantError(f"chunks {missing[:5]} were not written", file=path)
    totals = {k: sum(journal.finished[i]["counts"][k] for i in range(n_chunks)) for k in ("read", "scored", "rejected")}
    if totals["read"] != totals["scored"] + totals["rejected"]:  # the invariant every run must keep
        raise InvariantError(f"{totals['read']} records read but {totals['scored']} scored and {totals['rejected']} rejected", file=path)
    journal.remove_parts_from(n_chunks)
    kinds, rewritten = harmonise_parts([part_path(out, "articles", i) for i in range(n_chunks)])
    for index, digest in rewritten.items():  # every articles part: the same document variables
        journal.rewrote(index, "articles", digest)

    manifest = provenance(lexicon=lexicon)
    manifest.update(options.provenance())
    manifest["inputs"] = {"input": {"path": str(path), **hashed}}
    manifest["format"] = format
    manifest["counts"] = totals
    manifest["variables"] = kinds
    if outlets is not None:
        manifest["outlet_map"] = outlets.source or "given as a mapping"
    manifest["run"] = {"id": journal.id, "key": key, "chunks": n_chunks, "reused_chunks": reused, **runner.describe()}
    manifest["tables"] = sorted(TABLES)
    manifest["parts"] = {name: [part_path(out, name, i).relative_to(out).as_posix() for i in range(n_chunks)] for name in TABLES}
    write_manifest(out, manifest)
    claim.release()
    return Scores.from_folder(out)


def score_path(path, *, format: str | None = None, lexicon: Lexicon | None = None, actors: bool = False,
               actor_map=None, dictionaries=None, outlet_map=None, models=None, settings=None) -> Scores:
    """Score one article file, or a corpus, in memory (``score_corpus`` streams to disk instead).

    A single article that cannot be read raises ``InputError``; in a corpus, a record that
    cannot be read becomes a row of ``rejected`` and the others are still scored.
    """
    path = Path(path)
    options = ScoringOptions.of(lexicon, actors=actors, actor_map=actor_map, dictionaries=dictionaries, models=models,
                                settings=settings)
    lexicon = options.lexicon
    source = scorable(path, format)
    outlets = read_outlet_map(outlet_map)
    with ReadLog() as log:
        records = list(_records(source, outlets))
    scores = score_chunk(records, options)
    scored, rejected = len(scores.articles), len(scores.rejected)
    if len(records) != scored + rejected:  # the invariant every run must keep
        raise InvariantError(f"{len(records)} records read but {scored} scored and {rejected} rejected", file=path)
    scores.manifest.update(provenance(lexicon=lexicon))
    scores.manifest.update(options.provenance())
    scores.manifest["inputs"] = {"input": {"path": str(path), **input_hash(log, path, [records_sha256(records)])}}
    scores.manifest["format"] = source.format
    scores.manifest["counts"] = {"read": len(records), "scored": scored, "rejected": rejected}
    scores.manifest["variables"] = variable_kinds(scores.articles)
    if outlets is not None:
        scores.manifest["outlet_map"] = outlets.source or "given as a mapping"
    return scores
