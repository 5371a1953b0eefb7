"""``kwic``: keyword in context. Every match of a word, a phrase, a wildcard (``econ*``) or a
lexicon term or category (``term:slammed``, ``category:violence_conflict``) in a scored corpus,
one row each, with the words around it, its offsets into the original text, its voice and
speaker and whether it is a loaded-language hit.

Nothing is rescored. A `mediakit score` folder keeps no article text as such (``articles`` has
none), but ``sentences`` keeps every sentence verbatim with its offsets, so the search runs
over the ``sentences`` Parquet parts one by one, reading five columns: pyarrow's substring test
picks the sentences holding the pattern's longest literal piece, one ``re.finditer`` over them
joined finds the exact matches, the context is built for those matches only, and only the rows
of ``quotes``, ``spans``, ``removed`` and ``articles`` for the matched articles are kept (parts
whose statistics rule them out are not read), joined with NumPy by article and offsets.

The reports' concordances (``term_concordances``: the first uses of 15 to 75 terms) search all
their terms in that same pass: each part of ``sentences`` (or of ``spans``, for lexicon terms)
is read once for every term still short of its ``limit``, each term tested and matched on its
own (one ``finditer`` per term, so a term's matches are those ``kwic`` finds for it alone, which
one alternation of all the terms would not give where terms overlap), and the other tables are
read once for all the matches. A scored folder's article ids interleave across its parts, so
the min/max statistics seldom rule a part out and one ``kwic`` per term read every part of four
tables again: 190 s of the corpus report on a million articles.

Limits: a match never crosses a sentence boundary (a phrase split by the sentence cutter is not
found); the context (``left``/``right``) is words of the same and the neighbouring sentences,
joined by one space (the white space between sentences is not stored); text outside every
sentence (none, in the kit's own tables) is not searched; a match inside a stretch cleaning set
aside (an HTML tag, a shortcode) is left out, as the measures leave it out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.errors import InputError, ParameterError
from analysis.schema import Table

#: Words of context on each side, by default.
WINDOW = 6

KWIC = Table("kwic", "one row per match of a kwic pattern, in corpus order (article, then offset).", row="KwicRow",
             columns="""
    article_id   str      the article's id (`articles.article_id`)
    outlet       str      its outlet (`articles.outlet`)
    title        str      its title
    published    str      its publication date, as given
    event        str      the event it covers, as given
    sentence_id  int64    the sentence the match is in (`sentences.sentence_id`)
    part         str      that sentence's part: title | highlight | body
    start        int64    where the match starts in the article's text (`article.text`, as read)
    end          int64    where it ends (`article.text[start:end]` is `match`)
    left         str      up to `window` words before it (the same sentence, then the one before)
    match        str      the match, verbatim
    right        str      up to `window` words after it
    voice        str      quoted (inside a direct quote) | journalist
    speaker      str      that quote's speaker, when it has one
    loaded       bool     the match overlaps a loaded-language hit (a `spans` row with `loaded`)
    term         str      the lexicon term of the hit overlapping it (a loaded one first, else the earliest)
    category     str      that hit's category
