"""The per-article kwic of the first release (commit 58afa4a), kept only as the reference the
fast ``analysis.explore.kwic.kwic`` is tested against (``test_kwic.py``): DuckDB pre-filters the
sentences, Python's ``re`` finds the matches sentence by sentence, the contexts are built from
dictionaries of whole sentences and quotes, spans and removals are joined with pandas merges.
It shares with the fast path only the pattern compiler, the table declaration, the sort key and how the input is read.
Not part of the kit: nothing under ``analysis/`` imports it."""

from __future__ import annotations


import pandas as pd

from analysis.errors import ParameterError
from analysis.explore.kwic import KWIC, PREFIXES, WINDOW, _scores, _sort_key, compile_pattern


def reference_kwic(scores_or_corpus, pattern: str, *, window: int = WINDOW, by: str | None = None,
         limit: int | None = None, case: bool = False) -> pd.DataFrame:
    """``analysis.explore.kwic.kwic`` as the first release computed it: same arguments, same table."""
    if not isinstance(window, int) or window < 0:
        raise ParameterError("must be a whole number of words, 0 or more", field="window")
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise ParameterError("must be a whole number, 1 or more", field="limit")
    scores = _scores(scores_or_corpus)
    with _Source(scores) as source:
        prefix, _, name = pattern.partition(":") if ":" in pattern else ("", "", pattern)
        if prefix in PREFIXES:
            if not name.strip():
                raise ParameterError(f"{prefix}: needs a name, as in {prefix}:{'slammed' if prefix == 'term' else 'hedge'}", field="pattern")
            matches = _lexicon_matches(source, prefix, name.strip(), limit)
        else:
            matches = _text_matches(source, pattern, case, limit)
        table = _build(source, matches, window, by)
    if limit is not None:
        table = table.head(limit)
    if by is not None:
        table = table.sort_values(by, kind="stable", key=_sort_key).reset_index(drop=True)
    return table


class _Source:
    """The tables of a ``Scores`` as DuckDB relations: a folder's Parquet parts where the table
    is not in memory yet, else the DataFrame."""

    def __init__(self, scores):
        import duckdb

        self.scores = scores
        self.con = duckdb.connect()
        self.con.execute("SET threads TO 2")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.con.close()

    def relation(self, name: str, con=None) -> str:
        """SQL naming table ``name`` (registered on ``con``, default this source's connection)."""
        scores = self.scores
        if scores.folder is not None and name not in scores._tables and name in scores.manifest.get("tables", ()):
            from analysis.io.scored import scored_parts

            files = [str(f) for f in scored_parts(scores.folder, name)]
            if files:
                return "read_parquet([" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "])"
        frame = scores.table(name)
        (con or self.con).register(f"mem_{name}", frame)
        return f"mem_{name}"

    def rows_for(self, name: str, columns: list[str], article_ids, where: str = "") -> pd.DataFrame:
        """``columns`` of table ``name`` for the given articles only (semi-join)."""
        ids = pd.DataFrame({"article_id": pd.unique(pd.Series(list(article_ids), dtype=object))})
        if ids.empty:
            from analysis.schema import TABLES

            return TABLES[name].empty()[columns]
        self.con.register("wanted_ids", ids)
        cols = ", ".join(f't."{c}"' for c in columns)
        sql = (f"SELECT {cols} FROM {self.relation(name)} t SEMI JOIN wanted_ids w ON t.article_id = w.article_id"
               + (f" WHERE {where}" if where else ""))
        return self.con.execute(sql).df()


def _text_matches(source: _Source, pattern: str, case: bool, limit) -> list[tuple]:
    regex, literal = compile_pattern(pattern, case=case)
    test = "contains(text, ?)" if case else "contains(lower(text), ?)"
    cursor = source.con.cursor()  # its own connection: the scan may stop before its end
    sql = f'SELECT article_id, sentence_id, start, text FROM {source.relation("sentences", cursor)} WHERE {test}'
    cursor.execute(sql, [literal])
    matches = []
    while True:
        batch = cursor.fetchmany(10_000)
        if not batch:
            break
        for article_id, sentence_id, s_start, text in batch:
            for m in regex.finditer(text):
                matches.append((article_id, int(sentence_id), int(s_start) + m.start(), int(s_start) + m.end(), m.group()))
        if limit is not None and len(matches) >= limit * 2:  # room for matches the removals leave out
            break
    cursor.close()
    return matches


def _lexicon_matches(source: _Source, column: str, name: str, limit) -> list[tuple]:
    sql = (f'SELECT article_id, sentence_id, start, "end", text FROM {source.relation("spans")} '
           f"WHERE {column} = ?" + (f" LIMIT {int(limit) * 2}" if limit else ""))
    rows = source.con.execute(sql, [name]).fetchall()
    return [(a, int(s), int(b), int(e), t) for a, s, b, e, t in rows]


def _build(source: _Source, matches: list[tuple], window: int, by: str | None) -> pd.DataFrame:
    if not matches:
        return _empty(by, source)
    found = pd.DataFrame(matches, columns=["article_id", "sentence_id", "start", "end", "match"])
    ids = found["article_id"].unique()
    removed = source.rows_for("removed", ["article_id", "start", "end"], ids)
    if len(removed):
        found = found[~_overlaps(found, removed)]
    found = found.sort_values(["article_id", "start"], kind="stable", key=_order_key(found))
    found = found.reset_index(drop=True)
    return _assemble(source, found, window, by)


def _order_key(found: pd.DataFrame):
    """Corpus order: articles as they first appear in the matches (the table's order), then offset."""
    first = {a: i for i, a in enumerate(dict.fromkeys(found["article_id"]))}
    return lambda col: col.map(first) if col.name == "article_id" else col


