"""Actors: discovery, typing, aliases, the actor map, the tables and their offsets (issue 13)."""

from __future__ import annotations

import pytest

from analysis.errors import ActorMapError
from analysis.io.article_file import load_article, make_article
from analysis.measures.actors import ACTOR_COLUMNS, MENTION_COLUMNS, actor_mentions, actor_rows, actors
from analysis.measures.quotes import quote_rows
from analysis.measures.sentences import sentence_rows
from analysis.schema import ACTORS, MENTIONS

SEED = "seeds/xi-moscow-visit.txt"


def _article(text: str):
    return make_article(text, fmt="text", id="t")


def _types(text: str, **kw) -> dict[str, str]:
    table = actors(_article(text), **kw)
    return dict(zip(table["actor"], table["type"]))


def test_full_name_surname_and_possessive_are_one_actor():
    text = "Xi Jinping arrived in Moscow. Officials said Xi’s visit matters, and Xi's aides agreed."
    m = actor_mentions(_article(text))
    xi = m[m["actor"] == "Xi Jinping"]
    assert xi["text"].tolist() == ["Xi Jinping", "Xi", "Xi"]
    assert [text[s:e] for s, e in zip(xi["start"], xi["end"])] == ["Xi Jinping", "Xi", "Xi"]
    assert xi["start"].tolist() == [0, 45, 69]


def test_surname_before_the_full_name_resolves_to_the_later_full_name():
    table = actors(_article("Ushakov spoke first. Later Yuri Ushakov, the advisor, spoke again."))
    assert table["actor"].tolist() == ["Yuri Ushakov"]
    assert table["mentions"].tolist() == [2]


def test_sentence_initial_common_words_are_not_names():
    table = actors(_article("Officials met on Monday. Critics said the plan failed. Putin said nothing."))
    assert table["actor"].tolist() == ["Putin"]


def test_capitalised_plural_common_nouns_describe_and_do_not_name():
    text = ("Police said Thugs attacked the shop, a group of Angry Democrat Thugs. Serena Williams watched "
            "with the Chicago Bears and the Democrats.")
    types = _types(text)
    assert "Thugs" not in types and "Angry Democrat Thugs" not in types
    # a surname ending in -s whose singular is a first name, a team whose last word is no plural
    # noun, and a gazetteer party stay actors
    assert {"Serena Williams", "Chicago Bears", "Democratic Party"} <= set(types)


def test_an_actor_map_keeps_a_description_it_lists():
    types = _types("Thugs attacked the shop. Later Thugs ran.", actor_map={"Thugs": []})
    assert "Thugs" in types


def test_types_from_gazetteers_head_words_titles_and_first_names():
    types = _types("President Obama met Mary Smith of the Justice Department in France and the Kremlin.")
    assert types == {"Obama": "person", "Mary Smith": "person", "Justice Department": "organisation",
                     "France": "place", "the Kremlin": "organisation"}


def test_titles_demonyms_and_the_are_not_part_of_the_mention():
    text = "Chinese President Xi Jinping thanked Sen. John Smith and the Kremlin."
    m = actor_mentions(_article(text))
    assert m["text"].tolist() == ["Xi Jinping", "John Smith", "Kremlin"]
    assert m["actor"].tolist() == ["Xi Jinping", "John Smith", "the Kremlin"]
    assert "Chinese" not in set(actors(_article(text))["actor"])


def test_gazetteer_aliases_share_a_canonical_name():
    table = actors(_article("The U.S. and the United States are one. Republicans and the GOP met."))
    assert dict(zip(table["actor"], table["mentions"])) == {"United States": 2, "Republican Party": 2}


def test_possessive_organisation_is_one_mention_and_its_possessor_another():
    text = "According to China’s Foreign Ministry, talks will go on."
    m = actor_mentions(_article(text))
    assert list(zip(m["actor"], m["text"])) == [("China’s Foreign Ministry", "China’s Foreign Ministry"), ("China", "China")]


def test_no_name_across_sentence_punctuation():
    m = actor_mentions(_article("He met Smith. Then Jones left. They saw Paris."))
    assert set(m["text"]) >= {"Smith", "Jones", "Paris"}
    assert not any(" " in t for t in m["text"])


