"""``read_dictionary``: a researcher's own categories and their terms, in three formats.

- the kit's lexicon CSV/YAML (``analysis.lexicon.load``, validated the same way): ``term`` and
  ``category`` required; ``inflect`` (none, verb, noun, adj) as there, blank meaning the
  dictionary default below;
- quanteda's YAML dictionary (``key: [pattern, ...]``, keys nested to any depth, a nested key
  becoming ``parent/child``), read when the YAML has no ``entries`` list;
- LIWC's ``.dic``: a header of numbered categories between two ``%`` lines, then one
  ``term<TAB>number number ...`` line per term.

Patterns: wildcards are read as quanteda's glob (``valuetype = "glob"``) and LIWC read them:
``*`` stands for any run of characters, none included, anywhere in a word (``econ*`` matches
econ, economy, economic; ``*ness`` happiness; ``un*able`` unbearable), ``?`` for exactly one
character (``colo?r`` matches colour, not color); a glob matches a whole word, case ignored.
A trailing ``*`` alone is matched as a prefix (the common LIWC case, fast); other globs as a
pattern tried on each word no phrase or prefix took. A single word without a wildcard is
matched with its noun and verb forms (``analysis.lexicon.inflect``) unless ``inflect=False`` or the kit file's ``inflect``
column says otherwise; a phrase is matched as written (hyphen and space alike, as every lexicon
of the kit). A term may sit in several categories (LIWC's "family" is in ``social`` and
``family``); each category counts it.

A term that can never match is not kept silently: it is listed in ``Dictionary.unmatchable``
(term, category, line, reason) and a warning names it. That is a term empty once normalised,
one holding characters the word cutter (``analysis.lexicon.match``) splits apart and no text
can join again ("u.s.", "c++", "@user"), and a wildcard in a phrase (globs are read on single
words). A term of wildcards only (``*``, ``??``) would match any word: it raises
``DictionaryError``, as other malformed entries do, with file, line and field.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from analysis.errors import DictionaryError, LexiconError
from analysis.lexicon.inflect import noun_forms, phrase_forms, verb_forms
from analysis.lexicon.load import _StrictLoader, _read_csv, _read_yaml, _validated, read_user_text
from analysis.lexicon.match import _JOINER, _PIECE, Pieces, PhraseMatcher, normalise_piece, split_term

#: Columns of ``Dictionary.entries``.
ENTRY_COLUMNS = ["term", "category", "wildcard", "inflect", "line"]
#: Columns of ``Dictionary.unmatchable``.
UNMATCHABLE_COLUMNS = ["term", "category", "line", "reason"]
_CATEGORY = re.compile(r"[^\W_][\w\-/ ]*\Z")


@dataclass(frozen=True)
class Dictionary:
    """A dictionary: ``name``, the ``file`` it was read from, its ``categories`` in file order,
    ``entries`` (``ENTRY_COLUMNS``: one row per term and category) and the ``unmatchable``
    terms it could not keep."""

    name: str
    file: str | None
    categories: tuple[str, ...]
    entries: pd.DataFrame
    unmatchable: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=UNMATCHABLE_COLUMNS))

    @property
    def sha256(self) -> str:
        """Hash of the categories and entries as matched: equal hashes count identically."""
        data = "\n".join(self.categories) + "\n" + self.entries[["term", "category", "wildcard", "inflect"]].to_csv(index=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def provenance(self) -> dict:
        return {"name": self.name, "file": self.file, "sha256": self.sha256, "categories": len(self.categories),
                "entries": int(len(self.entries)), "unmatchable": int(len(self.unmatchable))}

    @cached_property
    def matcher(self) -> "DictionaryMatcher":
        return DictionaryMatcher(self)

    def __getstate__(self):  # the matcher is rebuilt where it is used (a worker), not pickled
        state = dict(self.__dict__)
        state.pop("matcher", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)


class DictionaryMatcher:
    """Exact phrases (with their inflected forms) through the kit's ``PhraseMatcher``, longest
    first; then every word piece no phrase took is tried against the wildcard prefixes. A match
    gives the term and every category the term is in."""

    def __init__(self, dictionary: Dictionary):
        self.terms: list[str] = []
        self.categories: list[tuple[str, ...]] = []
        by_key: dict[tuple, int] = {}
        grouped = dictionary.entries.groupby(["term", "wildcard", "inflect"], sort=False)["category"]
        for (term, wildcard, inflect), cats in grouped:
            by_key[(term, wildcard, inflect)] = len(self.terms)
            self.terms.append(term + ("*" if wildcard else ""))
            self.categories.append(tuple(dict.fromkeys(cats)))
        phrases: dict[tuple[str, ...], int] = {}
        self.prefixes: dict[str, int] = {}
        self.globs: list[tuple[re.Pattern, int]] = []
        for (term, wildcard, inflect), index in by_key.items():
            if wildcard and _is_glob(term):
                self.terms[index] = term
                self.globs.append((glob_pattern(term), index))
                continue
            if wildcard:
                self.prefixes.setdefault(term, index)
                continue
            tokens = split_term(term)
            forms = ({(f,) for f in noun_forms(tokens[0]) | verb_forms(tokens[0])} if inflect == "default"
                     else phrase_forms(tokens, "none" if inflect == "default" else inflect))
            for form in sorted(forms, key=lambda f: f != tokens):  # the term itself claims first
                phrases.setdefault(form, index)
        self.exact = PhraseMatcher(phrases) if phrases else None
        self.prefix_lengths = sorted({len(p) for p in self.prefixes}, reverse=True)  # longest prefix first

    def find_in_pieces(self, text: str, ps: Pieces) -> list[tuple[int, int, int]]:
        """``(start, end, term index)`` of each hit, in text order, not overlapping."""
        found = [(m.start, m.end, m.entry) for m in self.exact.find_in_pieces(text, ps)] if self.exact else []
        if self.prefixes or self.globs:
            k = 0
            spans = sorted(found)
            extra = []
            for start, end, norm in zip(*ps):
                while k < len(spans) and spans[k][1] <= start:
                    k += 1
                if k < len(spans) and spans[k][0] <= start < spans[k][1]:
                    continue  # a phrase took this piece
                index = self._wildcard(norm)
                if index is not None:
                    extra.append((start, end, index))
            found = sorted(found + extra)
        return found

    def _wildcard(self, norm: str) -> int | None:
        """The wildcard term a word matches: the longest prefix, else the first glob in file order."""
        for length in self.prefix_lengths:
            index = self.prefixes.get(norm[:length]) if len(norm) >= length else None
            if index is not None:
                return index
        for pattern, index in self.globs:
            if pattern.fullmatch(norm):
                return index
        return None


def _is_glob(term: str) -> bool:
    """A wildcard term other than a plain prefix (the entries keep a prefix without its ``*``)."""
    return "*" in term or "?" in term


def glob_pattern(term: str) -> re.Pattern:
    """The regular expression of a normalised glob: ``*`` any run of characters, ``?`` one."""
    return re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in term), re.DOTALL)


def read_dictionary(path, *, inflect: bool = True, name: str | None = None) -> Dictionary:
    """The dictionary at ``path``: ``.csv``, ``.yaml``/``.yml`` (the kit's format, or quanteda's
    when it has no ``entries`` list) or ``.dic`` (LIWC). ``inflect=False``: single words match
    only as written. ``name``: default the file's stem."""
    if isinstance(path, Dictionary):
        return path
    path = Path(path)
    raw = read_user_text(path, DictionaryError, "dictionary")
    suffix = path.suffix.lower()
    if suffix == ".dic":
        rows = _read_liwc(raw, file=path)
    elif suffix in (".yaml", ".yml"):
        rows = _read_yaml_dictionary(raw, file=path)
    elif suffix == ".csv":
        rows = _read_kit(_read_csv(raw, file=path), file=path)
    else:
        raise DictionaryError("dictionary files must be .csv, .yaml, .yml or .dic", file=path)
    if not rows:
        raise DictionaryError("has no entries", file=path)
    return _build(rows, name=name or path.stem, file=str(path), inflect=inflect)