""")

PREFIXES = ("term", "category")


def kwic(scores_or_corpus, pattern: str, *, window: int = WINDOW, by: str | None = None,
         limit: int | None = None, case: bool = False) -> pd.DataFrame:
    """Every match of ``pattern`` in the corpus, as a ``KWIC`` table (``analysis.explore.kwic.KWIC``
    documents the columns; ``by``, when it is an ``articles`` column not among them, is added
    after ``article_id``).

    ``scores_or_corpus``: a ``Scores``, a `mediakit score` folder, or a corpus or article file
    (scored now). ``pattern``: words separated by spaces, matched as whole words, ``*`` standing
    for any letters (``econ*``, ``war of word*``), case-insensitive unless ``case``; or
    ``term:ENTRY`` / ``category:NAME``: the loaded-language hits of that lexicon entry or
    category (as the lexicon matched them, inflections included). ``window``: words of context
    on each side. ``by``: a column to sort by (then corpus order), such as ``outlet``, ``match``
    or ``right``. ``limit``: at most this many rows (the first, in corpus order, before ``by``
    sorts them)."""
    _check(window, limit)
    (table,) = _kwic_each(_scores(scores_or_corpus), [pattern], window=window, limit=limit, case=case, by=by)
    if limit is not None:
        table = table.head(limit)
    if by is not None:
        table = table.sort_values(by, kind="stable", key=_sort_key).reset_index(drop=True)
    return table


def _check(window, limit) -> None:
    if not isinstance(window, int) or window < 0:
        raise ParameterError("must be a whole number of words, 0 or more", field="window")
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise ParameterError("must be a whole number, 1 or more", field="limit")


def _parse(pattern: str, case: bool):
    """A pattern as ``(prefix, name)`` (a lexicon pattern) or ``("", (regex, literal, separator))``;
    ParameterError when it is none."""
    prefix, _, name = pattern.partition(":") if ":" in pattern else ("", "", pattern)
    if prefix in PREFIXES:
        if not name.strip():
            raise ParameterError(f"{prefix}: needs a name, as in {prefix}:{'slammed' if prefix == 'term' else 'hedge'}", field="pattern")
        return prefix, name.strip()
    return "", (*compile_pattern(pattern, case=case), _separator(pattern))


def _kwic_each(scores, patterns, *, window: int, limit, case: bool = False, by: str | None = None, invalid: str = "raise") -> list:
    """The ``KWIC`` table of each of ``patterns`` (before ``limit``'s head and ``by``'s sort), in one
    pass: the ``sentences`` parts are read once for all the text patterns, ``spans`` once for the
    lexicon ones, and ``quotes``, ``spans``, ``removed`` and ``articles`` once for every match. Each
    table is the one ``kwic`` gives for its pattern alone: a pattern's matches, its ``limit`` and
    its corpus order are its own. ``invalid``: ``raise`` a pattern's ParameterError, or give
    ``None`` for that pattern."""
    text, lexicon, tables = [], [], [None] * len(patterns)
    for k, pattern in enumerate(patterns):
        try:
            prefix, parsed = _parse(pattern, case)
        except ParameterError:
            if invalid == "raise":
                raise
            continue
        if prefix:
            lexicon.append((k, prefix, parsed))
        else:
            text.append((k, *parsed))
    pieces = [_text_matches(scores, text, case, window, limit)] if text else []
    if lexicon:
        pieces.append(_lexicon_matches(scores, lexicon, window, limit))
    ids: list = []
    found = _Found.concat(ids, [_recoded(ids, p) for p in pieces], _Found.NAMES + ("match", "part", "left", "right"))
    built = _build(scores, found, by, [k for k, *_ in text + lexicon])
    for k, table in built.items():
        tables[k] = table
    return tables


def _recoded(ids: list, found: "_Found") -> "_Found":
    """``found`` with its article codes into ``ids`` (the articles appended, in order, when new)."""
    import numpy as np

    index = {name: i for i, name in enumerate(ids)}
    local = np.array([index.setdefault(name, len(index)) for name in found.ids], dtype=np.int64)
    ids[:] = list(index)
    return _Found(ids, **{**found.columns, "code": local[found.code] if len(found) else found.code})


def compile_pattern(pattern: str, *, case: bool = False) -> tuple[re.Pattern, str]:
    """The regular expression a text pattern stands for, and the longest literal piece of it
    (lower-cased unless ``case``), which every match contains: the pre-filter."""
    words = pattern.split()
    if not words:
        raise ParameterError("is empty: give a word, a phrase or a wildcard such as econ*", field="pattern")
    pieces = []
    for word in words:
        if not word.strip("*"):
            raise ParameterError(f"{word!r} has no letters: a wildcard needs some (econ*)", field="pattern")
        pieces.append(r"\w*".join(re.escape(chunk) for chunk in word.split("*")))
    regex = re.compile(r"(?<!\w)" + r"\s+".join(pieces) + r"(?!\w)", 0 if case else re.IGNORECASE)
    literal = max((chunk for word in words for chunk in word.split("*")), key=len)
    return regex, literal if case else literal.lower()


def _scores(value):
    from analysis.scoring.results import Scores

    if isinstance(value, Scores):
        return value
    if isinstance(value, (str, Path)):
        from analysis.scoring.load import load_scores

        return load_scores(value)
    raise InputError(f"expected Scores, a `mediakit score` folder or a corpus, got {type(value).__name__}", field="scores")


# ------------------------------------------------------------------------------ reading the tables

def _from_parts(scores, name: str) -> bool:
    """Is table ``name`` read from the folder's Parquet parts (not loaded into the ``Scores``)?"""
    return scores.folder is not None and name not in scores._tables and name in scores.manifest.get("tables", ())


def _tables(scores, name: str, columns: list[str], ids: set | None = None):
    """Table ``name`` as pyarrow Tables of ``columns`` (those it has): one per Parquet part of a
    folder, in chunk order, or one for a table in memory. ``ids``: skip the parts whose
    statistics rule out every one of these articles."""
    import pyarrow as pa

    if _from_parts(scores, name):
        from analysis.io.scored import read_part, scored_parts

        bounds = (min(ids), max(ids)) if ids else None
        for path in scored_parts(scores.folder, name):
            if bounds is None or _may_hold(path, *bounds):
                yield read_part(path, name, columns)
        return
    frame = scores.table(name)
    yield pa.Table.from_pandas(frame[[c for c in columns if c in frame.columns]], preserve_index=False)


