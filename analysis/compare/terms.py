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

At corpus scale the words are counted in a bounded sample: a group of more than
``max_articles`` articles (``MAX_ARTICLES`` by default) has its words counted in that many of
its articles, drawn without replacement with a generator of ``seed`` and the group's name
(``analysis.stats.rng_for``), so the counts, and the log-odds z and G² built on them, are those of
the sample (z and G² grow with the counts; δ estimates the corpus's). A group of up to
``max_articles`` articles is counted whole, exactly as without the bound. Which groups were
sampled, and how many of how many articles were counted, is in the result's
``attrs["articles_counted"]`` (``{group: (counted, articles)}``, only sampled groups; empty when
nothing was). Only the sentences of the articles counted are read, and from a scored folder part
by part, so a million articles' sentence text is never in memory at once. Loaded terms
(``on="loaded"``) are always counted in every article: they come from ``spans`` by integer
codes and cost little.

What is counted can be narrowed (``term_counts``' options, which ``distinctive_terms`` and
``keyness`` pass on):

- ``stop_words``: True (the kit's list above), False (none), or an iterable of words instead;
- ``ngrams``: ``n`` or ``(min_n, max_n)`` with 1 ≤ n ≤ 3: runs of n consecutive word tokens of a
  sentence, joined by a space, whose first and last token are words kept on their own (so
  "secretary of state" is a trigram, "of the" is none);
- ``exclude``: terms never counted (compared in lower case);
- ``min_count``: terms counted fewer times than this over the groups included are left out;
- ``own_names`` (default True) leaves out a group's names for itself and house style, by two
  rules that need no list of words: (1) the words of a group's own name and of its articles'
  web hosts, and any word of four letters or more that is part of them run together ("fox" and
  "news" for "Fox News"; "huffpost"; "huffington" from huffingtonpost.com); (2) *titles*, the
  words a group writes capitalised with a full stop before a capitalised name in at least
  ``TITLE_SHARE`` of their uses (and ``TITLE_MIN`` uses): "Mr. Boehner", "Ms.", "Sen.", "Rep.".

``keyness`` is the reference-corpus keyness of quanteda's ``textstat_keyness(measure="lr",
correction="none")``: for each term, one group's count against the rest's, the likelihood-ratio
G² of the 2×2 table (term, other terms) × (group, rest), signed positive when the group uses the
term more than expected, with its χ²(1) p-value.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.errors import InputError, ParameterError
from analysis.text.segment import TOKEN
from analysis.text.stopwords import STOP_WORDS as FUNCTION_WORDS
from analysis.compare.inputs import as_scores, as_tables, rows_of

TERM_COLUMNS = ["group", "against", "term", "count", "count_against", "delta", "var", "z"]
KEYNESS_COLUMNS = ["group", "against", "term", "count", "count_against", "expected", "g2", "p"]

#: Words left out of ``on="words"``: the kit's stop list (``analysis.text.stopwords``, English
#: function words) and the reporting verbs "said" and "says".
STOP_WORDS = FUNCTION_WORDS | {"said", "says"}

#: A word is a title when at least this share of its uses, and at least ``TITLE_MIN`` of them,
#: are "Word." before a capitalised word (see the module docstring).
TITLE_SHARE = 0.9
TITLE_MIN = 3
#: The shortest piece of an outlet's name or host run together that counts as its own name.
OWN_PIECE = 4
#: ``on="words"``: a group's words are counted in at most this many of its articles (a seeded
#: sample above it; see the module docstring). Word counting runs in Python over every token,
#: about 1 ms CPU per brief article of 40 words on this machine (0.57 s for the 500 briefs of
#: ``bench/news.py``), so a million articles counted whole would take a quarter of an hour per
#: call; the bound keeps a report's word keyness to seconds at any corpus size.
MAX_ARTICLES = 5_000
#: The seed of that sample, as ``compare_outlets``'.
SEED = 20240601


def distinctive_terms(
    scores,
    by: str = "outlet",
    *,
    against="rest",
    on: str = "words",
    prior: float | None = None,
    groups: list | None = None,
    **counting,
) -> pd.DataFrame:
    """One row per (group, against, term), sorted by group then z (most distinctive first).

    ``against``: ``"rest"`` (each group against all the other included groups together), a
    pair ``(a, b)`` (a against b; rows have ``group`` a), or a list of such pairs. ``prior``:
    α_0, the prior's total pseudo-count (default: the number of distinct terms counted, so
    the average α_w is 1). ``groups``: groups to include (default: all). ``counting``: what is
    counted, ``term_counts``' options (``stop_words``, ``ngrams``, ``exclude``, ``min_count``,
    ``own_names``, ``max_articles``, ``seed``).
    Columns: ``group``, ``against`` (``"rest"`` or the other group), ``term``, ``count``
    (y_i), ``count_against`` (y_j), ``delta``, ``var``, ``z`` (see the module docstring).
    """
    table = _count_table(scores, by, on, groups, counting)
    if table.empty:
        return _empty(TERM_COLUMNS, table)
    corpus = table.sum(axis=1).to_numpy(dtype=float)
    alpha0 = float(len(table)) if prior is None else float(prior)
    if alpha0 <= 0:
        raise ParameterError("the prior's α_0 must be positive", field="prior")
    alpha = alpha0 * corpus / corpus.sum()
    pairs = _pairs(against, list(table.columns))
    if not pairs:  # a single group has nothing to be set apart from
        return _empty(TERM_COLUMNS, table)
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
    out = out.sort_values(["group", "against", "z"], ascending=[True, True, False], kind="stable").reset_index(drop=True)
    out.attrs["articles_counted"] = table.attrs["articles_counted"]
    return out


def keyness(scores, by: str = "outlet", *, group=None, on: str = "words", groups: list | None = None,
            **counting) -> pd.DataFrame:
    """Reference-corpus keyness: each group (or only ``group``) against the rest of the included
    groups, by the likelihood-ratio G² (see the module docstring). One row per (group, term),
    sorted by group then ``g2`` (most key first). ``counting``: ``term_counts``' options.

    Columns: ``group``; ``against`` ("rest"); ``term``; ``count`` (a, the group's) and
    ``count_against`` (b, the rest's); ``expected``, the group's count if it used the term at the
    corpus's rate, (a + b)·n_group/N; ``g2``, 2·Σ O·ln(O/E) over the four cells, negative when
    the group uses the term less than expected; ``p``, its χ²(1) upper tail."""
    from scipy.stats import chi2

    table = _count_table(scores, by, on, groups, counting)
    present = list(table.columns)
    if group is not None and group not in present:
        raise ParameterError(f"no terms for group {group!r}", field="group")
    if table.empty or len(present) < 2:
        return _empty(KEYNESS_COLUMNS, table)
    corpus = table.sum(axis=1).to_numpy(dtype=float)
    parts = []
    for g in present if group is None else [group]:
        a = table[g].to_numpy(dtype=float)
        b = corpus - a
        expected, g2 = log_likelihood(a, b)
        parts.append(pd.DataFrame({"group": g, "against": "rest", "term": table.index, "count": a.astype(int),
                                   "count_against": b.astype(int), "expected": expected, "g2": g2,
                                   "p": chi2.sf(np.abs(g2), 1)}))
    out = pd.concat(parts, ignore_index=True)
    out = out.sort_values(["group", "g2"], ascending=[True, False], kind="stable").reset_index(drop=True)
    out.attrs["articles_counted"] = table.attrs["articles_counted"]
    return out


def log_likelihood(a: np.ndarray, b: np.ndarray):
    """For term counts ``a`` (target) and ``b`` (reference) over the same terms: the target's
    expected counts and the signed G² of each term's 2×2 table (no continuity correction)."""
    n_a, n_b = a.sum(), b.sum()
    total = n_a + n_b
    observed = np.stack([a, b, n_a - a, n_b - b])
    row = np.stack([a + b, a + b, total - a - b, total - a - b])
    col = np.array([n_a, n_b, n_a, n_b])[:, None]
    expected = row * col / total
    with np.errstate(divide="ignore", invalid="ignore"):
        cells = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    g2 = 2.0 * cells.sum(axis=0)
    return expected[0], np.where(a >= expected[0], g2, -g2)


def _count_table(scores, by, on, groups, counting) -> pd.DataFrame:
    counts = term_counts(scores, by, on=on, groups=groups, **counting)
    table = counts.pivot_table(index="term", columns="group", values="count", aggfunc="sum", fill_value=0)
    table.attrs["articles_counted"] = counts.attrs["articles_counted"]
    return table


def _empty(columns: list, table: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(columns=columns)
    out.attrs["articles_counted"] = table.attrs["articles_counted"]
    return out


def log_odds(y_i: np.ndarray, y_j: np.ndarray, alpha: np.ndarray, alpha0: float):
    """δ, var and z of Monroe et al. for count vectors ``y_i`` and ``y_j`` over the same terms."""
    n_i, n_j = y_i.sum(), y_j.sum()
    delta = (np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha))
             - np.log((y_j + alpha) / (n_j + alpha0 - y_j - alpha)))
    var = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return delta, var, delta / np.sqrt(var)


