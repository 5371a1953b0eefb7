"""``load_lexicon``: the packaged loaded-language lexicon, a user's own, or both.

A lexicon is a table of entries (``term, category, weight, loaded, inflect, variants,
source``) plus a header of provenance (name, version, licence, sources, measured precision).
The packaged one lives in ``analysis/lexicon/data/`` as a CSV and a ``.meta.yaml`` header.
A user lexicon is a CSV with the same columns (only ``term`` and ``category`` required) or a
YAML file ``{meta: {...}, entries: [{term: ..., category: ...}, ...]}``. It adds to the
packaged entries (a user entry replaces ours for the same term) or replaces them.
Malformed entries raise ``LexiconError`` naming the file, line and field: a row with fewer
cells than the header, a quote that is never closed (no cell of a lexicon spans lines), a
field of the wrong type (a term that is a list, a weight that is a boolean), a YAML key given
twice, and two entries of one file that are the same term once normalised as matching
normalises it ("rubber-stamp vote" and "rubber stamp vote"). YAML aliases (``*name``) are
refused, so a small file cannot expand into a huge one ("billion laughs").
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import os
import stat
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from analysis.errors import LexiconError
from analysis.io.adapters.delimited import quote_opened
from analysis.lexicon.inflect import phrase_forms
from analysis.lexicon.match import PhraseMatcher, split_term

PACKAGED = "loaded_language"
COLUMNS = ["term", "category", "weight", "loaded", "inflect", "variants", "source"]
REQUIRED = ("term", "category")
DEFAULTS = {"weight": 1.0, "loaded": True, "inflect": "none", "variants": "", "source": "user lexicon"}
INFLECTIONS = ("none", "verb", "noun", "adj")
_TRUE = {"yes", "true", "1", "y"}
_FALSE = {"no", "false", "0", "n"}


#: (term, inflect, variants) of every entry → the PhraseMatcher built from them (read-only once built).
_MATCHERS: dict[tuple, PhraseMatcher] = {}


@dataclass(frozen=True)
class Lexicon:
    """Entries (a DataFrame with ``COLUMNS`` + ``origin``) and their provenance header."""

    entries: pd.DataFrame
    meta: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.meta.get("name", "lexicon"))

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "unversioned"))

    @property
    def sha256(self) -> str:
        """Hash of the entries as matched: two lexicons with equal hashes score identically."""
        data = self.entries[COLUMNS].to_csv(index=False).encode("utf-8")
        return hashlib.sha256(data).hexdigest()

    @cached_property
    def matcher(self) -> PhraseMatcher:
        """The matcher of the entries' terms, inflections and variants, built once per process
        for the same three columns (``_MATCHERS``): every ``load_lexicon()`` returns a copy of
        the packaged lexicon, and building its matcher again (about 0.025 CPU s) was most of a
        ``score_article(article)`` called without a lexicon."""
        key = tuple(zip(*(self.entries[c].tolist() for c in ("term", "inflect", "variants"))))  # tolist: 10x iterating
        built = _MATCHERS.get(key)
        if built is None:
            phrases: dict[tuple[str, ...], int] = {}
            for row, (term, inflect, variants) in enumerate(key):
                forms = phrase_forms(split_term(term), inflect)
                forms |= {split_term(v) for v in str(variants or "").split("|") if v.strip()}
                for tokens in forms:
                    phrases.setdefault(tokens, row)  # the first entry to claim a form keeps it
            built = PhraseMatcher(phrases)
            if len(_MATCHERS) >= 16:  # a few lexicons per process; a long-lived one drops the oldest
                _MATCHERS.pop(next(iter(_MATCHERS)))
            _MATCHERS[key] = built
        return built

    def provenance(self) -> dict:
        return {
            "lexicon_name": self.name,
            "lexicon_version": self.version,
            "lexicon_sha256": self.sha256,
            "lexicon_entries": int(len(self.entries)),
        }


def load_lexicon(path=None, *, mode: str = "add") -> Lexicon:
    """The packaged lexicon, or it combined with the user's file at ``path``.

    ``mode="add"`` (default): the user's entries are added, replacing ours for the same term.
    ``mode="replace"``: only the user's entries are used.
    """
    base = _packaged()
    if path is None:
        return base
    if mode not in ("add", "replace"):
        raise LexiconError(f"mode must be 'add' or 'replace', not {mode!r}")
    user = read_lexicon_file(path)
    if mode == "replace":
        return user
    user_terms = {split_term(term) for term in user.entries["term"]}  # "rubber-stamp" replaces "rubber stamp"
    kept = base.entries[[split_term(term) not in user_terms for term in base.entries["term"]]]
    entries = pd.concat([user.entries, kept], ignore_index=True)
    meta = dict(base.meta)
    meta["version"] = f"{base.version}+{user.name}@{user.sha256[:8]}"
    meta["extended_by"] = user.meta
    return Lexicon(entries=entries, meta=meta)


def packaged_dir() -> Path:
    """The folder holding the packaged lexicon files."""
    return Path(str(resources.files("analysis.lexicon") / "data"))


def _packaged() -> Lexicon:
    return packaged_lexicon(PACKAGED)


#: name → (the stamp of its files, the lexicon read from them): ``packaged_lexicon``'s reads.
_READ: dict[str, tuple] = {}


def _stamp(name: str):
    """Size and modification time of a packaged lexicon's files (None when they are not files
    on disk): a file rewritten (``mediakit validate --write-precision``) changes it."""
    folder = packaged_dir()
    stamps = []
    for f in (f"{name}.csv", f"{name}.meta.yaml", f"{name}.precision.csv"):
        try:
            st = os.stat(folder / f)
        except FileNotFoundError:
            stamps.append(None)
            continue
        except OSError:
            return None
        stamps.append((st.st_mtime_ns, st.st_size) if stat.S_ISREG(st.st_mode) else None)
    return tuple(stamps)


def packaged_lexicon(name: str) -> Lexicon:
    """A lexicon the package ships in ``analysis/lexicon/data/``: ``<name>.csv`` and its header
    ``<name>.meta.yaml`` (and ``<name>.precision.csv``, measured precision, if there is one).
    The loaded-language lexicon is one (``PACKAGED``); the frame cues are others
    (``analysis.measures.frames``). Validated like a user's file, except that the
    normalised-duplicate check is left to the packaged files' own tests.

    Read and validated once per process while its files stay as they are (about 0.1 s a read,
    paid by every ``load_lexicon()``); each call returns its own copy of the entries and the
    header, so a caller may change them without changing anyone else's."""
    stamp = _stamp(name)
    read = _READ.get(name)
    if stamp is None or read is None or read[0] != stamp:
        read = (stamp, _read_packaged(name))
        if stamp is not None:
            _READ[name] = read
    lexicon = read[1]
    return Lexicon(entries=lexicon.entries.copy(), meta=copy.deepcopy(lexicon.meta))