def _may_hold(path, low: str, high: str) -> bool:
    """Can the part file ``path`` hold rows of articles between ``low`` and ``high``? (its row
    groups' min/max ``article_id`` statistics, from the footer alone; True when it has none)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.read_metadata(path)
    except (OSError, pa.ArrowException) as error:
        raise InputError(f"not a readable Parquet part: {error}", file=path) from error
    where = meta.schema.to_arrow_schema().get_field_index("article_id")
    if where < 0:
        return True
    for group in range(meta.num_row_groups):
        stats = meta.row_group(group).column(where).statistics
        if stats is None or not stats.has_min_max or not (high < stats.min or stats.max < low):
            return True
    return False


def _codes(column):
    """An ``article_id`` column (plain or dictionary-encoded) as integer codes and the list of
    ids they index."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(column)
    chunks = pa.table({"c": column}).unify_dictionaries().column(0).chunks
    if not chunks:
        return np.zeros(0, dtype=np.int64), []
    codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks]).astype(np.int64)
    return codes, chunks[0].dictionary.to_pylist()


def _rows(scores, name: str, columns: list[str], ids: pd.Index, parts: list | None = None) -> pd.DataFrame:
    """``columns`` of table ``name`` for the articles ``ids`` only, in table order, with
    ``code``: the article's position in ``ids``. Parts whose statistics rule the articles out
    are not read; ``parts``: the table already read (``_tables``), filtered instead."""
    import numpy as np

    frames = []
    wanted = set(ids)
    for table in (_tables(scores, name, columns, wanted) if parts is None else parts) if wanted else ():
        codes, names = _codes(table.column("article_id"))
        code = ids.get_indexer(names)[codes] if len(names) else codes
        keep = np.flatnonzero(code >= 0)
        frame = table.take(keep).drop_columns(["article_id"]).to_pandas()
        frames.append(frame.assign(code=code[keep]))
    if not frames:
        from analysis.schema import TABLES

        return TABLES[name].empty()[[c for c in columns if c != "article_id"]].assign(code=pd.Series([], dtype="int64"))
    return pd.concat(frames, ignore_index=True)


def _article_columns(scores) -> list[str]:
    if _from_parts(scores, "articles"):
        import pyarrow.parquet as pq

        from analysis.io.scored import scored_parts

        return pq.read_schema(scored_parts(scores.folder, "articles")[0]).names
    return list(scores.table("articles").columns)


# ------------------------------------------------------------------------------ finding the matches

class _Found:
    """Matches as parallel columns: ``code`` (the article, an index into ``ids``), ``order`` (the
    order they were found in), ``sentence_id``, ``start``, ``end``, ``which`` (the pattern's
    position among those searched together), ``match``, and, once known, ``part``, ``left`` and
    ``right``."""

    NAMES = ("code", "order", "sentence_id", "start", "end", "which")

    def __init__(self, ids: list, **columns):
        self.ids = ids
        self.columns = columns

    def __len__(self):
        return len(self.columns["code"])

    def __getattr__(self, name):
        try:
            return self.__dict__["columns"][name]
        except KeyError:
            raise AttributeError(name) from None

    def take(self, keep) -> "_Found":
        return _Found(self.ids, **{k: _array(v)[keep] for k, v in self.columns.items()})

    @classmethod
    def concat(cls, ids: list, pieces: list["_Found"], names) -> "_Found":
        import numpy as np

        def empty(k):
            return np.zeros(0, dtype=np.int64 if k in cls.NAMES else object)

        return cls(ids, **{k: np.concatenate([_array(getattr(p, k)) for p in pieces] or [empty(k)]) for k in names})


def _array(values):
    """``values`` as a NumPy array (text as an object array: taking rows from it is one call)."""
    import numpy as np

    if isinstance(values, np.ndarray):
        return values
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _separator(pattern: str) -> str:
    """White space around a control character the pattern does not contain: a match (words
    joined by white space, no white space inside a word) cannot run across it."""
    char = next(c for c in "\x00\x01\x02\x03\x04" if c not in pattern)
    return f"\n{char}\n"


