"""``distinctive_terms``: the words (or loaded-language terms) that set a group apart.

Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
"Fightin' Words", eq. 16–22). For term w, group i against comparison j, with counts y and
totals n (over the terms counted), and prior α_w = α_0 · (corpus count of w / corpus total):

    δ_w = log((y_iw + α_w) / (n_i + α_0 − y_iw − α_w)) − log((y_jw + α_w) / (n_j + α_0 − y_jw − α_w))
    var(δ_w) ≈ 1 / (y_iw + α_w) + 1 / (y_jw + α_w)
    z_w = δ_w / √var(δ_w)

A positive z marks a term used more by the group, a negative one more by the comparison.

``on="words"``: word tokens of the body sentences (``analysis.text.segment.TOKEN``), lower
case (curly apostrophes as straight ones), text removed by cleaning left out, one-letter tokens
(initials, the pieces of "U.S."), tokens without a letter and the ``STOP_WORDS``
(English function words, contraction pieces and "said"/"says") dropped.
``on="loaded"``: the lexicon term (``spans.term``) of each loaded body hit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import InputError, ParameterError
from analysis.text.segment import TOKEN
from analysis.text.stopwords import STOP_WORDS as FUNCTION_WORDS
from analysis.compare.inputs import as_tables

TERM_COLUMNS = ["group", "against", "term", "count", "count_against", "delta", "var", "z"]

#: Words left out of ``on="words"``: the kit's stop list (``analysis.text.stopwords``, English
#: function words) and the reporting verbs "said" and "says".
STOP_WORDS = FUNCTION_WORDS | {"said", "says"}


def distinctive_terms(
    scores,
    by: str = "outlet",
    *,
    against="rest",
    on: str = "words",
    prior: float | None = None,
    groups: list | None = None,
) -> pd.DataFrame:
    """One row per (group, against, term), sorted by group then z (most distinctive first).

    ``against``: ``"rest"`` (each group against all the other included groups together), a
    pair ``(a, b)`` (a against b; rows have ``group`` a), or a list of such pairs. ``prior``:
    α_0, the prior's total pseudo-count (default: the number of distinct terms counted, so
    the average α_w is 1). ``groups``: groups to include (default: all).
    Columns: ``group``, ``against`` (``"rest"`` or the other group), ``term``, ``count``
    (y_i), ``count_against`` (y_j), ``delta``, ``var``, ``z`` (see the module docstring).
    """
    counts = term_counts(scores, by, on=on)
    if groups is not None:
        counts = counts[counts["group"].isin(groups)]
    table = counts.pivot_table(index="term", columns="group", values="count", aggfunc="sum", fill_value=0)
    if table.empty:
        return pd.DataFrame(columns=TERM_COLUMNS)
    corpus = table.sum(axis=1).to_numpy(dtype=float)
    alpha0 = float(len(table)) if prior is None else float(prior)
    if alpha0 <= 0:
        raise ParameterError("the prior's α_0 must be positive", field="prior")
    alpha = alpha0 * corpus / corpus.sum()
    pairs = _pairs(against, list(table.columns))
    if not pairs:  # a single group has nothing to be set apart from
        return pd.DataFrame(columns=TERM_COLUMNS)
    parts = []
    for a, b in pairs:
        y_i = table[a].to_numpy(dtype=float)
        y_j = (corpus - y_i) if b == "rest" else table[b].to_numpy(dtype=float)
        delta, var, z = log_odds(y_i, y_j, alpha, alpha0)
        parts.append(pd.DataFrame({
            "group": a, "against": b, "term": table.index, "count": y_i.astype(int), "count_against": y_j.astype(int),
            "delta": delta, "var": var, "z": z,
        }))
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["group", "against", "z"], ascending=[True, True, False], kind="stable").reset_index(drop=True)


def log_odds(y_i: np.ndarray, y_j: np.ndarray, alpha: np.ndarray, alpha0: float):
    """δ, var and z of Monroe et al. for count vectors ``y_i`` and ``y_j`` over the same terms."""
    n_i, n_j = y_i.sum(), y_j.sum()
    delta = (np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha))
             - np.log((y_j + alpha) / (n_j + alpha0 - y_j - alpha)))
    var = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return delta, var, delta / np.sqrt(var)


def term_counts(scores, by: str = "outlet", *, on: str = "words") -> pd.DataFrame:
    """``group, term, count``: how often each group uses each term (see the module docstring)."""
    if on not in ("words", "loaded"):
        raise ParameterError(f"{on!r} is not one of words, loaded", field="on")
    tables = as_tables(scores)
    articles = tables["articles"]
    if by not in articles.columns:
        raise InputError(f"no column {by!r} in the articles table to group by", field="by")
    group_of = dict(zip(articles["article_id"].astype(str), articles[by]))
    if on == "loaded":
        spans = tables.get("spans")
        if spans is None or spans.empty:
            return pd.DataFrame(columns=["group", "term", "count"])
        hits = spans[spans["loaded"].astype(bool) & (spans["part"] == "body")]
        terms = pd.DataFrame({"group": hits["article_id"].astype(str).map(group_of), "term": hits["term"]})
    else:
        terms = _word_tokens(tables, group_of)
    terms = terms.dropna(subset=["group"])
    return terms.groupby(["group", "term"]).size().rename("count").reset_index()


def _word_tokens(tables: dict, group_of: dict) -> pd.DataFrame:
    sentences = tables.get("sentences")
    if sentences is None or sentences.empty:
        return pd.DataFrame(columns=["group", "term"])
    body = sentences[sentences["part"] == "body"]
    texts = _without_removed(body, tables.get("removed"))
    lowered = pd.Series(texts, index=body["article_id"].astype(str).to_numpy()).str.lower().str.replace("\u2019", "'", regex=False)
    tokens = lowered.str.findall(TOKEN.pattern).explode().dropna()
    keep = (tokens.str.len() > 1) & tokens.str.contains(r"[^\W\d_]", regex=True) & ~tokens.isin(STOP_WORDS)
    tokens = tokens[keep]
    return pd.DataFrame({"group": tokens.index.map(group_of), "term": tokens.to_numpy()})


def _without_removed(body: pd.DataFrame, removed: pd.DataFrame | None) -> list[str]:
    """Sentence texts with any stretch that cleaning removed blanked out."""
    texts = body["text"].astype(str).tolist()
    if removed is None or removed.empty:
        return texts
    cuts: dict[str, list[tuple[int, int]]] = {}
    for r in removed.itertuples(index=False):
        cuts.setdefault(str(r.article_id), []).append((int(r.start), int(r.end)))
    for i, (aid, start, end) in enumerate(zip(body["article_id"].astype(str), body["start"], body["end"])):
        for lo, hi in cuts.get(aid, ()):
            lo, hi = max(lo, int(start)), min(hi, int(end))
            if hi > lo:
                t = texts[i]
                texts[i] = t[: lo - start] + " " * (hi - lo) + t[hi - start:]
    return texts


def _pairs(against, present: list) -> list[tuple]:
    if against == "rest":
        if len(present) < 2:
            return []
        return [(g, "rest") for g in present]
    pairs = [against] if isinstance(against, tuple) else list(against)
    for pair in pairs:
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
            raise ParameterError(f"expected 'rest' or a pair (a, b), got {pair!r}", field="against")
        for g in pair:
            if g not in present:
                raise ParameterError(f"no terms for group {g!r}", field="against")
    return [tuple(p) for p in pairs]