def read_dictionaries(paths) -> tuple[Dictionary, ...]:
    """One or several dictionaries (paths or ``Dictionary``s; None: none), names unique."""
    if paths is None:
        return ()
    if isinstance(paths, (str, Path, Dictionary)):
        paths = [paths]
    out = tuple(read_dictionary(p) for p in paths)
    names = [d.name for d in out]
    for d in out:
        if names.count(d.name) > 1:
            raise DictionaryError(f"two dictionaries are named {d.name!r}; rename one file", file=d.file)
    return out


# --------------------------------------------------------------------------- the formats
# Each reader returns rows (line, term as written, category, inflect: "default" or a kit inflection).

def _read_kit(rows: list[tuple[int | None, dict]], *, file) -> list[tuple]:
    blank = [not str(raw.get("inflect", "") or "").strip() for _, raw in rows]
    # the lexicon's checks, on the term without its wildcard (which they would refuse as no word)
    stripped = [(line, {**raw, "term": raw["term"].rstrip("*") if isinstance(raw.get("term"), str) else raw.get("term", "")})
                for line, raw in rows]
    try:
        table = _validated(stripped, origin=str(file))
    except LexiconError as error:
        raise DictionaryError(error.message, file=error.file, line=error.line, field=error.field) from None
    out = []
    for (line, raw), default, inflect, category in zip(rows, blank, table["inflect"], table["category"]):
        out.append((line, " ".join(str(raw["term"]).split()).lower(), category, "default" if default else inflect))
    return out