def _text_matches(scores, patterns: list, case: bool, window: int, limit) -> _Found:
    """The matches of ``patterns`` (``(which, regex, literal, separator)`` each), part by part of
    ``sentences``, read once for them all: per pattern, pyarrow's substring test picks the
    sentences holding its longest literal piece, those are joined into one string and searched
    with one ``finditer``; matches inside removed stretches are dropped, and the context is built
    for the matches left. A pattern is searched until the part that reaches its ``limit``; the
    parts stop when every pattern has."""
    import numpy as np
    import pyarrow.compute as pc

    ids: list = []
    index: dict = {}
    pieces, order = [], 0
    kept = {which: 0 for which, *_ in patterns}
    removed = _Once(lambda: list(_tables(scores, "removed", ["article_id", "start", "end"])))
    for table in _tables(scores, "sentences", ["article_id", "sentence_id", "start", "part", "text"]):
        pending = [p for p in patterns if limit is None or kept[p[0]] < limit]
        if not pending:
            break
        text = table.column("text")
        codes = names = None
        here = []
        for which, regex, literal, separator in pending:
            holds = pc.match_substring(text, literal, ignore_case=not case).fill_null(False)
            rows = np.flatnonzero(holds.to_numpy(zero_copy_only=False))
            if not len(rows):
                continue
            texts = text.take(rows).to_pylist()
            joined = separator.join(texts)
            offsets = np.zeros(len(texts), dtype=np.int64)
            np.cumsum([len(t) + len(separator) for t in texts[:-1]], out=offsets[1:])
            spans = [(m.start(), m.end(), m.group()) for m in regex.finditer(joined)]
            if not spans:
                continue
            at = np.fromiter((s for s, _, _ in spans), dtype=np.int64, count=len(spans))
            to = np.fromiter((e for _, e, _ in spans), dtype=np.int64, count=len(spans))
            where = np.searchsorted(offsets, at, side="right") - 1
            row = rows[where]
            if codes is None:
                codes, names = _codes(table.column("article_id"))
                sentence_start, sentence_id = table.column("start").to_numpy(), table.column("sentence_id").to_numpy()
            local = _register(ids, index, names, codes[row])
            here.append(_Found(ids, code=local[codes[row]], order=order + np.arange(len(spans)), sentence_id=sentence_id[row],
                               start=sentence_start[row] + at - offsets[where], end=sentence_start[row] + to - offsets[where],
                               which=np.full(len(spans), which, dtype=np.int64), match=[m for _, _, m in spans], row=row))
            order += len(spans)
        if not here:
            continue
        found = _drop_removed(scores, _Found.concat(ids, here, _Found.NAMES + ("match", "row")), removed())
        found = _first(found, limit, kept)
        pieces.append(_context(table, codes, found, window))
    return _Found.concat(ids, pieces, _Found.NAMES + ("match", "part", "left", "right"))


class _Once:
    """A value computed the first time it is asked for, then kept (a table read once a pass)."""

    def __init__(self, make):
        self.make, self.value, self.done = make, None, False

    def __call__(self):
        if not self.done:
            self.value, self.done = self.make(), True
        return self.value


def _register(ids: list, index: dict, names: list, codes):
    """Codes of a part's ``names`` (the ones ``codes`` use) among the matched articles ``ids``
    (appended to it, with ``index``, in the order first met); -1 for the others."""
    import numpy as np

    local = np.full(len(names), -1, dtype=np.int64)
    for code in np.unique(codes).tolist():
        name = names[code]
        if name not in index:
            index[name] = len(ids)
            ids.append(name)
        local[code] = index[name]
    return local


def _lexicon_matches(scores, patterns: list, window: int, limit) -> _Found:
    """The loaded-language hits of lexicon entries (``term``) or categories (``patterns``:
    ``(which, column, name)`` each), from ``spans`` read once for them all, with their sentences'
    context (``sentences`` read once)."""
    import numpy as np
    import pyarrow.compute as pc

    ids: list = []
    index: dict = {}
    pieces, order = [], 0
    kept = {which: 0 for which, *_ in patterns}
    removed = _Once(lambda: list(_tables(scores, "removed", ["article_id", "start", "end"])))
    columns = sorted({column for _, column, _ in patterns})
    for table in _tables(scores, "spans", ["article_id", "sentence_id", "start", "end", "text", *columns]):
        pending = [p for p in patterns if limit is None or kept[p[0]] < limit]
        if not pending:  # the parts are in corpus order: the first are found
            break
        here = []
        for which, column, name in pending:
            hits = table.filter(pc.equal(table.column(column), name).fill_null(False))
            if not hits.num_rows:
                continue
            codes, names = _codes(hits.column("article_id"))
            local = _register(ids, index, names, codes)
            here.append(_Found(ids, code=local[codes], order=order + np.arange(hits.num_rows),
                               sentence_id=hits.column("sentence_id").to_numpy(), start=hits.column("start").to_numpy(),
                               end=hits.column("end").to_numpy(), which=np.full(hits.num_rows, which, dtype=np.int64),
                               match=hits.column("text").to_pylist()))
            order += hits.num_rows
        if here:
            found = _drop_removed(scores, _Found.concat(ids, here, _Found.NAMES + ("match",)), removed())
            pieces.append(_first(found, limit, kept))
    return _contexts_of(scores, _Found.concat(ids, pieces, _Found.NAMES + ("match",)), window)