def _read_packaged(name: str) -> Lexicon:
    data = resources.files("analysis.lexicon") / "data"
    meta = yaml.safe_load((data / f"{name}.meta.yaml").read_text(encoding="utf-8")) or {}
    file = f"analysis/lexicon/data/{name}.csv"
    rows = _read_csv((data / f"{name}.csv").read_text(encoding="utf-8"), file=file)
    entries = _validated(rows, origin="packaged", file=file)
    precision_file = data / f"{name}.precision.csv"
    if precision_file.is_file():
        entries = attach_precision(entries, pd.read_csv(io.StringIO(precision_file.read_text(encoding="utf-8"))),
                                   version=str(meta.get("version", "")))
    return Lexicon(entries=entries, meta=meta)


def attach_precision(entries: pd.DataFrame, measured: pd.DataFrame, *, version: str) -> pd.DataFrame:
    """Entries with ``precision`` (the entry's measured hit precision, NaN when it had too few
    hits) and ``category_precision``, pooled over the datasets measured for this ``version``
    (rows of other lexicon versions are stale and ignored)."""
    entries = entries.copy()
    current = measured[measured["lexicon_version"].astype(str) == version]
    for level, column, target in (("entry", "term", "precision"), ("category", "category", "category_precision")):
        rows = current[current["level"] == level].groupby("key")[["hits", "true_hits"]].sum()
        ratio = (rows["true_hits"] / rows["hits"]).to_dict()
        entries[target] = entries[column].map(ratio).astype("float64")
    return entries


