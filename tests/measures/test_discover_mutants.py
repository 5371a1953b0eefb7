"""Actor discovery (``analysis.measures.actors.discover``) at the rules the actors package
docstring promises, called at the discovery functions themselves, so that each case takes
milliseconds (the mutation run, ``bench/mutation.py``, runs them for every mutant): where a
name starts and ends in the text (titles, "the", possessives, hyphens left out), which runs
are names at all, how each is typed, and how the mentions of one actor are merged. The cases
are the docstring's own kinds of example; they hold whatever the gazetteers add, since they
use invented names or names the docstring itself gives."""

from __future__ import annotations

from importlib import resources

import pytest

from analysis.io.article_file import make_article
from analysis.measures.actors.actor_map import read_actor_map
from analysis.measures.actors.discover import (COMMON_COUNT, MORE_TITLES, Candidate, candidates, common_words, description,
                                               group, sentence_of, type_of, word_tags)
from analysis.measures.actors.gazetteers import gazetteers


@pytest.fixture(scope="module")
def gaz():
    return gazetteers()


def found(text: str, gaz, start: int = 0, end: int | None = None, sentence: int = 0) -> list[tuple]:
    """Each candidate of ``text[start:end]`` as (what its offsets spell, its name, titled,
    initial, org), in order."""
    end = len(text) if end is None else end
    return [(text[c.start:c.end], c.name, c.titled, c.initial, c.org) for c in candidates(text, sentence, start, end, gaz)]


def spelled(text: str, gaz) -> list[str]:
    return [f[0] for f in found(text, gaz)]


def sentences(text: str) -> list[tuple[int, int]]:
    """The kit's sentence bounds of ``text``."""
    from analysis.io.article_file import make_article
    from analysis.measures.sentences import sentence_rows

    return [(int(r.start), int(r.end)) for r in sentence_rows(make_article(text, fmt="text", id="t"))]


def discovered(text: str, gaz, *, titles: str = "", actor_map=None, speakers=()) -> tuple[list[tuple], dict]:
    """``group`` over the candidates of every sentence of ``text`` (and of ``titles``, a
    title-case line put before it): the mentions as (text, sentence, actor name) and the
    actors as name → type."""
    full = (titles + " " if titles else "") + text
    offset = len(titles) + 1 if titles else 0
    head = candidates(full, 0, 0, len(titles), gaz) if titles else []
    body = []
    for i, (a, b) in enumerate(sentences(text), start=1 if titles else 0):
        body += candidates(full, i, offset + a, offset + b, gaz)
    mentions, actors = group(full, body, head, gaz, read_actor_map(actor_map), set(speakers))
    assert all(t.key == key for key, t in actors.items())  # "the actors by key": each under its own
    names = [(full[m.start:m.end], m.sentence, actors[m.key].name) for m in mentions]
    return names, {t.name: t.type for t in actors.values()}


# --- where a name starts and ends ---

def test_a_possessive_is_left_out_of_the_name_straight_or_typographic(gaz):
    assert spelled("Officials met Xi's aides.", gaz) == ["Officials", "Xi"]
    assert spelled("Beijing’s support grew.", gaz) == ["Beijing"]
    assert spelled("Officials met Jones’ lawyer.", gaz) == ["Officials", "Jones"]  # a bare apostrophe too


def test_a_possessive_cuts_a_run_in_two_unless_the_rest_is_an_organisation(gaz):
    assert spelled("Officials said Putin's Russia won.", gaz) == ["Officials", "Putin", "Russia"]
    text = "According to China’s Foreign Ministry, talks go on."
    assert found(text, gaz) == [("China", "China", False, False, False),
                                ("China’s Foreign Ministry", "China’s Foreign Ministry", False, False, True)]


def test_titles_demonyms_and_the_are_left_out_and_a_title_is_remembered(gaz):
    assert found("Officials met Russian President Putin.", gaz)[1] == ("Putin", "Putin", True, False, False)
    assert found("Officials met Mr. Smith.", gaz)[1] == ("Smith", "Smith", True, False, False)
    assert found("The Justice Department met Smith.", gaz) == [
        ("Justice Department", "Justice Department", False, False, True), ("Smith", "Smith", False, False, False)]


