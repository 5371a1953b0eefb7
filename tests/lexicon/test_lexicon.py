import pytest

from analysis import LexiconError, load_lexicon
from analysis.lexicon.inflect import noun_forms, verb_forms
from analysis.lexicon.load import COLUMNS
from analysis.lexicon.match import PhraseMatcher, cut, pieces, split_term


def test_packaged_lexicon_is_versioned_with_provenance():
    lex = load_lexicon()
    assert lex.version == "1.2.0"
    assert lex.meta["licence"] == "MIT"
    assert len(lex.entries) >= 300
    assert set(lex.entries.columns) >= set(COLUMNS)
    assert lex.entries["term"].is_unique
    assert (lex.entries["term"].str.split().str.len() > 1).sum() >= 50  # multi-word phrases
    assert lex.entries["source"].str.len().gt(0).all()
    assert set(lex.entries["category"]) >= {"violence_conflict", "delegitimising", "booster", "hedge",
                                            "emotive_evaluation", "attribution_verb"}


def test_the_packaged_lexicon_is_read_once_and_each_caller_gets_its_own_copy(monkeypatch):
    import pandas as pd

    import analysis.lexicon.load as load

    reads = []
    read = load._read_packaged
    monkeypatch.setattr(load, "_read_packaged", lambda name: reads.append(name) or read(name))
    monkeypatch.setattr(load, "_READ", {})
    first, second = load_lexicon(), load_lexicon()
    assert reads == ["loaded_language"]  # read and validated once
    pd.testing.assert_frame_equal(first.entries, second.entries, check_exact=True)
    assert first.meta == second.meta and first.sha256 == second.sha256
    first.entries.loc[0, "term"] = "changed"
    first.meta["version"] = "changed"
    first.meta["sources"].append("changed")
    third = load_lexicon()
    assert third.entries["term"].iat[0] == second.entries["term"].iat[0] != "changed"
    assert third.meta == second.meta and "changed" not in third.meta["sources"]
    stamp = load._stamp("loaded_language")
    monkeypatch.setattr(load, "_stamp", lambda name: (stamp, "rewritten"))  # a file rewritten: read again
    assert load_lexicon().sha256 == second.sha256 and reads == ["loaded_language"] * 2


def test_copies_of_a_lexicon_share_one_matcher_and_a_changed_copy_gets_its_own():
    """Every load_lexicon() is a copy; the matcher of the same terms, inflections and variants is
    built once (``_MATCHERS``), and a copy whose entries were changed matches what it now holds."""
    first, second = load_lexicon(), load_lexicon()
    assert first.matcher is second.matcher
    changed = load_lexicon()
    row = changed.entries.index[changed.entries["term"] == "rubber-stamp"][0]
    changed.entries.loc[row, ["term", "inflect", "variants"]] = ["paper tiger", "none", ""]
    assert changed.matcher is not first.matcher
    text = "a rubber-stamp vote, a paper tiger"
    assert ("rubber-stamp", "rubber-stamp") in found(first, text) and ("paper tiger", "paper tiger") not in found(first, text)
    assert ("paper tiger", "paper tiger") in found(changed, text) and ("rubber-stamp", "rubber-stamp") not in found(changed, text)


def test_inflections():
    assert {"slams", "slammed", "slamming"} <= verb_forms("slam")
    assert {"admitted", "admits"} <= verb_forms("admit")
    assert {"claimed", "claiming", "claims"} <= verb_forms("claim")
    assert {"decries", "decried"} <= verb_forms("decry")
    assert noun_forms("crony") == {"crony", "cronies"}
    assert noun_forms("crisis") == {"crisis", "crises"}


def found(lex, text):
    return [(text[m.start:m.end], lex.entries.iloc[m.entry]["term"]) for m in lex.matcher.find(text)]


def test_matching_phrases_inflections_and_longest_match():
    lex = load_lexicon()
    text = "Critics slammed the rubber stamp legislature's vote and the rubber-stamp."
    hits = found(lex, text)
    assert ("slammed", "slam") in hits
    assert ("rubber stamp legislature", "rubber-stamp legislature") in hits  # hyphen = space; possessive left out
    assert ("rubber-stamp", "rubber-stamp") in hits


def test_phrase_does_not_cross_punctuation():
    matcher = PhraseMatcher({split_term("deadly invasion"): 0})
    assert matcher.find("It was deadly. Invasion followed.") == []
    assert len(matcher.find("a deadly\ninvasion")) == 1


def test_pieces_cut_as_lists_or_one_by_one_match_alike():
    lex = load_lexicon()
    text = "Critics slammed the rubber-stamp legislature’s vote. It wasn't a reckless, deadly invasion."
    ps = pieces(text)
    assert [tuple(p) for p in ps] == list(zip(*cut(text)))
    assert ps[5].norm == "legislature" and text[ps[5].start:ps[5].end] == "legislature"  # possessive left out
    found = lex.matcher.find(text)
    assert found and lex.matcher.find_in_pieces(text, cut(text)) == found
    tail = cut(text, text.index("It"))  # the pieces of part of a text, offsets into the whole
    assert lex.matcher.find_in_pieces(text, tail) == [m for m in found if m.start >= text.index("It")]