def _first(found: _Found, limit, kept: dict) -> _Found:
    """Of each pattern's matches, the first ``limit`` less the ``kept`` ones (counted in, per
    pattern) in corpus order, in the order found (every match when ``limit`` is None)."""
    import numpy as np

    if limit is None:
        return found
    keep = []
    for which in np.unique(found.which).tolist():
        at = np.flatnonzero(found.which == which)
        room = max(limit - kept[which], 0)
        if len(at) > room:
            at = np.sort(at[_corpus_order(found.take(at))[:room]])
        kept[which] += len(at)
        keep.append(at)
    return found.take(np.sort(np.concatenate(keep))) if keep else found


def _corpus_order(found: _Found):
    """Positions of the matches in corpus order: articles in the order of their first match,
    then by offset."""
    import numpy as np

    if not len(found):
        return np.zeros(0, dtype=np.int64)
    first = np.full(len(found.ids), np.iinfo(np.int64).max)
    np.minimum.at(first, found.code, found.order)
    return np.lexsort((found.start, first[found.code]))


def _drop_removed(scores, found: _Found, parts: list | None = None) -> _Found:
    """Without the matches overlapping a stretch cleaning set aside (``removed``; ``parts``: that
    table already read by ``_tables``)."""
    import numpy as np

    if not len(found):
        return found
    present = np.unique(found.code)  # only these articles' rows: the parts holding others are not read
    removed = _rows(scores, "removed", ["article_id", "start", "end"], pd.Index(np.array(found.ids, dtype=object)[present], dtype=object), parts)
    if removed.empty:
        return found
    mine, theirs = _pairs(found.code, present[removed["code"].to_numpy()])
    hit = (removed["start"].to_numpy()[theirs] < found.end[mine]) & (found.start[mine] < removed["end"].to_numpy()[theirs])
    return found.take(np.flatnonzero(~np.isin(np.arange(len(found)), mine[hit])))


def _pairs(codes, other_codes):
    """Every (match, other row) pair of the same article, as two index arrays: matches in
    order, and for each the other rows in their table order (what ``merge`` on the article gives)."""
    import numpy as np

    order = np.argsort(other_codes, kind="stable")
    ranked = other_codes[order]
    low = np.searchsorted(ranked, codes, side="left")
    counts = np.searchsorted(ranked, codes, side="right") - low
    mine = np.repeat(np.arange(len(codes)), counts)
    step = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return mine, order[np.repeat(low, counts) + step]


# ------------------------------------------------------------------------------ the context

def _context(table, codes, found: _Found, window: int) -> _Found:
    """``found`` (matches in the sentences ``table``, at rows ``found.row``) with ``part``, and
    ``left``/``right``: up to ``window`` words before and after, from the sentence and, when it
    runs short, its neighbour (the previous or next ``sentence_id`` of the article)."""
    import numpy as np

    rows = found.row
    sentence = table.column("sentence_id").to_numpy()
    if not len(rows):
        return _Found(found.ids, **found.columns, part=[], left=[], right=[])
    width = int(sentence.max()) + 3
    key = codes * width + sentence + 1
    order = np.argsort(key, kind="stable")
    ranked = key[order]

    def neighbour(step):
        at = np.minimum(np.searchsorted(ranked, key[rows] + step), len(ranked) - 1)
        return np.where(ranked[at] == key[rows] + step, order[at], -1)

    before, after = neighbour(-1), neighbour(1)
    needed = np.unique(np.concatenate([rows, before[before >= 0], after[after >= 0]]))
    texts = [t or "" for t in table.column("text").take(needed).to_pylist()]
    here = np.searchsorted(needed, rows)
    prev = np.where(before >= 0, np.searchsorted(needed, before), -1)
    nxt = np.where(after >= 0, np.searchsorted(needed, after), -1)
    start = table.column("start").to_numpy()[rows]
    lefts, rights = _words_around(texts, here.tolist(), prev.tolist(), nxt.tolist(),
                                  (found.start - start).tolist(), (found.end - start).tolist(), window)
    part = table.column("part").take(rows).to_pylist()
    return _Found(found.ids, **found.columns, part=part, left=lefts, right=rights)