def _read_yaml_dictionary(raw: str, *, file) -> list[tuple]:
    loader = _StrictLoader(raw)
    try:
        node = loader.get_single_node()
    except Exception:
        node = None
    finally:
        loader.dispose()
    if node is not None and hasattr(node, "value") and isinstance(node.value, list) and any(
            getattr(k, "value", None) == "entries" for k, _ in node.value if hasattr(k, "value")):
        _, rows = _read_yaml(raw, file=file)
        return _read_kit(rows, file=file)
    _read_yaml_check(raw, file=file)  # errors (duplicate keys, aliases, syntax) named as the lexicon names them
    if node is None or not isinstance(node, __import__("yaml").MappingNode):
        raise DictionaryError("expected a mapping of categories to lists of terms (quanteda) or an 'entries' list",
                              file=file)
    rows: list[tuple] = []
    _walk(node, "", rows, file=file)
    return rows


def _read_yaml_check(raw: str, *, file) -> None:
    loader = _StrictLoader(raw)
    try:
        doc = loader.get_single_node()
        if doc is not None:
            loader.construct_document(doc)
    except Exception as error:
        mark = getattr(error, "problem_mark", None)
        raise DictionaryError(f"is not valid YAML ({getattr(error, 'problem', error)})", file=file,
                              line=None if mark is None else mark.line + 1) from None
    finally:
        loader.dispose()


def _walk(node, parent: str, rows: list, *, file) -> None:
    import yaml

    for key_node, value in node.value:
        key = str(key_node.value).strip()
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode) or not key or "/" in key:
            raise DictionaryError(f"{key!r} is not a category name", file=file, line=line, field="category")
        category = f"{parent}/{key}" if parent else key
        if isinstance(value, yaml.MappingNode):
            _walk(value, category, rows, file=file)
        elif isinstance(value, yaml.SequenceNode):
            if not value.value:
                raise DictionaryError(f"category {category!r} has no terms", file=file, line=line, field=category)
            for item in value.value:
                if not isinstance(item, yaml.ScalarNode) or item.tag.endswith((":bool", ":null")):
                    raise DictionaryError("a term must be a string", file=file, line=item.start_mark.line + 1,
                                          field=category)
                rows.append((item.start_mark.line + 1, " ".join(str(item.value).split()).lower(), category, "default"))
        elif isinstance(value, yaml.ScalarNode) and str(value.value).strip():
            rows.append((value.start_mark.line + 1, " ".join(str(value.value).split()).lower(), category, "default"))
        else:
            raise DictionaryError(f"category {category!r} must hold a list of terms or categories", file=file,
                                  line=line, field=category)