@pytest.mark.parametrize("title", sorted(MORE_TITLES))
def test_plural_titles_are_titles(gaz, title):
    plural = title[:1].upper() + title[1:]
    assert found(f"Officials said {plural} Zorbek agreed.", gaz)[1] == ("Zorbek", "Zorbek", True, False, False)


def test_an_organisation_keeps_its_demonym_and_its_last_word(gaz):
    assert found("Chinese Foreign Ministry said so.", gaz) == [
        ("Chinese Foreign Ministry", "Chinese Foreign Ministry", False, True, True)]
    assert found("Officials saw the Embassy.", gaz)[1:] == [("Embassy", "Embassy", False, False, True)]


def test_a_name_ends_at_a_hyphen_to_a_lower_case_word_and_keeps_an_upper_case_one(gaz):
    assert spelled("Officials met Obama-era Officials today.", gaz) == ["Officials", "Obama"]
    assert spelled("Officials met Jean-Claude Juncker.", gaz) == ["Officials", "Jean-Claude Juncker"]


def test_the_name_has_single_spaces_and_the_offsets_the_text_as_written(gaz):
    assert found("Officials met Xi  Jinping.", gaz)[1][:2] == ("Xi  Jinping", "Xi Jinping")


def test_a_person_of_a_place_is_the_person_and_an_organisation_of_a_place_is_whole(gaz):
    assert spelled("Officials met Smith of New York.", gaz) == ["Officials", "Smith"]
    assert spelled("Officials met Smith of Smalltown.", gaz) == ["Officials", "Smith of Smalltown"]
    assert spelled("Officials met the Bank of England.", gaz) == ["Officials", "Bank of England"]


def test_candidates_are_looked_for_between_the_sentence_bounds_only(gaz):
    text = "Anna Petrova left. Boris Zorbek came."
    second = text.index("Boris")
    assert [(t, s) for t, s, *_ in found(text, gaz, second, len(text), sentence=1)] == [("Boris Zorbek", "Boris Zorbek")]
    assert candidates(text, 1, second, len(text), gaz)[0].sentence == 1
    assert [c.initial for c in candidates(text, 1, second, len(text), gaz)] == [True]  # the start of *its* sentence


# --- which runs are names ---

@pytest.mark.parametrize("text", ["It’s late.", "I’d go.", "It's late."])
def test_a_contraction_of_a_function_word_is_no_name(gaz, text):
    assert found(text, gaz) == []


@pytest.mark.parametrize("text", ["Officials met X today.", "Officials met Chinese.", "Officials said Russian-Chinese ties grow."])
def test_a_single_letter_a_demonym_and_a_run_of_demonyms_are_no_names(gaz, text):
    assert spelled(text, gaz) == ["Officials"]


