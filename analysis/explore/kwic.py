"""``kwic``: keyword in context. Every match of a word, a phrase, a wildcard (``econ*``) or a
lexicon term or category (``term:slammed``, ``category:violence_conflict``) in a scored corpus,
one row each, with the words around it, its offsets into the original text, its voice and
speaker and whether it is a loaded-language hit.

Nothing is rescored. A `mediakit score` folder keeps no article text as such (``articles`` has
none), but ``sentences`` keeps every sentence verbatim with its offsets, so the search runs
over the ``sentences`` Parquet parts with DuckDB: a substring pre-filter picks the few
sentences that can match, Python's ``re`` finds the exact matches in them, and only the rows
of ``quotes``, ``spans``, ``removed`` and ``articles`` for the matched articles are read.

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
            from analysis.explore.display import _parts

            files = [str(f) for f in _parts(scores, name)]
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
    sections = []
    for term, anchor in term_anchors(terms, prefix=prefix).items():
        pattern = f"term:{term}" if on == "loaded" else str(term)
        try:
            table = kwic(scores, pattern, limit=per_term, window=window)
        except ParameterError:  # a token that is no pattern (no letters): say so, do not drop it
            table = None
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