def term_counts(scores, by: str = "outlet", *, on: str = "words", groups: list | None = None, stop_words=True,
                ngrams=1, exclude=(), min_count: int = 1, own_names: bool = True,
                max_articles: int | None = MAX_ARTICLES, seed: int = SEED) -> pd.DataFrame:
    """``group, term, count``: how often each group uses each term (see the module docstring
    for the options). ``groups``: only these groups (default: all). ``max_articles`` (None: no
    bound) and ``seed``: the sample of a large group's articles whose words are counted;
    ``attrs["articles_counted"]`` says which groups were sampled."""
    if on not in ("words", "loaded"):
        raise ParameterError(f"{on!r} is not one of words, loaded", field="on")
    low, high = _ngram_range(ngrams)
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ParameterError(f"must be a whole number of at least 1, got {min_count!r}", field="min_count")
    if isinstance(exclude, str):
        raise ParameterError("expected a list of terms, got one string", field="exclude")
    if max_articles is not None and (isinstance(max_articles, bool) or not isinstance(max_articles, int) or max_articles < 1):
        raise ParameterError(f"must be a whole number of at least 1 or None, got {max_articles!r}", field="max_articles")
    stop = _stop_list(stop_words)
    # only the few columns counted are read (from a scored folder, those alone), and the words'
    # sentences only for the articles counted
    scores = as_scores(scores)
    tables = as_tables(scores, LOADED_NEEDS | {"articles": ["article_id", by]} if on == "loaded"
                       else {"articles": ["article_id", by, "url"]})
    articles = tables["articles"]
    if by not in articles.columns:
        raise InputError(f"no column {by!r} in the articles table to group by", field="by")
    if groups is not None:
        articles = articles[articles[by].isin(groups)]
    left_out = {str(t).lower() for t in exclude}
    sampled = {}
    if on == "loaded":
        spans = tables.get("spans")
        if spans is None or spans.empty:
            terms = pd.DataFrame(columns=["group", "term"])
        else:
            terms = _loaded_terms(spans, articles, by, left_out)
    else:
        counted, sampled = _counted_articles(articles, by, max_articles, seed)
        ids = counted["article_id"].astype(str)
        group_of = dict(zip(ids, counted[by]))
        word_tables = {name: rows_of(scores, name, columns, ids) for name, columns in WORD_NEEDS.items()}
        terms = _word_terms(word_tables, group_of, stop, low, high, left_out,
                            own_name_terms(articles, by) if own_names else None)
    terms = terms.dropna(subset=["group"])
    counts = terms.groupby(["group", "term"]).size().rename("count").reset_index()
    if min_count > 1 and len(counts):
        totals = counts.groupby("term")["count"].transform("sum")
        counts = counts[totals >= min_count].reset_index(drop=True)
    counts.attrs["articles_counted"] = sampled
    return counts