def test_matcher_cost_does_not_depend_on_lexicon_size():
    small = PhraseMatcher({("alpha",): 0})
    big = PhraseMatcher({("w%d" % i, "x"): i for i in range(50_000)} | {("alpha",): 0})
    text = "alpha beta gamma " * 10
    assert [m.start for m in small.find(text)] == [m.start for m in big.find(text)]


def test_user_csv_adds_and_overrides(write):
    path = write("mine.csv", "term,category,weight,loaded\nstrongman,my_labels,0.9,yes\nsurge,my_alarm,0.2,no\n")
    lex = load_lexicon(path)
    row = lex.entries.set_index("term").loc["surge"]
    assert (row["category"], row["weight"], bool(row["loaded"])) == ("my_alarm", 0.2, False)
    assert "deadly invasion" in set(lex.entries["term"])
    assert lex.version.startswith("1.2.0+mine@")
    only = load_lexicon(path, mode="replace")
    assert set(only.entries["term"]) == {"strongman", "surge"}


def test_user_yaml(write):
    path = write("mine.yaml", "meta:\n  name: mine\n  version: '2'\nentries:\n  - term: shadow war\n    category: conflict\n    inflect: noun\n")
    lex = load_lexicon(path, mode="replace")
    assert lex.version == "2"
    assert found(lex, "Two shadow wars.") == [("shadow wars", "shadow war")]


@pytest.mark.parametrize(
    "content, line, field",
    [
        ("term,category,weight\nok,cat,0.5\nbad,cat,heavy\n", 3, "weight"),
        ("term,category,weight\nok,cat,1.5\n", 2, "weight"),
        ("term,category,loaded\nx,cat,maybe\n", 2, "loaded"),
        ("term,category\nx,\n", 2, "category"),
        ("term,category\nx,c\nx,c\n", 3, "term"),
        ("term,category,inflect\nx,c,plural\n", 2, "inflect"),
        ("term,weight\nx,0.5\n", 1, "category"),
        ("term,category,colour\nx,c,red\n", 1, "colour"),
    ],
)
def test_malformed_csv_names_file_line_field(write, content, line, field):
    path = write("bad.csv", content)
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    assert (caught.value.file, caught.value.line, caught.value.field) == (str(path), line, field)
    assert str(caught.value).startswith(f"{path}:{line}: {field}: ")


def test_malformed_yaml_names_the_entry_line(write):
    path = write("bad.yaml", "entries:\n  - term: fine\n    category: c\n  - term: broken\n    category: c\n    weight: lots\n")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    assert (caught.value.line, caught.value.field) == (4, "weight")


def test_lexicon_hash_changes_with_entries(write):
    base = load_lexicon()
    extended = load_lexicon(write("m.csv", "term,category\nzzz word,c\n"))
    assert base.sha256 != extended.sha256
    assert base.sha256 == load_lexicon().sha256


# --- exact pieces and matches (each pins an offset or a match the spans table relies on) ----------

def test_curly_apostrophe_alone_still_cuts_possessives_and_contractions():
    # no straight apostrophe anywhere, so only the curly one can send the text to the possessive path
    text = "The legislature’s vote won’t pass"
    assert cut(text) == ([0, 4, 18, 23, 29], [3, 15, 22, 28, 33], ["the", "legislature", "vote", "won't", "pass"])
    assert text[4:15] == "legislature"  # the ’s is left out of the piece's end


def test_a_one_letter_possessive_is_cut_off():
    assert cut("Plan B's cost") == ([0, 5, 9], [4, 6, 13], ["plan", "b", "cost"])


def test_pieces_of_part_of_a_text_stop_at_its_end():
    assert pieces("deadly invasion here", 0, 6) == [(0, 6, "deadly")]
    assert pieces("deadly invasion here", 7, 15) == [(7, 15, "invasion")]


def test_matcher_counts_its_phrases():
    assert len(PhraseMatcher({("rubber", "stamp"): 0, ("stamp",): 1, ("vote",): 2})) == 3


def test_find_starts_at_the_first_character_and_stops_at_end():
    matcher = PhraseMatcher({("rubber", "stamp"): 0, ("vote",): 2})
    assert matcher.find("vote") == [(0, 4, 2)]
    assert matcher.find("rubber stamp vote", 0, 12) == [(0, 12, 0)]
    assert matcher.find("rubber stamp vote", 7) == [(13, 17, 2)]


def test_pieces_inside_a_match_start_no_match_but_later_pieces_do():
    # "stamp" is an entry of its own, but it sits inside "rubber stamp": skipped, and "vote" is still found
    matcher = PhraseMatcher({("rubber", "stamp"): 0, ("stamp",): 1, ("vote",): 2})
    assert matcher.find("A rubber stamp vote.") == [(2, 14, 0), (15, 19, 2)]


def test_four_piece_phrase_matches_whole_and_only_when_joined():
    matcher = PhraseMatcher({split_term("weapons of mass destruction"): 0, ("mass",): 1})
    assert matcher.find("No weapons of mass destruction were found.") == [(3, 30, 0)]
    # a comma between the third and fourth piece breaks the phrase; "mass" alone is then the match
    assert matcher.find("No weapons of mass, destruction.") == [(14, 18, 1)]
