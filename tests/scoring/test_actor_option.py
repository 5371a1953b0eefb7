"""Actors in scoring: off by default (corpus runs), on with ``actors=True`` (notebooks and the
article report), with roles from analysis.measures.roles and an actor map passed through."""

from __future__ import annotations

from analysis import score_article
from analysis.schema import ACTORS, MENTIONS


def test_actors_are_off_by_default_and_on_when_asked(seed_article):
    plain = score_article(seed_article)
    assert plain.actors.empty and plain.mentions.empty
    scores = score_article(seed_article, actors=True)
    assert list(scores.actors.columns) == ACTORS.names and list(scores.mentions.columns) == MENTIONS.names
    table = scores.actors.set_index("actor")
    assert {"Xi Jinping", "Vladimir Putin", "Wang Wenbin", "Dmitry Peskov", "Yuri Ushakov", "the Kremlin", "China",
            "Russia", "Ukraine"} <= set(table.index)
    assert set(table["role"]) <= {"hero", "villain", "victim", "none"}
    probabilities = table[["p_hero", "p_villain", "p_victim"]].sum(axis=1)
    assert ((probabilities - 1).abs() < 1e-9).all()
    # an actor with role none has no cue around its mentions
    assert (table.loc[table["role"] == "none", "role_evidence"] == "").all()
    text = seed_article.text
    assert all(text[s:e] == t for s, e, t in zip(scores.mentions["start"], scores.mentions["end"], scores.mentions["text"]))
    assert table.loc["Yuri Ushakov", "mentions"] == (scores.mentions["actor"] == "Yuri Ushakov").sum()


def test_an_actor_map_merges_names(seed_article):
    scores = score_article(seed_article, actors=True, actor_map={"Chinese government": ["China", "Beijing"]})
    names = set(scores.actors["actor"])
    assert "Chinese government" in names and "China" not in names and "Beijing" not in names
