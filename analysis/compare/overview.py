"""``describe_groups`` and ``event_coverage``: what a corpus holds, group by group."""

from __future__ import annotations

import pandas as pd

from analysis.compare.measures import article_measures
from analysis.compare.trends import published_dates

GROUP_COLUMNS = ["group", "articles", "events", "first_published", "last_published", "undated", "median_words"]
COVERAGE_COLUMNS = ["event", "groups", "articles"]


def describe_groups(scores, by: str = "outlet") -> pd.DataFrame:
    """One row per group (articles without a ``by`` value form the group None): ``articles``,
    distinct ``events``, ``first_published``/``last_published`` (dates), ``undated`` (articles
    with no readable date), ``median_words`` in the body."""
    from analysis.compare.inputs import as_tables

    measures = article_measures(scores, by)
    words = pd.to_numeric(as_tables(scores, {"articles": ["words"]})["articles"]["words"], errors="coerce").to_numpy()
    frame = measures.assign(date=published_dates(measures["published"]).to_numpy(), words=words)
    frame["group"] = frame["group"].astype(object).where(frame["group"].notna(), None)
    rows = []
    for group, block in frame.groupby("group", dropna=False, sort=False):
        rows.append((None if pd.isna(group) else group, len(block), block["event"].nunique(), block["date"].min(),
                     block["date"].max(), int(block["date"].isna().sum()), float(block["words"].median())))
    out = pd.DataFrame(rows, columns=GROUP_COLUMNS)
    return out.sort_values("articles", ascending=False, kind="stable").reset_index(drop=True)


#: The document variable that names an event, when the corpus has one (BASIL's ``main-event``).
EVENT_NAME = "main_event"


def event_coverage(scores, by: str = "outlet") -> pd.DataFrame:
    """One row per event: how many distinct ``groups`` covered it, and its ``articles``; when the
    articles have the document variable ``main_event``, ``event_name`` (after ``event``) is the
    event's most frequent name among its articles (the first in sort order on a tie)."""
    from analysis.compare.inputs import as_tables

    measures = article_measures(scores, by)
    with_event = measures[measures["event"].notna()]
    if with_event.empty:
        return pd.DataFrame(columns=COVERAGE_COLUMNS)
    out = with_event.groupby("event").agg(groups=("group", "nunique"), articles=("article_id", "size")).reset_index()
    articles = as_tables(scores, {"articles": ["event", EVENT_NAME]})["articles"]
    if EVENT_NAME in articles.columns:
        named = articles[["event", EVENT_NAME]].dropna()
        names = named.groupby("event")[EVENT_NAME].agg(lambda v: v.mode().iloc[0])
        out.insert(1, "event_name", out["event"].map(names))
    return out.sort_values(["groups", "articles", "event"], ascending=[False, False, True]).reset_index(drop=True)