#: What ``on="words"`` reads of the articles counted (and of ``articles``: the id, ``by``, ``url``).
WORD_NEEDS = {"sentences": ["article_id", "part", "start", "end", "text"], "removed": ["article_id", "start", "end"]}


def _counted_articles(articles: pd.DataFrame, by: str, max_articles: int | None, seed: int):
    """The articles (rows of ``articles`` with a ``by`` value) whose words are counted, in table
    order: every article of a group of at most ``max_articles``, else ``max_articles`` of them
    drawn without replacement (``rng_for(seed, "words", group)``); and ``{group: (counted,
    articles)}`` for the groups sampled."""
    from analysis.stats import rng_for

    keep = articles[by].notna().to_numpy(copy=True)
    sampled = {}
    if max_articles is not None:
        positions = np.flatnonzero(keep)
        for group, rows in articles[keep].groupby(by, sort=True, observed=True).indices.items():
            if len(rows) > max_articles:
                where = positions[rows]
                chosen = rng_for(seed, "words", group).choice(len(where), max_articles, replace=False)
                keep[np.setdiff1d(where, where[chosen])] = False
                sampled[group] = (max_articles, len(rows))
    return articles[keep], sampled


#: What ``on="loaded"`` reads of ``spans`` (and of ``articles``, the id and the ``by`` column).
LOADED_NEEDS = {"spans": ["article_id", "part", "loaded", "term"]}


def _loaded_terms(spans: pd.DataFrame, articles: pd.DataFrame, by: str, left_out: set) -> pd.DataFrame:
    """``group, term`` per loaded body hit of the ``articles`` given (by integer codes: spans can
    hold millions of rows), terms in ``left_out`` (lower case) left out."""
    from analysis.compare.measures import article_rows

    loaded = spans["loaded"].to_numpy(dtype=bool, copy=True) & (spans["part"] == "body").to_numpy()
    hits = spans.loc[loaded, ["article_id", "term"]]
    rows = article_rows(hits["article_id"], pd.Index(articles["article_id"].astype(str)))
    group = np.empty(len(rows), dtype=object)
    group[:] = articles[by].to_numpy(dtype=object)[np.maximum(rows, 0)] if len(articles) else None
    group[rows < 0] = None
    terms = pd.DataFrame({"group": group, "term": hits["term"].to_numpy(dtype=object)})
    if left_out:
        terms = terms[~terms["term"].str.lower().isin(left_out)]
    return terms


