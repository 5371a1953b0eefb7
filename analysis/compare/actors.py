"""Actors across a corpus: who each group covers and quotes (``actor_coverage``), and how each
group portrays the most covered actors (``actor_comparison``).

Both read the ``actors`` table, which is there only when the corpus was scored with actors on
(``mediakit score --actors``, ``score_path(..., actors=True)``); ``actors_scored`` says whether
it was, so that a report can say the actors are absent rather than show empty tables.

``actor_coverage`` — one row per (group, actor) for the ``top`` actors named in the most
articles of the groups compared (ties by name), columns ``COVERAGE_COLUMNS``:

- ``articles``: the group's articles; ``mentioning``: those naming the actor;
  ``article_share`` = mentioning / articles, with ``article_share_low``/``_high``, its bootstrap
  percentile 95% interval (the group's articles resampled, ``analysis.stats``);
- ``quoted_share``: the actor's share of the group's directly quoted text — the characters of the
  direct quotes attributed to it over the characters of all direct quotes in the group's articles
  (a ratio of sums, so an article quoting much weighs more), with ``quoted_share_low``/``_high``
  (articles resampled, numerator and denominator together); NaN when the group quotes nobody
  directly. Per article the actor's characters are its ``actors.quoted_share`` times the body's
  characters (``quotes.chars / quotes.share``), so both sides count what ``quotes`` counts.

Example: a group of 4 articles, the actor named in 1 with 30 of its 100 quoted characters, and
the others quoting 20 characters of others → article_share 0.25, quoted_share 30/160.

``actor_comparison`` — ``compare_outlets``' statistics (``analysis.compare.outlets``: bootstrap
CIs, Hedges' g, permutation p, the paired comparison within events, Holm) on per-article
measures of each of the ``top`` actors, over the articles that name the actor (NaN elsewhere):
``actor:<name>:sentiment`` — the mean over its mentions of the target model's p_positive −
p_negative (−1 … 1); ``actor:<name>:hero``/``villain``/``victim`` — 1 when the article casts it
in that role, else 0 (the share of the articles naming it that do). It returns a
``Comparison`` whose tables carry ``actor`` and ``aspect`` columns beside ``measure``.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from analysis.compare.inputs import as_tables
from analysis.compare.measures import article_measures
from analysis.compare.outlets import Comparison, compare_measures
from analysis.errors import InputError, ParameterError
from analysis.stats import EXACT_MAX, asymptotic_means, bootstrap_means, percentile_ci, resampled_means, rng_for

COVERAGE_COLUMNS = ["group", "actor", "type", "articles", "mentioning", "article_share", "article_share_low",
                    "article_share_high", "quoted_share", "quoted_share_low", "quoted_share_high"]
ROLES = ("hero", "villain", "victim")
ASPECTS = ("sentiment",) + ROLES
ASPECT_LABELS = {"sentiment": "sentiment towards {actor} (p positive − p negative)",
                 **{r: f"{{actor}} cast as {r} (share of the articles naming it)" for r in ROLES}}


def actors_scored(scores) -> bool:
    """Whether the scores were computed with actors on (the run's manifest says so; a table of
    actors with rows says so too)."""
    if getattr(scores, "manifest", None) and "actors" in scores.manifest:
        return bool(scores.manifest["actors"])
    return len(as_tables(scores, {"actors": ["article_id"]})["actors"]) > 0


def actor_measure(actor: str, aspect: str) -> str:
    return f"actor:{actor}:{aspect}"


def top_actors(scores, by: str = "outlet", *, groups: list | None = None, top: int = 10) -> list[str]:
    """The ``top`` actors named in the most articles of ``groups`` (default: every article with
    a ``by`` value), ties broken by name."""
    if top < 1:
        raise ParameterError(f"must be at least 1, not {top}", field="top")
    tables = as_tables(scores, _needs(by))
    return _top(_actors_of(tables, _group_of(tables, by), groups), top)


def _top(actors: pd.DataFrame, top: int) -> list[str]:
    """The ``top`` actors of ``actors`` (``_actors_of``) named in the most articles, ties by name."""
    counts = actors.groupby("actor")["article_id"].nunique()
    return sorted(counts.index, key=lambda a: (-counts[a], a))[:top]


def actor_coverage(scores, by: str = "outlet", *, groups: list | None = None, top: int = 10, n_boot: int = 2000,
                   seed: int = 20240601, exact_max: int = EXACT_MAX) -> pd.DataFrame:
    """One row per (group, actor), columns ``COVERAGE_COLUMNS`` (see the module docstring),
    groups in ``groups`` order (default: all, sorted), actors by articles naming them.

    A group of more than ``exact_max`` articles gets its intervals from the large-sample
    distribution of the bootstrap (``analysis.stats.asymptotic_means``, as ``compare_outlets``
    does), the ratio's through its linearisation (the delta method: Efron & Tibshirani 1993,
    §21.3; Cochran 1977, §6.3): a resampled ratio of sums is, to first order, the ratio plus the
    resampled mean of (numerator − ratio · denominator) / mean denominator."""
    tables = as_tables(scores, _needs(by))
    group_of = _group_of(tables, by)
    wanted = sorted(set(group_of.dropna()), key=str) if groups is None else list(dict.fromkeys(groups))
    if top < 1:
        raise ParameterError(f"must be at least 1, not {top}", field="top")
    actors = _actors_of(tables, group_of, wanted)
    names = _top(actors, top)
    types = {a: Counter(t).most_common(1)[0][0] for a, t in actors.groupby("actor")["type"]}
    # every per-article figure by the article's position in the articles table (string ids are
    # matched once, here: at a million articles np.isin and reindex on ids per group and actor
    # took minutes); an article has one group, so a group's articles are positions
    ids_all = pd.Index(group_of.index)
    groups_all = group_of.to_numpy()
    total_all = _direct_chars(tables["quotes"]).reindex(ids_all).fillna(0).to_numpy(dtype=float)
    body_all = _body_chars(tables["quotes"]).reindex(ids_all).to_numpy(dtype=float)
    position = ids_all.get_indexer(actors["article_id"])
    rows = []
    per_actor = {}
    for a in names:
        of_actor = (actors["actor"] == a).to_numpy()
        where = position[of_actor]
        named = np.bincount(where, minlength=len(ids_all)) > 0
        # the sum of the actor's quoted shares in each article (NaN counted as 0, as a groupby sum does)
        share = np.bincount(where, weights=np.nan_to_num(actors["quoted_share"].to_numpy(dtype=float)[of_actor]),
                            minlength=len(ids_all))
        per_actor[a] = named.astype(float), share
    for g in wanted:
        at = np.flatnonzero(groups_all == g)
        total, body = total_all[at], body_all[at]
        for a in names:
            named, chars = per_actor[a][0][at], np.nan_to_num(per_actor[a][1][at] * body)
            share_ci = (_ci(named[:, None], n_boot, rng_for(seed, "actor-articles", g, a), exact_max)
                        if len(at) >= 2 else (np.nan, np.nan))
            if total.sum() > 0:
                quoted = chars.sum() / total.sum()
                quoted_ci = (_ratio_ci(chars, total, n_boot, rng_for(seed, "actor-quoted", g, a), exact_max)
                             if len(at) >= 2 else (np.nan, np.nan))
            else:
                quoted, quoted_ci = np.nan, (np.nan, np.nan)
            rows.append((g, a, types.get(a), len(at), int(named.sum()), named.mean() if len(at) else np.nan,
                         *share_ci, quoted, *quoted_ci))
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


def actor_comparison(scores, by: str = "outlet", *, top: int = 5, groups: list | None = None, min_articles: int = 5,
                     n_boot: int = 2000, n_perm: int = 4999, seed: int = 20240601, family: str = "all") -> Comparison:
    """``compare_outlets`` on the sentiment towards, and the roles of, the ``top`` actors named in
    the most articles (see the module docstring); ``groups``, ``min_articles``, ``family`` and the
    seeds as there. Each table gains ``actor`` and ``aspect`` (sentiment | hero | villain | victim)."""
    tables = as_tables(scores, _needs(by))
    base = article_measures(tables, by)[["article_id", "group", "event", "published"]]
    names = top_actors(tables, by, groups=groups, top=top)
    actors = tables["actors"].assign(article_id=tables["actors"]["article_id"].astype(str))
    labels, columns = {}, {}
    for a in names:
        own = actors[actors["actor"] == a].groupby("article_id").agg(
            p_positive=("p_positive", "mean"), p_negative=("p_negative", "mean"), role=("role", "first"))
        own = own.reindex(base["article_id"])
        columns[actor_measure(a, "sentiment")] = (own["p_positive"] - own["p_negative"]).to_numpy(dtype=float)
        for r in ROLES:
            columns[actor_measure(a, r)] = np.where(own["role"].isna(), np.nan, (own["role"] == r).astype(float))
        labels.update({actor_measure(a, k): ASPECT_LABELS[k].format(actor=a) for k in ASPECTS})
    measures = pd.concat([base, pd.DataFrame(columns, index=base.index)], axis=1)
    result = compare_measures(measures, labels, by=by, groups=groups, min_articles=min_articles, n_boot=n_boot,
                              n_perm=n_perm, seed=seed, family=family)
    of = {actor_measure(a, k): (a, k) for a in names for k in ASPECTS}
    for name in ("summary", "pairwise", "paired", "paired_events"):
        table = getattr(result, name)
        pos = table.columns.get_loc("measure")
        table.insert(pos, "aspect", [of[m][1] for m in table["measure"]])
        table.insert(pos, "actor", [of[m][0] for m in table["measure"]])
    result.params.update({"top": top, "actors": names})
    return result


def _needs(by: str) -> dict:
    """What the actor analyses read (``as_tables``' needs): of ``articles`` what their base
    measures take, of ``actors`` and ``quotes`` the columns used here."""
    return {"articles": ["article_id", "event", "published", "words", by],
            "actors": ["article_id", "actor", "type", "quoted_share", "p_positive", "p_negative", "role"],
            "quotes": ["article_id", "kind", "chars", "share"]}


def _group_of(tables: dict, by: str) -> pd.Series:
    articles = tables["articles"]
    if by not in articles.columns:
        raise InputError(f"no column {by!r} in the articles table to group by", field="by")
    col = articles[by].astype("object")
    return pd.Series(col.where(col.notna(), None).to_numpy(), index=articles["article_id"].astype(str).to_numpy())


def _actors_of(tables: dict, group_of: pd.Series, groups) -> pd.DataFrame:
    actors = tables["actors"].assign(article_id=tables["actors"]["article_id"].astype(str))
    actors = actors.assign(group=actors["article_id"].map(group_of))
    return actors[actors["group"].notna()] if groups is None else actors[actors["group"].isin(list(groups))]


def _direct_chars(quotes: pd.DataFrame) -> pd.Series:
    """Per article, the characters of its direct quotes."""
    direct = quotes[quotes["kind"] == "direct"]
    return direct.groupby(direct["article_id"].astype(str))["chars"].sum().astype(float)


def _body_chars(quotes: pd.DataFrame) -> pd.Series:
    """Per article with a direct quote, the body's characters (``quotes.chars / quotes.share``)."""
    direct = quotes[(quotes["kind"] == "direct") & (quotes["share"] > 0)]
    body = direct["chars"].astype(float) / direct["share"].astype(float)
    return body.groupby(direct["article_id"].astype(str)).first()


def _ci(values: np.ndarray, n_boot: int, rng, exact_max: int = EXACT_MAX) -> tuple[float, float]:
    return percentile_ci(np.asarray(resampled_means(values, n_boot, rng, exact_max=exact_max)).reshape(n_boot, -1)[:, 0])


def _ratio_ci(numerator: np.ndarray, denominator: np.ndarray, n_boot: int, rng, exact_max: int = EXACT_MAX) -> tuple[float, float]:
    """Percentile interval of sum(numerator) / sum(denominator), the articles resampled together
    (a resample quoting nobody has no ratio and is left out of the interval); above
    ``exact_max`` articles, the delta method's large-sample draws (``actor_coverage``)."""
    if len(numerator) > exact_max:
        ratio = numerator.sum() / denominator.sum()
        linear = (numerator - ratio * denominator) / denominator.mean()
        return percentile_ci(ratio + asymptotic_means(linear, n_boot, rng))
    draws = bootstrap_means(np.column_stack([numerator, denominator]), n_boot, rng)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = draws[:, 0] / draws[:, 1]
    return percentile_ci(ratio[np.isfinite(ratio)])