def test_quoted_share_and_quote_counts_come_from_the_speakers():
    text = "“We will win,” said Anna Petrova. Petrova added that the war would end."
    article = _article(text)
    table = actors(article)
    row = table[table["actor"] == "Anna Petrova"].iloc[0]
    q = [r for r in quote_rows(article) if r.speaker == "Anna Petrova"]
    assert row["direct_quotes"] == 1 and row["reported_quotes"] == 1
    assert row["quoted_share"] == pytest.approx(sum(r.share for r in q if r.kind == "direct"))
    assert row["negative"] + row["neutral"] + row["positive"] == row["mentions"] == 2
    assert row["p_negative"] + row["p_neutral"] + row["p_positive"] == pytest.approx(1.0)


def test_mentions_inside_a_direct_quote_are_quoted():
    m = actor_mentions(_article("“Russia will win,” said Anna Petrova."))
    assert list(zip(m["text"], m["voice"], m["quote_id"])) == [("Russia", "quoted", 0), ("Anna Petrova", "journalist", None)] \
        or list(zip(m["text"], m["voice"])) == [("Russia", "quoted"), ("Anna Petrova", "journalist")]
    assert m["quote_id"].iloc[0] == 0 and m["quote_id"].isna().iloc[1]


def test_actor_map_csv_merges_and_finds_its_names(tmp_path):
    path = tmp_path / "map.csv"
    path.write_text("canonical,alias,type\nChina,Beijing,place\nVladimir Putin,the Russian leader,\n", encoding="utf-8")
    text = "Beijing and China spoke. Putin met the Russian leader’s aides."
    table = actors(_article(text), actor_map=path)
    assert dict(zip(table["actor"], table["mentions"])) == {"China": 2, "Putin": 1, "Vladimir Putin": 1}
    assert dict(zip(table["actor"], table["type"]))["China"] == "place"


def test_actor_map_yaml_and_dict(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("Xi Jinping:\n  type: person\n  aliases: [President Xi, Xi]\n", encoding="utf-8")
    for mapping in (path, {"Xi Jinping": ["President Xi", "Xi"]}):
        table = actors(_article("President Xi met Xi Jinping's aides."), actor_map=mapping)
        assert table["actor"].tolist() == ["Xi Jinping"] and table["mentions"].tolist() == [2]


@pytest.mark.parametrize("name, content, line, field", [
    ("m.csv", "canonical,name\nChina,Beijing\n", 1, "alias"),
    ("m.csv", "canonical,alias\nChina,Beijing\nRussia,Beijing\n", 3, "alias"),
    ("m.csv", "canonical,alias,type\nChina,Beijing,country\n", 2, "type"),
    ("m.csv", "canonical,alias\n,Beijing\n", 2, "canonical"),
    ("m.yaml", "China: Beijing\n", None, "China"),
    ("m.txt", "China\n", None, None),
])
def test_actor_map_errors_name_file_line_and_field(tmp_path, name, content, line, field):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ActorMapError) as error:
        actors(_article("China spoke."), actor_map=path)
    assert error.value.file == str(path) and error.value.line == line and error.value.field == field