def own_name_terms(articles: pd.DataFrame, by: str) -> set[str]:
    """Rule (1) of ``own_names``: the words of each group's name and of its articles' web hosts,
    and every piece of ``OWN_PIECE`` letters or more of them run together that is itself a word
    (a token seen in the name or host, or any substring the counting may meet)."""
    names = {str(g) for g in articles[by].dropna().unique() if isinstance(g, str)}
    if "url" in articles.columns:
        for url in articles["url"].dropna().astype(str).unique():  # the distinct URLs, once each
            host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).split("/")[0].split(":")[0]
            parts = host.split(".")
            # the name and any subdomain (edition.cnn.com: "edition", "cnn"), not the TLD nor the
            # generic labels before a country's (www, com, org, net, co, uk of news.bbc.co.uk)
            labels = parts[:-1] if len(parts) > 1 else parts
            names.update(part for part in labels if part not in ("www", "com", "org", "net", "co", "uk"))
    out: set[str] = set()
    for name in names:
        words = [w for w in TOKEN.findall(name.lower().replace("\u2019", "'")) if len(w) > 1]
        out.update(words)
        joined = "".join(words)
        out.update(joined[i:j] for i in range(len(joined)) for j in range(i + OWN_PIECE, len(joined) + 1))
    return out


def _ngram_range(ngrams) -> tuple[int, int]:
    pair = (ngrams, ngrams) if isinstance(ngrams, int) and not isinstance(ngrams, bool) else ngrams
    if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and all(isinstance(n, int) and not isinstance(n, bool)
                                                                       for n in pair)
            and 1 <= pair[0] <= pair[1] <= 3):
        raise ParameterError(f"expected n or (min_n, max_n) with 1 <= min_n <= max_n <= 3, got {ngrams!r}", field="ngrams")
    return int(pair[0]), int(pair[1])


def _stop_list(stop_words) -> frozenset:
    if stop_words is True:
        return STOP_WORDS
    if stop_words is False or stop_words is None:
        return frozenset()
    if isinstance(stop_words, str):
        raise ParameterError("expected True, False or a list of words, got one string", field="stop_words")
    return frozenset(str(w).lower() for w in stop_words)


_KEEP = re.compile(r"[^\W\d_]")


def _word_terms(tables: dict, group_of: dict, stop: frozenset, low: int, high: int, left_out: set,
                own_names: set | None) -> pd.DataFrame:
    """The word terms of the body sentences, ``group, term`` per occurrence. A word in
    ``left_out``, in ``own_names`` (None: no own-name rule) or found to be a title (rule 2 of
    ``own_names``) is left out like a stop word: no term is it, or starts or ends with it."""
    sentences = tables.get("sentences")
    if sentences is None or sentences.empty:
        return pd.DataFrame(columns=["group", "term"])
    body = sentences[sentences["part"] == "body"]
    texts = _without_removed(body, tables.get("removed"))
    ids = body["article_id"].astype(str).tolist()
    read = []
    uses: dict[str, int] = {}
    titled: dict[str, int] = {}
    for aid, text in zip(ids, texts):
        group = group_of.get(aid)
        if group is None or (not isinstance(group, str) and pd.isna(group)):
            continue
        found = list(TOKEN.finditer(text))
        words = [m.group().lower().replace("\u2019", "'") for m in found]
        kept = [len(w) > 1 and _KEEP.search(w) is not None and w not in stop for w in words]
        if own_names is not None:
            for i, m in enumerate(found):
                if kept[i]:
                    w, end = words[i], m.end()
                    uses[w] = uses.get(w, 0) + 1
                    if (m.group()[0].isupper() and text[end:end + 1] == "." and i + 1 < len(found)
                            and found[i + 1].group()[0].isupper() and text[end + 1:found[i + 1].start()].isspace()):
                        titled[w] = titled.get(w, 0) + 1
        read.append((group, words, kept))
    titles = {w for w, k in titled.items() if k >= TITLE_MIN and k >= TITLE_SHARE * uses[w]}
    dropped = left_out | titles | (own_names or set())
    out_groups, out_terms = [], []
    for group, words, kept in read:
        if dropped:
            kept = [k and w not in dropped for k, w in zip(kept, words)]
        for n in range(low, high + 1):
            for i in range(len(words) - n + 1):
                if kept[i] and kept[i + n - 1]:
                    out_groups.append(group)
                    out_terms.append(words[i] if n == 1 else " ".join(words[i:i + n]))
    return pd.DataFrame({"group": out_groups, "term": out_terms})


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