def test_common_words_are_the_spelling_list_s_words_counted_at_least_common_count():
    counts = {}
    for line in (resources.files("textblob.en") / "en-spelling.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith(";") and parts[1].isdigit():
            counts[parts[0]] = int(parts[1])
    at = sorted(w for w, n in counts.items() if n == COMMON_COUNT)[:20]
    below = sorted(w for w, n in counts.items() if n == COMMON_COUNT - 1)[:20]
    assert at and below
    words = common_words()
    assert all(w in words for w in at) and not any(w in words for w in below)
    assert {"the", "critics", "officials"} <= words


def test_word_tags_are_the_brill_lexicon_s():
    tags = word_tags()
    assert tags["thugs"] == "NNS" and tags["angry"] == "JJ" and tags["chicago"] == "NNP"


def _candidate(name: str, **kw) -> Candidate:
    keys = tuple(name.lower().split())
    return Candidate(0, len(name), name, keys, 0, kw.get("titled", False), kw.get("initial", False), kw.get("org", False))


def test_a_description_is_plain_words_ending_in_a_plural_common_noun(gaz):
    assert description(_candidate("Thugs"), gaz, None)
    assert description(_candidate("Angry Thugs"), gaz, None)
    assert not description(_candidate("Thugs Angry"), gaz, None)  # the last word is no plural noun
    assert not description(_candidate("Chicago Thugs"), gaz, None)  # a proper noun in it
    assert not description(_candidate("Serena Thugs"), gaz, None)  # a first name in it
    assert not description(_candidate("Zorbek Thugs"), gaz, None)  # a word the lexicon does not know
    assert not description(_candidate("Thugs", titled=True), gaz, None)
    assert not description(_candidate("Thugs", org=True), gaz, None)
    assert not description(_candidate("Thugs"), gaz, read_actor_map({"Thugs": []}))
    assert description(_candidate("Thugs"), gaz, read_actor_map({"Rioters": []}))


def test_a_description_known_to_the_gazetteers_is_a_name(gaz):
    from dataclasses import replace

    assert not description(_candidate("Thugs"), replace(gaz, places={**gaz.places, "thugs": "Thugs"}), None)
    assert not description(_candidate("Thugs"), replace(gaz, organisations={**gaz.organisations, "thugs": "Thugs"}), None)
    assert not description(_candidate("The Thugs"), replace(gaz, organisations={**gaz.organisations, "thugs": "Thugs"}), None)


# --- types ---

@pytest.mark.parametrize("name, kw, expected", [
    ("Zorbek", {}, None),  # a single unknown word waits for the article's full names
    ("ZORBEK", {}, ("zorbek", "ZORBEK", "organisation")),  # an acronym
    ("Zorbek Quill", {}, ("zorbek quill", "Zorbek Quill", "person")),
    ("Zorbek Quill Plon Vrak", {}, ("zorbek quill plon vrak", "Zorbek Quill Plon Vrak", "person")),
    ("Zorbek Quill Plon Vrak Tesh", {}, ("zorbek quill plon vrak tesh", "Zorbek Quill Plon Vrak Tesh", "organisation")),
    ("Zorbek Quill Plon Vrak Tesh", {"titled": True}, ("zorbek quill plon vrak tesh", "Zorbek Quill Plon Vrak Tesh", "person")),
    ("Zorbek Quill", {"org": True}, ("zorbek quill", "Zorbek Quill", "organisation")),
    ("Zorbek", {"org": True}, ("zorbek", "Zorbek", "organisation")),
    ("France", {}, ("france", "France", "place")),
    ("U.S.", {}, ("united states", "United States", "place")),
    ("Kremlin", {}, ("kremlin", "the Kremlin", "organisation")),
])
def test_type_of_a_candidate(gaz, name, kw, expected):
    typed = type_of(_candidate(name, **kw), gaz, None)
    assert (None if typed is None else tuple(typed)) == expected


def test_a_first_name_makes_a_person_of_a_long_run(gaz):
    first = next(n for n in sorted(gaz.first_names) if n.isalpha() and n not in gaz.not_names)
    name = f"{first.title()} Quill Plon Vrak Tesh"
    assert type_of(_candidate(name), gaz, None).type == "person"


def test_the_actor_map_names_and_types_first(gaz):
    amap = read_actor_map({"Zorbek Quill": {"type": "place", "aliases": ["Zorbek"]}, "Plon": []})
    assert tuple(type_of(_candidate("Zorbek"), gaz, amap)) == ("zorbek quill", "Zorbek Quill", "place")
    assert tuple(type_of(_candidate("Plon"), gaz, amap)) == ("plon", "Plon", "person")  # no type given: the guess
    assert tuple(type_of(_candidate("PLON"), gaz, amap)) == ("plon", "Plon", "organisation")
    assert tuple(type_of(_candidate("France"), gaz, read_actor_map({"La France": ["France"]}))) == (
        "la france", "La France", "person")  # the map wins over the gazetteer


def test_sentence_of_a_position():
    starts = [0, 10, 25]
    assert [sentence_of(starts, p) for p in (0, 9, 10, 24, 25, 99)] == [0, 0, 1, 1, 2, 2]


# --- merging the mentions of one actor ---

def test_a_surname_and_a_first_name_resolve_to_the_full_name_before_else_after(gaz):
    names, actors = discovered("Officials said Zorbek arrived. Later Anna Zorbek spoke. Officials heard Zorbek and Anna.",
                               gaz)
    assert names == [("Zorbek", 0, "Anna Zorbek"), ("Anna Zorbek", 1, "Anna Zorbek"), ("Zorbek", 2, "Anna Zorbek"),
                     ("Anna", 2, "Anna Zorbek")]
    assert actors == {"Anna Zorbek": "person"}


def test_a_name_met_before_is_the_same_actor(gaz):
    names, actors = discovered("Officials met ZORB today. Officials saw ZORB again.", gaz)
    assert names == [("ZORB", 0, "ZORB"), ("ZORB", 1, "ZORB")] and actors == {"ZORB": "organisation"}
    names, actors = discovered("Officials met Zorbek today. Officials saw Zorbek again.", gaz)
    assert [n[2] for n in names] == ["Zorbek", "Zorbek"] and actors == {"Zorbek": "organisation"}


def test_a_single_unknown_word_is_a_person_when_a_title_a_first_name_or_a_speaker_says_so(gaz):
    assert discovered("Officials met Mr. Zorbek today.", gaz)[1] == {"Zorbek": "person"}
    assert discovered("Officials met Zorbek today.", gaz, speakers={"zorbek"})[1] == {"Zorbek": "person"}
    first = next(n for n in sorted(gaz.first_names) if n.isalpha() and n not in gaz.not_names and n not in common_words()
                 and n not in gaz.places and n not in gaz.organisations)
    assert discovered(f"Officials met {first.title()} today.", gaz)[1] == {first.title(): "person"}


def test_a_sentence_initial_common_word_is_kept_only_when_written_inside_or_speaking(gaz):
    assert discovered("Silence fell. Officials agreed.", gaz)[1] == {}
    assert discovered("Silence fell.", gaz, speakers={"silence"})[1] == {"Silence": "person"}
    names, _ = discovered("Silence fell. Officials met Silence.", gaz)
    assert names == [("Silence", 0, "Silence"), ("Silence", 1, "Silence")]
    # an uncommon word opening a sentence is a name of its own
    assert discovered("Zorbek said so.", gaz)[1] == {"Zorbek": "organisation"}


def test_descriptions_are_dropped_before_anything_is_merged(gaz):
    names, actors = discovered("Officials said Thugs came. Thugs left.", gaz)
    assert names == [] and actors == {}
    names, _ = discovered("Officials said Thugs came. Thugs left.", gaz, actor_map={"Thugs": []})
    assert [n[0] for n in names] == ["Thugs", "Thugs"]


def test_a_title_case_line_yields_only_the_longest_runs_naming_known_actors(gaz):
    names, actors = discovered("Officials said Anna Zorbek came. Zorbek left.",
                               gaz, titles="Anna Zorbek’s Visit To France Ends In Plon")
    # in the title: "Anna Zorbek" (possessive left out, the longest run known), "France" (a
    # gazetteer place); "Plon" and "Visit" are no actors found elsewhere
    assert names == [("Anna Zorbek", 1, "Anna Zorbek"), ("Zorbek", 2, "Anna Zorbek"), ("Anna Zorbek", 0, "Anna Zorbek"),
                     ("France", 0, "France")]
    assert actors == {"Anna Zorbek": "person", "France": "place"}


def test_a_title_case_line_alone_names_only_gazetteer_places(gaz):
    names, actors = discovered("Officials met.", gaz, titles="Zorbek Quill Visits France")
    assert names == [("France", 0, "France")] and actors == {"France": "place"}


def test_in_a_title_a_known_name_hyphenated_to_a_lower_case_word_ends_at_the_hyphen(gaz):
    names, _ = discovered("Officials said Zorbek spoke.", gaz, titles="Zorbek-backed Talks End In Plon Today")
    assert names == [("Zorbek", 1, "Zorbek"), ("Zorbek", 0, "Zorbek")]


@pytest.mark.parametrize("apostrophe", ["’", "'"])
def test_in_a_title_a_possessive_is_left_out_of_a_known_name_inside_a_longer_run(gaz, apostrophe):
    # "China’s Foreign Ministry" is one run (an organisation); in a title its known part
    # "China" is the mention, without the possessive
    names, actors = discovered("Officials met.", gaz, titles=f"China{apostrophe}s Foreign Ministry Backs The Plan")
    assert {n for n in names if n[1] == 0} == {("China", 0, "China")} and actors == {"China": "place"}


def test_a_title_case_line_names_each_actor_once_and_an_upper_case_possessive_is_left_out(tmp_path):
    from analysis import load_article
    from analysis.measures.actors import actor_mentions

    for title in ["China’s Foreign Ministry Says No To Talks", "CHINA’S FOREIGN MINISTRY SAYS NO"]:
        path = tmp_path / "a.txt"
        text = f"{title}\n\nChina’s Foreign Ministry said on Monday that it disagreed.\n"
        path.write_text(text, encoding="utf-8")
        article = load_article(path)
        mentions = actor_mentions(article)
        spans = list(zip(mentions["start"], mentions["end"]))
        assert len(spans) == len(set(spans)), f"{title!r}: a mention twice: {spans}"
        first = mentions.sort_values("start").iloc[0]
        assert (first["actor"], article.text[first["start"]:first["end"]]) == ("China", title[:5])


# --- cases the first mutation run of discover.py showed unpinned (issue 19) ---

def test_a_run_of_three_possessive_parts_gives_the_possessor_the_organisation_and_the_rest(gaz):
    # "A’s B’s C" with B an organisation: the possessor, "A’s B" whole (B then skipped), and C
    # after it: each part paired with the one after it, and the run read to its end
    text = "Officials said China’s Foreign Ministry’s Wang Wenbin spoke."
    assert spelled(text, gaz) == ["Officials", "China", "China’s Foreign Ministry", "Wang Wenbin"]


def test_a_hyphen_to_a_word_in_lower_case_first_ends_the_name_whatever_follows_its_first_letter(gaz):
    assert spelled("Officials saw the Samsung-iPhone rivalry.", gaz) == ["Officials", "Samsung"]


def test_a_straight_bare_apostrophe_is_left_out_as_a_typographic_one_is(gaz):
    assert found("Officials met Jones' lawyer.", gaz)[1] == ("Jones", "Jones", False, False, False)


def test_a_lone_title_is_no_name_and_an_organisation_keeps_its_head_after_the(gaz):
    assert found("President spoke.", gaz) == []  # every word a title: nothing is left
    assert found("The Ministry said so.", gaz) == [("Ministry", "Ministry", False, False, True)]


def test_a_lone_head_word_that_is_a_not_name_is_no_organisation(gaz):
    assert "inc" in gaz.org_heads and "inc" in gaz.not_names  # the case: a head word that names nothing alone
    assert spelled("Officials said Inc. shares fell.", gaz) == ["Officials"]


def test_a_two_capital_acronym_opening_a_sentence_is_an_organisation_though_a_common_word(gaz):
    # an acronym is typed at once (type_of), not left to the common-word rule of single words
    assert "pa" in common_words()
    assert discovered("PA staff protested. Officials met.", gaz) == ([("PA", 0, "PA")], {"PA": "organisation"})


def test_a_single_word_dropped_as_a_common_word_leaves_the_later_names_found(gaz):
    assert discovered("Rain fell. Jane Doe spoke.", gaz) == ([("Jane Doe", 1, "Jane Doe")], {"Jane Doe": "person"})


def test_a_word_written_before_its_acronym_form_is_one_actor_named_as_first_written(gaz):
    # "ACME" (an acronym: typed at once) is the alias of "Acme" before its actor exists
    assert discovered("Officials met Acme staff. ACME agreed.", gaz) == (
        [("Acme", 0, "Acme"), ("ACME", 1, "Acme")], {"Acme": "organisation"})


def test_a_contraction_of_a_word_that_is_no_name_is_not_part_of_the_name_after_it():
    # "I’m Olek Brandt": "I’m" is "I" + "m", and "I" is no name, so the name is Olek Brandt.
    # It was the actor "I’m Olek Brandt" (only a lone "I’d" was dropped). Fails on the old code.
    from analysis.measures.actors import actor_mentions

    text = "A headline here\n\n“I’m Olek Brandt and I approve this,” he said in the advert. “I’d go,” he said."
    mentions = actor_mentions(make_article(text, fmt="text", id="c"))
    at = text.index("Olek Brandt")
    assert list(zip(mentions["actor"], mentions["start"], mentions["end"])) == [("Olek Brandt", at, at + len("Olek Brandt"))]


def test_words_that_are_no_names_before_an_organisation_s_head_are_all_dropped():
    # "It’s The Ministry": the run is split at the possessive-looking "It’s" (no name); in the
    # rest, "The" is no name either and goes, up to the organisation's head: "Ministry". (At a
    # sentence's start "The" is never part of a run, so only a run like this one reaches it.)
    from analysis.measures.actors import actor_mentions

    text = "A headline here\n\nIt’s The Ministry, not the army, that decides."
    mentions = actor_mentions(make_article(text, fmt="text", id="o"))
    at = text.index("Ministry")
    assert list(zip(mentions["actor"], mentions["start"], mentions["end"])) == [("Ministry", at, at + len("Ministry"))]