def _words_around(texts, here, prev, nxt, starts, ends, window: int):
    """Per match: the last ``window`` words before it (its sentence's, then the previous
    sentence's) and the first ``window`` after it, each joined by one space: the words
    ``str.split`` gives, taken with ``rsplit``/``split`` limited to the words needed."""
    if not window:
        return [""] * len(here), [""] * len(here)
    lefts, rights = [], []
    for h, p, n, s, e in zip(here, prev, nxt, starts, ends):
        text = texts[h]
        words = text[:s].rsplit(None, window)
        if len(words) > window:
            words = words[1:]
        elif len(words) < window and p >= 0:
            short = window - len(words)
            more = texts[p].rsplit(None, short)
            words = (more[1:] if len(more) > short else more) + words
        lefts.append(" ".join(words))
        words = text[e:].split(None, window)
        if len(words) > window:
            words = words[:window]
        elif len(words) < window and n >= 0:
            short = window - len(words)
            words += texts[n].split(None, short)[:short]
        rights.append(" ".join(words))
    return lefts, rights


def _contexts_of(scores, found: _Found, window: int) -> _Found:
    """The context of matches known by article and offsets (lexicon hits): their sentences found
    part by part of ``sentences``, by article and ``sentence_id``."""
    import numpy as np

    pieces, places, placed = [], [], 0
    wanted = pd.Index(found.ids, dtype=object)
    wanted_ids = set(wanted[np.unique(found.code)])
    for table in _tables(scores, "sentences", ["article_id", "sentence_id", "start", "part", "text"], wanted_ids) if len(found) else ():
        codes, names = _codes(table.column("article_id"))
        local = wanted.get_indexer(names)
        sentence = table.column("sentence_id").to_numpy()
        width = max(int(sentence.max()), int(found.sentence_id.max())) + 1
        key = np.where(local[codes] >= 0, local[codes] * width + sentence, -1)
        order = np.argsort(key, kind="stable")
        ranked = key[order]
        target = found.code * width + found.sentence_id
        at = np.minimum(np.searchsorted(ranked, target), len(ranked) - 1)
        mine = np.flatnonzero((ranked[at] == target) & (target >= 0))
        # the last sentence row with that key, as a dictionary built from the rows would keep
        last = np.searchsorted(ranked, target[mine], side="right") - 1
        if not len(mine):
            continue
        piece = found.take(mine)
        piece.columns["row"] = order[last]
        pieces.append(_context(table, codes, piece, window))
        places.append(mine)
        placed += len(mine)
        if placed >= len(found):  # an article's sentences are in one part: the rest hold none of these
            break
    if not pieces:
        if len(found):
            raise InputError("a lexicon hit's sentence is not in the sentences table", field="sentence_id")
        return _Found(found.ids, **found.columns, part=[], left=[], right=[])
    joined = _Found.concat(found.ids, pieces, _Found.NAMES + ("match", "part", "left", "right"))
    return joined.take(np.argsort(np.concatenate(places), kind="stable"))


# ------------------------------------------------------------------------------ the table

def _build(scores, found: _Found, by: str | None, patterns: list) -> dict:
    """``{which: KWIC table}`` for each of ``patterns`` (positions, the ``which`` of ``found``):
    its matches in corpus order, with voice, speaker, the lexicon hit and the article's
    variables, the other tables read once for every match."""
    import numpy as np

    extra = [by] if by is not None and by not in KWIC.names else []
    if extra and by not in _article_columns(scores):
        raise ParameterError(f"no column {by!r} to sort by: kwic's columns are {', '.join(KWIC.names)}, "
                             "or a column of the articles table", field="by")
    if not len(found):
        return {which: _empty(by, extra) for which in patterns}
    ids = pd.Index(found.ids, dtype=object)
    quotes = _rows(scores, "quotes", ["article_id", "start", "end", "speaker", "kind"], ids)
    quotes = quotes[quotes["kind"] == "direct"]
    voice, speaker = _containing(found, quotes)
    spans = _rows(scores, "spans", ["article_id", "start", "end", "term", "category", "loaded"], ids)
    loaded, term, category = _first_overlap(found, spans)
    articles = _rows(scores, "articles", ["article_id", "outlet", "title", "published", "event"] + extra, ids)
    articles = articles.drop_duplicates("code").set_index("code")
    where = articles.index.get_indexer(found.code)
    values = {name: articles[name].to_numpy(dtype=object, na_value=None) if name in articles else np.full(len(articles), None)
              for name in ["outlet", "title", "published", "event"] + extra}
    names = KWIC.names[:1] + extra + KWIC.names[1:]
    out = {}
    for which in patterns:
        mine = np.flatnonzero(found.which == which)
        if not len(mine):
            out[which] = _empty(by, extra)
            continue
        rows = mine[_corpus_order(found.take(mine))]
        at = where[rows]
        # text columns from Python lists: pandas gives a column its text dtype when it holds text
        columns = {"article_id": [found.ids[c] for c in found.code[rows].tolist()], "sentence_id": found.sentence_id[rows],
                   "part": _array(found.part)[rows].tolist(), "start": found.start[rows], "end": found.end[rows],
                   "left": _array(found.left)[rows].tolist(), "match": _array(found.match)[rows].tolist(),
                   "right": _array(found.right)[rows].tolist(), "voice": voice[rows].tolist(), "speaker": speaker[rows].tolist(),
                   "loaded": loaded[rows], "term": term[rows].tolist(), "category": category[rows].tolist()}
        for name, column in values.items():
            columns[name] = np.where(at >= 0, column[at], None).tolist() if len(articles) else [None] * len(rows)
        out[which] = pd.DataFrame(columns)[names].astype({c: t for c, t in KWIC.frame_dtypes.items()})
    return out


