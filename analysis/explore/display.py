"""Rich display for JupyterLab: what an ``Article``, a ``Scores`` and a ``Comparison`` show when
they are the last value of a cell, and ``show``, the article marked up as the report marks it.

Every piece of HTML here is built from ``analysis.report.render`` (``esc``, ``table``,
``legend``, ``highlighted_text``): the text of articles, outlets, speakers and terms is escaped
there and nowhere else, exactly as in the reports, and no script is ever written.
"""

from __future__ import annotations

import pandas as pd

from analysis.article import Article
from analysis.errors import ParameterError

#: What ``show`` can mark, in the order the legend lists them.
MARKS = ("loaded", "quotes", "frames", "actors", "dictionary")

#: An article longer than this many characters is shown collapsed (a ``<details>`` element the
#: reader opens); shorter ones are shown open. About two screens of text.
COLLAPSE_CHARS = 3_000

#: Rows of each table a ``Scores`` display shows.
PREVIEW_ROWS = 5

#: Pairwise differences a ``Comparison`` display lists, smallest Holm-adjusted p first.
HEADLINE_DIFFERENCES = 10

#: The table a user dictionary's hits are in, when the kit has one (it is marked by ``show``).
DICTIONARY_TABLE = "dictionary_hits"


#: Every fragment is wrapped in this: JupyterLab typesets ``$…$`` in HTML output as TeX unless
#: an ancestor carries MathJax's ignore class, so a "$x$" in an article stays as written.
def _literal(html: str) -> str:
    return f'<div class="tex2jax_ignore mathjax_ignore">{html}</div>'


class MarkedText:
    """An HTML fragment that JupyterLab displays (``_repr_html_``); ``html`` is the string,
    ``str(x)`` the same. ``__repr__`` says what it is in one line."""

    __slots__ = ("html", "_summary")

    def __init__(self, html: str, summary: str):
        self.html = html
        self._summary = summary

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<{self._summary}>"


def show(article: Article, scores=None, *, mark=MARKS, lexicon=None) -> MarkedText:
    """``article``'s text marked up as the article report marks it: loaded-language hits by
    category, direct and reported quotes with their speakers, frame cues, actor mentions and,
    when the scores hold a user dictionary's hits, its categories.

    ``scores``: the article's ``Scores`` (or a corpus's: its rows for ``article.id`` are used);
    ``None`` scores the article now (with ``lexicon``, actors included when ``mark`` names them).
    ``mark``: any of ``MARKS``; what is left out is not marked (the text is all there)."""
    marks = _marks(mark)
    if scores is None:
        from analysis.scoring.score import score_article

        scores = score_article(article, lexicon, actors="actors" in marks)
    tables = _article_tables(scores, article.id, marks)
    from analysis.report import render

    legend = render.legend(tables["spans"]["category"] if "loaded" in marks else [], frames="frames" in marks,
                           actors="actors" in marks, quotes="quotes" in marks)
    body = render.highlighted_text(article, tables["spans"], tables["quotes"], tables["evidence"],
                                   mentions=tables["mentions"], dictionary=tables["dictionary"])
    what = ", ".join(marks) or "nothing"
    return MarkedText(_literal(legend + body), f"marked text of article {article.id!r}: {len(article.text):,} characters, marking {what}")


def _marks(mark) -> tuple[str, ...]:
    marks = (mark,) if isinstance(mark, str) else tuple(mark)
    unknown = [m for m in marks if m not in MARKS]
    if unknown:
        raise ParameterError(f"cannot mark {unknown[0]!r}; marks are {', '.join(MARKS)}", field="mark")
    return tuple(m for m in MARKS if m in marks)


def _article_tables(scores, article_id: str, marks) -> dict:
    """The rows of ``scores`` that belong to ``article_id``; a table not marked is empty."""
    from analysis.schema import TABLES

    def rows(name: str) -> pd.DataFrame:
        frame = scores.table(name)
        if "article_id" in frame.columns and len(frame):
            frame = frame[frame["article_id"] == article_id]
        return frame

    def empty(name: str) -> pd.DataFrame:
        return TABLES[name].empty()

    has_dictionary = DICTIONARY_TABLE in TABLES
    return {
        "spans": rows("spans") if "loaded" in marks else empty("spans"),
        "quotes": rows("quotes") if "quotes" in marks else empty("quotes"),
        "evidence": rows("frame_evidence") if "frames" in marks else None,
        "mentions": rows("mentions") if "actors" in marks else None,
        "dictionary": rows(DICTIONARY_TABLE) if "dictionary" in marks and has_dictionary else None,
    }


# ------------------------------------------------------------------------------ Article

def article_repr(article: Article) -> str:
    """One line: id, title, outlet, date and size."""
    bits = [f"{article.id!r}"]
    if article.title:
        title = article.title if len(article.title) <= 60 else article.title[:59] + "\u2026"
        bits.append(repr(title))
    bits += [v for v in (article.outlet, article.published) if v]
    bits.append(f"{len(article.text):,} characters")
    return f"<Article {', '.join(bits)}>"