def _overlaps(found: pd.DataFrame, other: pd.DataFrame) -> pd.Series:
    """Per match: does any row of ``other`` (same article) overlap it?"""
    merged = found.reset_index().merge(other, on="article_id", suffixes=("", "_o"))
    hit = merged[(merged["start_o"] < merged["end"]) & (merged["start"] < merged["end_o"])]
    return found.index.to_series().isin(hit["index"])


def _assemble(source: _Source, found: pd.DataFrame, window: int, by: str | None) -> pd.DataFrame:
    ids = found["article_id"].unique()
    keys = pd.concat([found[["article_id", "sentence_id"]].assign(sentence_id=found["sentence_id"] + d) for d in (-1, 0, 1)])
    keys = keys.drop_duplicates()
    source.con.register("wanted_sentences", keys)
    sentences = source.con.execute(  # Python tuples: iterating a frame's Arrow strings costs more than the search
        f'SELECT t.article_id, t.sentence_id, t.start, t.part, t.text FROM {source.relation("sentences")} t '
        "SEMI JOIN wanted_sentences w ON t.article_id = w.article_id AND t.sentence_id = w.sentence_id").fetchall()
    by_key = {(a, s): (b, p, t) for a, s, b, p, t in sentences}
    lefts, rights, parts = [], [], []
    nothing = (0, "", "")
    for article_id, sentence_id, start, end in zip(found["article_id"].tolist(), found["sentence_id"].tolist(),
                                                   found["start"].tolist(), found["end"].tolist()):
        s_start, part, text = by_key[(article_id, sentence_id)]
        before = by_key.get((article_id, sentence_id - 1), nothing)[2]
        after = by_key.get((article_id, sentence_id + 1), nothing)[2]
        left_words = (before.split() + text[: start - s_start].split()) if window else []
        right_words = (text[end - s_start:].split() + after.split()) if window else []
        lefts.append(" ".join(left_words[-window:]) if window else "")
        rights.append(" ".join(right_words[:window]))
        parts.append(part)
    found = found.assign(left=lefts, right=rights, part=parts)

    quotes = source.rows_for("quotes", ["article_id", "start", "end", "speaker"], ids, where="t.kind = 'direct'")
    voice, speaker = _containing(found, quotes)
    spans = source.rows_for("spans", ["article_id", "start", "end", "term", "category", "loaded"], ids)
    loaded, term, category = _first_overlap(found, spans)
    found = found.assign(voice=voice, speaker=speaker, loaded=loaded, term=term, category=category)

    article_columns = ["article_id", "outlet", "title", "published", "event"]
    extra = [by] if by is not None and by not in KWIC.names else []
    articles = source.rows_for("articles", article_columns + extra if _has_columns(source, extra) else article_columns, ids)
    if extra and by not in articles.columns:
        raise ParameterError(f"no column {by!r} to sort by: kwic's columns are {', '.join(KWIC.names)}, "
                             "or a column of the articles table", field="by")
    table = found.merge(articles, on="article_id", how="left")
    names = KWIC.names[:1] + extra + KWIC.names[1:]
    return table[names].astype({c: t for c, t in KWIC.frame_dtypes.items()})


def _has_columns(source: _Source, columns: list[str]) -> bool:
    if not columns:
        return True
    described = source.con.execute(f"DESCRIBE SELECT * FROM {source.relation('articles')}").df()
    return all(c in set(described["column_name"]) for c in columns)


def _containing(found: pd.DataFrame, quotes: pd.DataFrame):
    """Per match: ``quoted``/``journalist`` and the speaker of the direct quote holding it."""
    voice = ["journalist"] * len(found)
    speaker: list = [None] * len(found)
    if len(quotes):
        merged = found[["article_id", "start", "end"]].reset_index().merge(quotes, on="article_id", suffixes=("", "_q"))
        inside = merged[(merged["start_q"] <= merged["start"]) & (merged["end"] <= merged["end_q"])]
        for row in inside.drop_duplicates("index").itertuples(index=False):
            voice[row.index] = "quoted"
            speaker[row.index] = row.speaker if isinstance(row.speaker, str) and row.speaker else None
    return voice, speaker


def _first_overlap(found: pd.DataFrame, spans: pd.DataFrame):
    """Per match: does a loaded hit overlap it, and the term and category of the lexicon hit
    overlapping it (a loaded one first, then the earliest)."""
    loaded = [False] * len(found)
    term: list = [None] * len(found)
    category: list = [None] * len(found)
    if len(spans):
        merged = found[["article_id", "start", "end"]].reset_index().merge(spans, on="article_id", suffixes=("", "_s"))
        hit = merged[(merged["start_s"] < merged["end"]) & (merged["start"] < merged["end_s"])]
        hit = hit.assign(unloaded=~hit["loaded"].astype(bool)).sort_values(["index", "unloaded", "start_s"], kind="stable")
        for row in hit.drop_duplicates("index").itertuples(index=False):
            loaded[row.index], term[row.index], category[row.index] = bool(row.loaded), row.term, row.category
    return loaded, term, category


def _empty(by, source) -> pd.DataFrame:
    frame = KWIC.empty()
    if by is not None and by not in KWIC.names:
        if not _has_columns(source, [by]):
            raise ParameterError(f"no column {by!r} to sort by: kwic's columns are {', '.join(KWIC.names)}, "
                                 "or a column of the articles table", field="by")
        frame.insert(1, by, pd.Series([], dtype=object))
    return frame