def _read_liwc(raw: str, *, file) -> list[tuple]:
    lines = raw.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2 or any(lines[i].strip() for i in range(marks[0])):
        raise DictionaryError("a LIWC .dic starts with a header of categories between two '%' lines", file=file, line=1)
    numbers: dict[str, str] = {}
    for i in range(marks[0] + 1, marks[1]):
        if not lines[i].strip():
            continue
        cells = lines[i].split()
        if len(cells) != 2 or not cells[0].isdigit():
            raise DictionaryError("a header line is 'number<TAB>category'", file=file, line=i + 1, field="category")
        if cells[0] in numbers:
            raise DictionaryError(f"category number {cells[0]} is given twice", file=file, line=i + 1, field="category")
        numbers[cells[0]] = cells[1]
    rows = []
    for i in range(marks[1] + 1, len(lines)):
        if not lines[i].strip():
            continue
        cells = lines[i].split("\t") if "\t" in lines[i] else lines[i].split()
        term, cats = cells[0].strip(), " ".join(cells[1:]).split()
        if not cats:
            raise DictionaryError(f"term {term!r} names no category", file=file, line=i + 1, field="category")
        for number in cats:
            if number not in numbers:
                raise DictionaryError(f"category {number!r} is not in the header", file=file, line=i + 1, field="category")
            rows.append((i + 1, " ".join(term.split()).lower(), numbers[number], "default"))
    return rows


# --------------------------------------------------------------------------- entries

def _build(rows: list[tuple], *, name: str, file: str, inflect: bool) -> Dictionary:
    categories: list[str] = []
    entries, unmatchable, seen = [], [], set()
    for line, term, category, how in rows:
        if not _CATEGORY.match(category):
            raise DictionaryError(f"{category!r} is not a category name", file=file, line=line, field="category")
        if category not in categories:
            categories.append(category)
        wildcard = "*" in term or "?" in term
        prefix = wildcard and "?" not in term and "*" not in term[:-1]  # econ*: matched as a prefix
        body = term[:-1] if prefix else term
        if wildcard and not body.replace("*", "").replace("?", "").strip():
            raise DictionaryError(f"{term!r} is wildcards only: it would match every word", file=file, line=line, field="term")
        reason = _never_matches(term if wildcard else body, wildcard)
        if reason:
            unmatchable.append({"term": term, "category": category, "line": line, "reason": reason})
            continue
        tokens = (normalise_piece(body.strip()),) if wildcard and not prefix else split_term(body)
        how = how if how != "default" else ("default" if inflect and len(tokens) == 1 and not wildcard else "none")
        key = (" ".join(tokens), wildcard, category)
        if key in seen:
            continue  # the same term twice in one category counts once
        seen.add(key)
        entries.append({"term": " ".join(tokens), "category": category, "wildcard": wildcard, "inflect": how, "line": line})
    table = pd.DataFrame(entries, columns=ENTRY_COLUMNS)
    lost = pd.DataFrame(unmatchable, columns=UNMATCHABLE_COLUMNS)
    if len(lost):
        shown = ", ".join(f"{t!r} (line {n}: {r})" for t, n, r in zip(lost["term"][:5], lost["line"][:5], lost["reason"][:5]))
        warnings.warn(f"{file}: {len(lost)} term(s) can never match and are not counted: {shown}", stacklevel=3)
    if not len(table):
        raise DictionaryError("has no term that can match", file=file)
    return Dictionary(name=name, file=file, categories=tuple(categories), entries=table, unmatchable=lost)


def _never_matches(body: str, wildcard: bool) -> str | None:
    """Why a term can never match, or None. A wildcard term is checked with each wildcard
    standing for one letter (``rising *`` is then two words: no single-word glob)."""
    probe = body.replace("*", "a").replace("?", "a")
    tokens = split_term(probe)
    if not tokens:
        return "no word once normalised"
    if wildcard and len(tokens) > 1:
        return "a wildcard is read on a single word only"
    between = _PIECE.split(probe)
    for gap in between[1:-1]:
        if not _JOINER.fullmatch(gap):
            return f"{gap!r} splits it into pieces no text joins"
    if between[0].strip() or between[-1].strip():
        return f"{(between[0] or between[-1]).strip()!r} is not part of any word"
    return None
