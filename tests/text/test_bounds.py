"""Bounded work on text without sentence ends: no sentence is longer than
``MAX_SENTENCE_CHARS``, pieces are cut at white space with exact offsets, and scoring a long
unpunctuated article gives short sentences (bench/large_article.py measures time and memory
on 5 MB)."""

import re
import time

import pytest

from analysis import load_article, score_article
from analysis.article import Part
from analysis.text.segment import MAX_SENTENCE_CHARS, count_words, space_before, split_sentences


@pytest.fixture(scope="module")
def words(seed_path) -> list[str]:
    return re.sub(r"[^\w ]+", " ", seed_path.read_text(encoding="utf-8")).split()


def unpunctuated(words, size: int) -> str:
    text = " ".join(words)
    return " ".join([text] * (size // len(text) + 1))[:size].rstrip()


def body_sentences(text: str):
    return split_sentences(text, (Part("body", 0, len(text)),))


def test_a_long_stretch_without_sentence_ends_is_cut_at_white_space(words):
    text = unpunctuated(words, 50_000)
    sentences = body_sentences(text)
    assert len(sentences) >= len(text) // MAX_SENTENCE_CHARS
    assert max(s.end - s.start for s in sentences) <= MAX_SENTENCE_CHARS
    # every cut is at white space, no character but white space is left out, every word kept
    assert all(text[s.end].isspace() for s in sentences[:-1])
    assert all(not text[a.end:b.start].strip() for a, b in zip(sentences, sentences[1:]))
    assert sentences[0].start == 0 and sentences[-1].end == len(text)
    assert sum(count_words(text, s.start, s.end) for s in sentences) == count_words(text)
    # each piece is as long as it can be: the next word would not have fitted
    for a, b in zip(sentences, sentences[1:]):
        next_word_end = text.find(" ", b.start) if " " in text[b.start:] else len(text)
        assert next_word_end - a.start > MAX_SENTENCE_CHARS


def test_the_cap_is_exact():
    word = "abcd "
    fits = (word * (MAX_SENTENCE_CHARS // len(word) + 1))[:MAX_SENTENCE_CHARS].rstrip()
    fits = fits + "x" * (MAX_SENTENCE_CHARS - len(fits))
    assert len(fits) == MAX_SENTENCE_CHARS and [(s.start, s.end) for s in body_sentences(fits)] == [(0, len(fits))]
    longer = fits + "y"
    assert len(body_sentences(longer)) == 2


def test_punctuated_sentences_are_cut_only_where_they_are_too_long(words):
    long_one = " ".join(words)[:3 * MAX_SENTENCE_CHARS].rstrip() + "."
    text = f"A short one. {long_one} Another short one."
    spans = [text[s.start:s.end] for s in body_sentences(text)]
    assert spans[0] == "A short one." and spans[-1] == "Another short one."
    assert len(spans) == 2 + 2 and " ".join(spans[1:-1]) == long_one


def test_a_word_longer_than_the_cap_is_cut_inside():
    text = "z" * (2 * MAX_SENTENCE_CHARS + 5)
    assert [(s.start, s.end) for s in body_sentences(text)] == [
        (0, MAX_SENTENCE_CHARS), (MAX_SENTENCE_CHARS, 2 * MAX_SENTENCE_CHARS), (2 * MAX_SENTENCE_CHARS, len(text))]
    assert space_before("ab cd", 0, 4) == 2 and space_before("abcde", 0, 3) == 3


def test_a_long_unpunctuated_article_scores_into_short_sentences(words, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(unpunctuated(words, 300_000) + "\n", encoding="utf-8")
    article = load_article(path)
    began = time.perf_counter()
    scores = score_article(article)
    seconds = time.perf_counter() - began
    lengths = scores.sentences["end"] - scores.sentences["start"]
    assert lengths.max() <= MAX_SENTENCE_CHARS and len(scores.sentences) >= 300_000 // MAX_SENTENCE_CHARS
    assert int(scores.articles["words"].iat[0]) == count_words(article.text)
    # a guard against gross regressions only (about 3 s here; one 300,000-character sentence
    # took minutes): the targets are bench/large_article.py's
    assert seconds < 120