def _empty(by: str | None, extra: list) -> pd.DataFrame:
    frame = KWIC.empty()
    if extra:
        frame.insert(1, by, pd.Series([], dtype=object))
    return frame


def _containing(found: _Found, quotes: pd.DataFrame):
    """Per match: ``quoted``/``journalist`` and the speaker of the (first) direct quote holding it."""
    import numpy as np

    voice = np.full(len(found), "journalist", dtype=object)
    speaker = np.full(len(found), None, dtype=object)
    if len(quotes):
        mine, theirs = _pairs(found.code, quotes["code"].to_numpy())
        inside = (quotes["start"].to_numpy()[theirs] <= found.start[mine]) & (found.end[mine] <= quotes["end"].to_numpy()[theirs])
        mine, theirs = mine[inside], theirs[inside]
        which, first = np.unique(mine, return_index=True)
        voice[which] = "quoted"
        names = quotes["speaker"].to_numpy(dtype=object, na_value=None)[theirs[first]]
        speaker[which] = [n if isinstance(n, str) and n else None for n in names]
    return voice, speaker


def _first_overlap(found: _Found, spans: pd.DataFrame):
    """Per match: does a loaded hit overlap it, and the term and category of the lexicon hit
    overlapping it (a loaded one first, then the earliest)."""
    import numpy as np

    loaded = np.zeros(len(found), dtype=bool)
    term = np.full(len(found), None, dtype=object)
    category = np.full(len(found), None, dtype=object)
    if len(spans):
        mine, theirs = _pairs(found.code, spans["code"].to_numpy())
        starts = spans["start"].to_numpy()[theirs]
        hit = (starts < found.end[mine]) & (found.start[mine] < spans["end"].to_numpy()[theirs])
        mine, theirs, starts = mine[hit], theirs[hit], starts[hit]
        is_loaded = spans["loaded"].to_numpy(dtype=bool, na_value=False)[theirs]
        ranked = np.lexsort((starts, ~is_loaded, mine))
        which, first = np.unique(mine[ranked], return_index=True)
        best = theirs[ranked][first]
        loaded[which] = is_loaded[ranked][first]
        term[which] = spans["term"].to_numpy(dtype=object, na_value=None)[best]
        category[which] = spans["category"].to_numpy(dtype=object, na_value=None)[best]
    return loaded, term, category


def _sort_key(column: pd.Series) -> pd.Series:
    """Text sorts case-insensitively (a concordance sorted by ``right`` reads alphabetically)."""
    return column.str.lower() if column.dtype == object or pd.api.types.is_string_dtype(column) else column


# ------------------------------------------------------------------------------ displaying it

def concordance(table: pd.DataFrame, *, by: str | None = None, max_rows: int | None = 200):
    """A ``kwic`` table as a concordance for JupyterLab (an object with ``_repr_html_``): left
    context right-aligned, the match in bold (a loaded hit marked in its category's colour), right
    context, and the article, outlet, voice and speaker beside; ``by``: a column shown first.
    Everything escaped as in the reports."""
    from analysis.explore.display import MarkedText, _literal
    from analysis.report import render

    shown = table if max_rows is None else table.head(max_rows)
    rows = []
    for r in shown.itertuples(index=False):
        style = (f' style="background:{render.colour(r.category)}55" title="{render.esc(f"{r.category}: {r.term}")}"'
                 if r.loaded else "")
        first = f"<td>{render.esc(getattr(r, by))}</td>" if by else ""
        who = r.speaker if r.voice == "quoted" and isinstance(r.speaker, str) else r.voice
        rows.append(f'<tr>{first}<td class="mk-kwic-left">{render.esc(r.left)}</td>'
                    f'<td class="mk-kwic-match"><strong{style}>{render.esc(r.match)}</strong></td>'
                    f'<td class="mk-kwic-right">{render.esc(r.right)}</td>'
                    f"<td>{render.esc(r.article_id)}</td><td>{render.esc(r.outlet)}</td><td>{render.esc(who)}</td></tr>")
    head = (f"<th>{render.esc(by)}</th>" if by else "") + "<th>left</th><th>match</th><th>right</th><th>article</th><th>outlet</th><th>voice</th>"
    more = f"<p>{len(table) - len(shown):,} more rows in the table.</p>" if len(shown) < len(table) else ""
    style = ("<style>.mk-kwic td { padding: 1px 6px; font-family: Georgia, serif; font-size: 14px; }"
             " .mk-kwic .mk-kwic-left { text-align: right; } .mk-kwic .mk-kwic-match { text-align: center; }</style>")
    html = (f"{style}<p>{len(table):,} matches in {table['article_id'].nunique():,} articles</p>"
            f'<table class="mk-kwic"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{more}')
    return MarkedText(_literal(html), f"concordance: {len(table):,} matches")


