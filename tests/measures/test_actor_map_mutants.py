"""The actor map's refusals, word for word: each message is the whole line a researcher reads
(``file: message`` or ``file:line: field: message``), not only a fragment of it. Written to
kill mutants of ``analysis/measures/actors/actor_map.py`` (``bench/mutation.py``)."""

from __future__ import annotations

import pytest

from analysis.errors import ActorMapError
from analysis.measures.actors.actor_map import read_actor_map


def _refused(source) -> str:
    with pytest.raises(ActorMapError) as error:
        read_actor_map(source)
    return str(error.value)


def test_a_missing_file_and_a_file_not_utf8_are_named_in_full(tmp_path, write):
    assert _refused(tmp_path / "missing.csv") == f"{tmp_path / 'missing.csv'}: no such actor map file"
    bad = write("bad.csv", b"canonical,alias\n\xff,x\n")
    assert _refused(bad) == f"{bad}: is not UTF-8 text"


def test_a_yaml_entry_with_a_type_reads_its_aliases(write):
    amap = read_actor_map(write("m.yaml", "Xi Jinping:\n  type: person\n  aliases: [President Xi, Xi]\n"))
    assert amap.names == {"Xi Jinping": "Xi Jinping", "President Xi": "Xi Jinping", "Xi": "Xi Jinping"}
    assert amap.types == {"Xi Jinping": "person"}
    assert read_actor_map({"A": {"type": "place", "aliases": ["B"]}}).names == {"A": "A", "B": "A"}


@pytest.mark.parametrize("content, message", [
    ("- a\n", "expected a mapping of canonical names to lists of aliases"),
    ("A: b\n", "A: expected a list of aliases"),
])
def test_yaml_refusals_in_full(write, content, message):
    path = write("m.yaml", content)
    assert _refused(path) == f"{path}: {message}"


def test_invalid_yaml_names_the_parser_s_problem_and_its_line(write):
    path = write("m.yaml", "A: b: c\n")
    assert _refused(path) == f"{path}:1: is not valid YAML (mapping values are not allowed here)"


def test_yaml_the_reader_refuses_has_no_line_and_is_still_named(write):
    # a control character: PyYAML's ReaderError, which has neither a problem_mark nor a problem
    path = write("m.yaml", "A: \x07\n")
    with pytest.raises(ActorMapError) as error:
        read_actor_map(path)
    assert error.value.line is None and error.value.file == str(path)
    assert str(error.value).startswith(f"{path}: is not valid YAML (unacceptable character #x0007")


def test_an_empty_canonical_name_in_full():
    assert _refused({" ": []}) == "canonical: is empty"


def test_map_names_after_an_overlapping_one_in_the_same_sentence_are_still_found():
    from analysis.io.article_file import make_article
    from analysis.measures.actors import actor_mentions, actors

    article = make_article("Officials said Zorbek Quill and the ministry agreed.", fmt="text", id="t")
    amap = {"Health Ministry": {"type": "organisation", "aliases": ["the ministry"]}, "Zorbek Quill": []}
    m = actor_mentions(article, actor_map=amap)
    assert list(zip(m["actor"], m["text"], m["start"])) == [("Zorbek Quill", "Zorbek Quill", 15),
                                                            ("Health Ministry", "the ministry", 32)]
    table = actors(article, actor_map=amap)
    assert dict(zip(table["actor"], table["type"])) == {"Zorbek Quill": "person", "Health Ministry": "organisation"}
    # a name found only through the map, with no type in the map, is a person
    untyped = actors(make_article("Officials said the ministry agreed.", fmt="text", id="t"),
                     actor_map={"Health Ministry": ["the ministry"]})
    assert list(zip(untyped["actor"], untyped["type"])) == [("Health Ministry", "person")]


@pytest.mark.parametrize("name, content, message", [
    ("m.json", "{}", "actor maps must be .csv, .yaml or .yml"),
    ("m.csv", "alias,canonical\n", "has no entries"),
])
def test_a_file_of_another_kind_and_a_map_with_no_entries_are_refused_in_full(write, name, content, message):
    path = write(name, content)
    assert _refused(path) == f"{path}: {message}"
