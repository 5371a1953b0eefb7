"""Comparing outlets (or any grouping of articles) from the kit's tables.

    compare_outlets(scores, by="outlet")    means with bootstrap CIs, pairwise differences
                                            (Hedges' g, permutation p, Holm), and the paired
                                            comparison within events → Comparison
    distinctive_terms(scores, by="outlet")  weighted log-odds with an informative Dirichlet
                                            prior (Monroe et al. 2008), on words or loaded terms
    over_time(scores, by="outlet", freq="M")  the same measures per calendar period
    auto_freq(published)                    the finest of month, quarter, year giving at most
                                            24 periods (PERIOD_NAMES: "M" → "month", …)
    term_counts(scores, by="outlet")        how often each group uses each word or loaded term
    frame_voice(scores, by="outlet")        per frame, the share of its evidence in the
                                            journalist's voice (against quotes), with a CI
    article_measures(scores, by="outlet")   the per-article measures all of the above use
                                            (frames included: frame:<scheme>:<frame>, 0/1)
    describe_groups(scores, by="outlet")    articles, events, dates and length per group
    event_coverage(scores, by="outlet")     how many groups covered each event
    actor_coverage(scores, by="outlet")     who each group names and quotes: share of articles,
                                            share of quoted text, with CIs
    actor_comparison(scores, by="outlet")   compare_outlets' statistics on the sentiment towards
                                            and the roles of the most covered actors → Comparison
    highlight_trust(scores, by="outlet")    how far the loaded hits can be trusted, per category
                                            or term, from the lexicon's measured precision

``scores`` is a ``Scores`` (what every scoring path returns), a dict of DataFrames or a folder written by
``mediakit score``.
"""

from analysis.compare.actors import actor_comparison, actor_coverage, actors_scored
from analysis.compare.measures import article_measures
from analysis.compare.frames import frame_voice
from analysis.compare.overview import describe_groups, event_coverage
from analysis.compare.outlets import Comparison, compare_outlets
from analysis.compare.terms import distinctive_terms, keyness, term_counts
from analysis.compare.trends import PERIOD_NAMES, auto_freq, over_time
from analysis.compare.trust import highlight_trust

__all__ = [
    "Comparison", "PERIOD_NAMES", "actor_comparison", "actor_coverage", "actors_scored", "article_measures", "auto_freq", "compare_outlets", "describe_groups", "distinctive_terms", "keyness",
    "event_coverage", "frame_voice", "highlight_trust", "over_time", "term_counts",
]