def concordance_lines(table: pd.DataFrame, *, by: str | None = None, width: int = 40) -> list[str]:
    """The concordance as plain-text lines for a terminal: ``width`` characters of context on
    each side (left cut at its start, right at its end), the match between ``[ ]``, then the
    article, and ``by`` first when given. Control characters in the text are shown as spaces."""
    out = []
    for r in table.itertuples(index=False):
        left = _plain(r.left)[-width:].rjust(width)
        right = _plain(r.right)[:width].ljust(width)
        first = f"{_plain(getattr(r, by))}  " if by else ""
        who = f" quoted: {_plain(r.speaker)}" if r.voice == "quoted" and isinstance(r.speaker, str) else ""
        loaded = f" loaded: {_plain(r.category)}" if r.loaded else ""
        out.append(f"{first}{left} [{_plain(r.match)}] {right}  {_plain(r.article_id)}:{r.start}{who}{loaded}")
    return out


def _plain(value) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", text)


# ------------------------------------------------------------------------------ in the reports

def term_anchors(terms, *, prefix: str) -> dict:
    """``{term: anchor id}`` for the distinct ``terms`` in order: ``kwic-<prefix>-<n>`` (no text
    from the data goes into an id)."""
    return {term: f"kwic-{prefix}-{i}" for i, term in enumerate(dict.fromkeys(terms))}


def linked_table(frame: pd.DataFrame, column: str, anchors: dict, *, float_format: str = "{:.3f}") -> str:
    """``frame`` as ``render.table`` renders it (every cell escaped, floats rounded), with each
    cell of ``column`` that has an anchor a link to it (``#kwic-…``, within the page)."""
    from analysis.report import render

    cells = {}
    for name in frame.columns:
        values = frame[name]
        if pd.api.types.is_float_dtype(values):
            cells[name] = ["" if pd.isna(v) else render.esc(float_format.format(v)) for v in values]
        else:
            cells[name] = ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else render.esc(v) for v in values]
    cells[column] = [f'<a href="#{anchors[v]}">{render.esc(v)}</a>' if v in anchors else render.esc(v)
                     for v in frame[column]]
    return pd.DataFrame(cells, columns=list(frame.columns)).to_html(index=False, escape=False, border=0, classes="mk-table")


def term_concordances(scores, terms, *, on: str, prefix: str, per_term: int = 5, window: int = WINDOW) -> str:
    """A short concordance of each term's first ``per_term`` uses in the corpus, each under the
    anchor ``term_anchors`` gives it, as static HTML (no script). ``on``: ``loaded`` (the
    lexicon entry's hits, ``term:…``) or ``words`` (the word, case-insensitive)."""
    from analysis.report import render

    if on not in ("loaded", "words"):
        raise ParameterError("must be loaded or words", field="on")
    anchors = term_anchors(terms, prefix=prefix)
    patterns = [f"term:{term}" if on == "loaded" else str(term) for term in anchors]
    # one pass for every term (a token that is no pattern, no letters, gives None: said, not dropped)
    tables = _kwic_each(_scores(scores), patterns, window=window, limit=per_term, invalid="none") if patterns else []
    sections = []
    for (term, anchor), table in zip(anchors.items(), tables):
        if table is not None:
            table = table.head(per_term)
        if table is None or table.empty:
            body = "<p>No use found in the sentences.</p>"
        else:
            body = "<ol>" + "".join(
                f"<li>{render.esc(r.left)} <strong>{render.esc(r.match)}</strong> {render.esc(r.right)} "
                f"<small>({render.esc(r.outlet)}, {render.esc(r.article_id)}, {render.esc(r.voice if r.voice != 'quoted' or not isinstance(r.speaker, str) else 'quoted: ' + r.speaker)})</small></li>"
                for r in table.itertuples(index=False)) + "</ol>"
        sections.append(f'<div class="mk-kwic-term" id="{anchor}"><p><strong>{render.esc(term)}</strong>: '
                        f"its first {per_term} uses</p>{body}</div>")
    return ('<div class="mk-kwic-terms"><p>Each term in context (its first uses, in corpus order):</p>'
            f'{"".join(sections)}</div>') if sections else ""