def test_seed_article_actors_with_aliases_merged():
    article = load_article(SEED)
    table = actors(article)
    found = dict(zip(table["actor"], table["type"]))
    for name, kind in [("Xi Jinping", "person"), ("Vladimir Putin", "person"), ("Wang Wenbin", "person"),
                       ("Dmitry Peskov", "person"), ("Yuri Ushakov", "person"), ("the Kremlin", "organisation"),
                       ("China", "place"), ("Russia", "place"), ("Ukraine", "place")]:
        assert found.get(name) == kind, name
    assert not {"Xi", "Putin", "Ushakov", "Kremlin", "Chinese", "Russian", "Western"} & set(found)
    counts = dict(zip(table["actor"], table["mentions"]))
    assert counts["Xi Jinping"] == 6 and counts["Vladimir Putin"] == 6 and counts["the Kremlin"] == 4
    kremlin = table[table["actor"] == "the Kremlin"].iloc[0]
    assert kremlin["direct_quotes"] == 3 and kremlin["reported_quotes"] == 0
    m = actor_mentions(article)
    spans = set(zip(m["start"], m["end"], m["text"], m["actor"]))
    assert {(229, 239, "Xi Jinping", "Xi Jinping"), (661, 663, "Xi", "Xi Jinping"),
            (900, 924, "China’s Foreign Ministry", "China’s Foreign Ministry"), (900, 905, "China", "China"),
            (1168, 1179, "Wang Wenbin", "Wang Wenbin"), (1190, 1197, "Kremlin", "the Kremlin"),
            (2110, 2117, "Ushakov", "Yuri Ushakov")} <= spans
    assert all(article.text[s:e] == t for s, e, t in zip(m["start"], m["end"], m["text"]))


def test_tables_have_their_declared_columns_and_rows_level_agrees():
    article = load_article(SEED)
    assert ACTOR_COLUMNS == ACTORS.names and MENTION_COLUMNS == MENTIONS.names
    table, mentions = actors(article), actor_mentions(article)
    assert list(table.columns) == ACTORS.names and list(mentions.columns) == MENTIONS.names
    split = sentence_rows(article)
    rows, mention_rows = actor_rows(article, split, quote_rows(article, split))
    assert [r.actor for r in rows] == table["actor"].tolist()
    assert len(mention_rows) == len(mentions) == table["mentions"].sum()
    assert mentions["mention_id"].tolist() == list(range(len(mentions)))


def test_empty_article_gives_empty_tables():
    article = _article("nothing capitalised here at all.")
    assert actors(article).empty and list(actors(article).columns) == ACTORS.names
    assert actor_mentions(article).empty


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings, strategies as st  # noqa: E402

_WORDS = ["Xi", "Jinping", "Putin", "the", "Kremlin", "said", "China’s", "Foreign", "Ministry", "Mr.", "Smith", "met",
          "in", "Moscow", ".", ",", "“", "”", "U.S.", "Obama-era", "and", "\n\n", "Sen.", "Anna", "O'Brien's"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30))
def test_mention_offsets_index_the_text(words):
    article = _article(" ".join(words))
    m = actor_mentions(article)
    assert all(article.text[s:e] == t for s, e, t in zip(m["start"], m["end"], m["text"]))
    assert all(t.strip() == t and t for t in m["text"])


def test_basil_matching_resolves_an_entity_through_the_kits_alias_gazetteers():
    from analysis.validate.actors import entity_found

    names = {"Democratic Party": {"democratic party", "democratic"}, "Harry Reid": {"harry reid", "reid"}}
    assert entity_found("Democrats", names) == "Democratic Party"  # organisations.csv: Democrats → Democratic Party
    assert entity_found("Republicans", names) is None  # an alias of an actor the article lacks
    assert entity_found("plaintiffs", names) is None


def test_actors_of_some_of_the_sentences_are_those_of_the_whole_article_in_them():
    """``actors(article, sentences=…)`` with some of the article's sentences (here all but the
    two highlights): the mentions are the whole article's mentions that lie in the sentences
    given, each with its own sentence_id. The roles' features once looked a sentence up by its
    position among those given, not by its id, and this raised "sentence_id 2 is not a sentence
    of the article"."""
    from analysis.measures.sentences import sentences

    article = load_article(SEED)
    given = sentences(article).iloc[2:]
    whole = actor_mentions(article)
    part = actor_mentions(article, sentences=given)
    kept = whole[whole["sentence_id"] >= 2].reset_index(drop=True)
    assert len(part) < len(whole) and sorted(part["sentence_id"].unique()) == sorted(kept["sentence_id"].unique())
    assert part[["actor", "start", "end", "sentence_id"]].equals(kept[["actor", "start", "end", "sentence_id"]])
    table = actors(article, sentences=given).set_index("actor")
    assert table["mentions"].to_dict() == kept["actor"].value_counts().to_dict()
    assert set(table["role"]) <= {"hero", "villain", "victim", "none"}