def article_html(article: Article) -> str:
    """A small header table (title, outlet, date, size, source) and the text marked up by
    ``show`` (the article scored now), collapsed when longer than ``COLLAPSE_CHARS``."""
    from analysis.report import render

    facts = [("title", article.title), ("outlet", article.outlet), ("published", article.published),
             ("size", f"{len(article.text):,} characters"), ("source", article.source), ("id", article.id)]
    header = render.table(pd.DataFrame([(k, v) for k, v in facts if v], columns=["article", "value"]))
    marked = show(article).html
    opened = " open" if len(article.text) <= COLLAPSE_CHARS else ""
    summary = f"the text, marked up ({len(article.text):,} characters)"
    return _literal(f'{header}<details{opened}><summary>{render.esc(summary)}</summary>{marked}</details>')


# ------------------------------------------------------------------------------ Scores

def scores_html(scores) -> str:
    """Counts (read, scored, rejected), where the run lives, one article's headline figures
    (when it holds one article), and each table with its size and its first rows."""
    from analysis.report import render

    counts = scores.counts
    parts = [f"<p><strong>Scores</strong>: {render.esc(scores.summary())}"
             + (f" &mdash; folder <code>{render.esc(scores.folder)}</code>" if scores.folder is not None else "") + "</p>"]
    sizes = table_sizes(scores)
    if counts["scored"] == 1 and scores.folder is None:
        parts.append(render.headline_table(scores.table("articles")))
    parts.append(render.table(sizes))
    for name, rows in zip(sizes["table"], sizes["rows"]):
        if rows:
            head = _head(scores, name, PREVIEW_ROWS)
            parts.append(f"<details><summary>{render.esc(name)}: {rows:,} rows</summary>"
                         f"{render.table(head)}</details>")
    return _literal("".join(parts))


def table_sizes(scores) -> pd.DataFrame:
    """``table, rows``: each table's row count; for a folder, from its Parquet parts' metadata
    (no table is read)."""
    from analysis.io.parquet import TABLES

    rows = []
    for name in TABLES:
        rows.append((name, _rows(scores, name)))
    return pd.DataFrame(rows, columns=["table", "rows"])


def _rows(scores, name: str) -> int:
    if name in scores._tables or scores.folder is None or name not in scores.manifest.get("tables", ()):
        return len(scores.table(name))
    import pyarrow.parquet as pq

    from analysis.io.scored import scored_parts

    return sum(pq.ParquetFile(f).metadata.num_rows for f in scored_parts(scores.folder, name))


def _head(scores, name: str, n: int) -> pd.DataFrame:
    """A table's first ``n`` rows; of a folder not yet read, from its first non-empty part only."""
    if name in scores._tables or scores.folder is None:
        return scores.table(name).head(n)
    import pyarrow.parquet as pq

    from analysis.io.parquet import from_arrow
    from analysis.io.scored import scored_parts

    for f in scored_parts(scores.folder, name):
        part = pq.ParquetFile(f)
        if part.metadata.num_rows:
            return from_arrow(name, part.read_row_group(0).slice(0, n))
    return scores.table(name).head(0)


# ------------------------------------------------------------------------------ Comparison

def comparison_repr(comparison) -> str:
    by = comparison.params.get("by", "group")
    return (f"<Comparison by {by}: {len(comparison.groups)} groups, "
            f"{comparison.summary['measure'].nunique() if len(comparison.summary) else 0} measures, "
            f"{len(comparison.pairwise)} pairwise tests, {len(comparison.excluded)} groups excluded>")


def headline_differences(comparison, n: int = HEADLINE_DIFFERENCES) -> pd.DataFrame:
    """The ``n`` pairwise differences with the smallest Holm-adjusted p (ties: larger |g|
    first), with the columns a reader needs: groups, measure label, means, difference and its
    CI, Hedges' g, p_holm."""
    columns = ["group_a", "group_b", "label", "mean_a", "mean_b", "diff", "ci_low", "ci_high", "hedges_g", "p_holm"]
    pairwise = comparison.pairwise
    if pairwise.empty:
        return pd.DataFrame(columns=columns)
    order = pairwise.assign(_g=-pairwise["hedges_g"].abs()).sort_values(["p_holm", "_g"], kind="stable")
    return order[columns].head(n).reset_index(drop=True)


def comparison_html(comparison) -> str:
    """What was compared, the headline differences and the excluded groups."""
    from analysis.report import render

    params = comparison.params
    groups = ", ".join(str(g) for g in comparison.groups)
    parts = [f"<p><strong>Comparison</strong> by <code>{render.esc(params.get('by', 'group'))}</code> of "
             f"{len(comparison.groups)} groups: {render.esc(groups)}; {len(comparison.pairwise):,} pairwise tests "
             f"(Holm across {render.esc(params.get('family', 'all'))}).</p>"]
    top = headline_differences(comparison)
    if len(top):
        parts.append(f"<p>The {len(top)} differences with the smallest adjusted p:</p>")
        parts.append(render.table(top))
    else:
        parts.append("<p>No pairwise difference (fewer than two groups).</p>")
    if len(comparison.excluded):
        parts.append("<p>Excluded:</p>" + render.table(comparison.excluded))
    return _literal("".join(parts))