def read_user_text(path: Path, error: type[LexiconError] = LexiconError, what: str = "lexicon") -> str:
    """A researcher's file as UTF-8 text (a BOM dropped); a missing file or other bytes raise
    ``error`` naming the file. Lexicons and dictionaries are read through it."""
    if not path.is_file():
        raise error(f"no such {what} file", file=path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as decode_error:
        raise error("is not UTF-8 text", file=path) from decode_error


def read_lexicon_file(path) -> Lexicon:
    """A user lexicon file (CSV or YAML) on its own, validated entry by entry."""
    path = Path(path)
    raw = read_user_text(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        meta, rows = _read_yaml(raw, file=path)
    elif path.suffix.lower() == ".csv":
        meta, rows = {}, _read_csv(raw, file=path)
    else:
        raise LexiconError("lexicon files must be .csv, .yaml or .yml", file=path)
    if not rows:
        raise LexiconError("has no entries", file=path)
    meta = {"name": path.stem, "version": "user", **meta}
    return Lexicon(entries=_validated(rows, origin=str(path)), meta=meta)


def _read_csv(raw: str, *, file) -> list[tuple[int, dict]]:
    lines = io.StringIO(raw, newline="").readlines()  # split at \n, \r\n and \r, kept as they are
    reader = csv.reader(lines, strict=True)
    start = 1
    try:
        header = next(reader, [])
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise LexiconError(f"header lacks required column(s) {', '.join(missing)}", file=file, line=1, field=missing[0])
        unknown = [c for c in header if c not in COLUMNS + ["precision", "support"]]
        if unknown:
            raise LexiconError(f"unknown column {unknown[0]!r}; columns are {', '.join(COLUMNS)}", file=file, line=1, field=unknown[0])
        rows = []
        start = reader.line_num + 1
        for cells in reader:
            if reader.line_num > start and cells:  # no lexicon cell holds a line break: a quote was left open
                raise csv.Error("unexpected end of data")
            if any(cell.strip() for cell in cells):
                rows.append((start, _cells(cells, header, file=file, line=start)))
            start = reader.line_num + 1
    except csv.Error as error:
        opened = start + quote_opened(lines[start - 1:max(reader.line_num, start)])
        raise LexiconError(f"malformed CSV: a quote opened on line {opened} is not closed on that line ({error})",
                           file=file, line=opened) from None
    return rows


def _cells(cells: list[str], header: list[str], *, file, line: int) -> dict:
    """One CSV row as ``{column: cell}``, or ``LexiconError`` if it has more or fewer cells."""
    if len(cells) > len(header):
        raise LexiconError("more fields than the header", file=file, line=line)
    if len(cells) < len(header):
        raise LexiconError(f"has {len(cells)} of the header's {len(header)} fields: {header[len(cells)]!r} is missing",
                           file=file, line=line, field=header[len(cells)])
    return dict(zip(header, cells))


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases (``*name``: a few lines of them can stand for a
    structure of billions of nodes) and a key given twice in one mapping (PyYAML keeps the last)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in a lexicon file", mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            seen: dict = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node.start_mark.line + 1)
                except TypeError:  # an unhashable key: the safe loader refuses it itself
                    continue
                if first != key_node.start_mark.line + 1:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {key!r} is given twice (first on line {first})", key_node.start_mark)
        return super().construct_mapping(node, deep=deep)


def _read_yaml(raw: str, *, file) -> tuple[dict, list[tuple[int, dict]]]:
    loader = _StrictLoader(raw)
    try:
        doc = loader.get_single_node()
        data = None if doc is None else loader.construct_document(doc)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise LexiconError(f"is not valid YAML ({getattr(error, 'problem', error)})", file=file,
                           line=None if mark is None else mark.line + 1) from error
    except RecursionError:
        raise LexiconError("is nested too deeply to be read as YAML", file=file) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise LexiconError("expected a mapping with an 'entries' list", file=file, field="entries")
    lines = _yaml_entry_lines(doc)
    rows = []
    for i, entry in enumerate(data["entries"]):
        line = lines[i] if i < len(lines) else None
        if not isinstance(entry, dict):
            raise LexiconError("each entry must be a mapping with term and category", file=file, line=line)
        rows.append((line, {k: ("" if v is None else v) for k, v in entry.items()}))
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise LexiconError("expected a mapping", file=file, field="meta")
    return meta, rows


def _yaml_entry_lines(doc) -> list[int]:
    """1-based line of each item of the top-level ``entries`` list."""
    if doc is None or not hasattr(doc, "value"):
        return []
    for key, value in doc.value:
        if getattr(key, "value", None) == "entries" and hasattr(value, "value"):
            return [item.start_mark.line + 1 for item in value.value]
    return []


#: The fields a lexicon entry may give as something other than a string (YAML).
_TYPED = {"weight": (int, float), "loaded": (bool,)}


def _validated(rows: list[tuple[int | None, dict]], *, origin: str, file=None) -> pd.DataFrame:
    file = file or origin
    records = []
    seen: dict[str, int | None] = {}
    normalised: dict[tuple[str, ...], tuple[str, int | None]] = {}
    for line, raw in rows:
        unknown = [k for k in raw if k not in COLUMNS + ["precision", "support"]]
        if unknown:
            raise LexiconError(f"unknown field {unknown[0]!r}", file=file, line=line, field=unknown[0])
        entry = {c: raw.get(c, "") for c in COLUMNS}
        for c, value in entry.items():
            _check_type(value, c, file=file, line=line)
        for c in REQUIRED:
            if not str(entry[c]).strip():
                raise LexiconError("is empty", file=file, line=line, field=c)
        term = " ".join(str(entry["term"]).split()).lower()
        if not split_term(term):
            raise LexiconError(f"{entry['term']!r} has no words", file=file, line=line, field="term")
        if term in seen:
            raise LexiconError(f"duplicate term {term!r} (first on line {seen[term]})", file=file, line=line, field="term")
        seen[term] = line
        # The packaged file predates this check and has such pairs; a user's file may not.
        same, first_line = normalised.setdefault(split_term(term), (term, line))
        if same != term and origin != "packaged":
            raise LexiconError(f"{term!r} is the same term as {same!r} on line {first_line} (matching treats "
                               "hyphens and spaces alike); keep one", file=file, line=line, field="term")
        category = str(entry["category"]).strip()
        if not category.replace("_", "").replace("-", "").isalnum():
            raise LexiconError(f"{category!r} is not a category name (letters, digits, _ or -)", file=file, line=line, field="category")
        weight = _weight(entry["weight"], file=file, line=line)
        loaded = _yes_no(entry["loaded"], file=file, line=line)
        inflect = str(entry["inflect"]).strip().lower() or "none"
        if inflect not in INFLECTIONS:
            raise LexiconError(f"{inflect!r} is not one of {', '.join(INFLECTIONS)}", file=file, line=line, field="inflect")
        records.append({
            "term": term,
            "category": category,
            "weight": weight,
            "loaded": loaded,
            "inflect": inflect,
            "variants": str(entry["variants"] or "").strip().lower(),
            "source": str(entry["source"]).strip() or DEFAULTS["source"],
            "origin": origin,
        })
    table = pd.DataFrame(records, columns=COLUMNS + ["origin"]).astype({"weight": "float64", "loaded": "bool"})
    table["precision"] = float("nan")  # measured precision, attached to packaged entries only
    table["category_precision"] = float("nan")
    return table


def _check_type(value, column: str, *, file, line) -> None:
    """``LexiconError`` unless ``value`` is a string (or, for weight and loaded, a number or a
    boolean as ``_TYPED`` allows) that UTF-8 can store."""
    allowed = _TYPED.get(column, ())
    wanted = {"weight": "a number", "loaded": "yes or no"}.get(column, "a string")
    if isinstance(value, bool) and bool not in allowed:
        raise LexiconError(f"{value!r} is a boolean, not {wanted}", file=file, line=line, field=column)
    if not isinstance(value, (str, *allowed)):
        kind = {list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)
        raise LexiconError(f"expected {wanted}, got {kind}", file=file, line=line, field=column)
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise LexiconError("holds a lone surrogate, which is not text", file=file, line=line, field=column) from None


def _weight(value, *, file, line) -> float:
    if value is None or str(value).strip() == "":
        return float(DEFAULTS["weight"])
    try:
        weight = float(value)
    except (TypeError, ValueError):
        raise LexiconError(f"{value!r} is not a number", file=file, line=line, field="weight") from None
    if not 0 < weight <= 1:
        raise LexiconError(f"{weight} is outside (0, 1]", file=file, line=line, field="weight")
    return weight


def _yes_no(value, *, file, line) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text == "":
        return bool(DEFAULTS["loaded"])
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise LexiconError(f"{value!r} is not yes or no", file=file, line=line, field="loaded")

