"""``analysis.measures.vader.Vader`` must give vaderSentiment's exact scores: each sentence below exercises
one of VADER's rules (bench/vader_identity.py runs the same check over the development corpora)."""

import pytest

from analysis.measures.vader import Vader, vader

TRICKY = [
    "",
    "   ",
    "The plan is good.",
    "The plan is not good.",
    "The plan isn't good at all.",
    "The plan is never so good.",
    "The plan is without doubt good.",
    "No problems were found.",
    "There was no good reason, no sound plan.",
    "Not bad or nor terrible or no worse.",
    "He is the least bad choice, at least not terrible.",
    "It was very least good.",
    "The food was good but the service was terrible and the room was awful.",
    "The food was good, but good food is rare; but then, but.",
    "It was kind of good and sort of bad.",
    "The result was extremely GOOD while others were BAD.",
    "THE RESULT WAS EXTREMELY GOOD.",
    "The rally was the bomb, a real kiss of death for the opposition, yeah right.",
    "She was barely happy, hardly sad and somewhat angry!!!",
    "Is this really a good idea??",
    "What a terrible, horrible day?!?!",
    "Great :) but sad :( and :D",
    "The deal was a disaster \U0001F600 for everyone",
    "\U0001F622\U0001F622 sad news",
    "The deadly invasion of Ukraine and the rubber-stamp legislature.",
    "  leading and trailing spaces, good  ",
    "Tabs\tand\nnewlines are good\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_scores_equal_vadersentiments(text):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    assert Vader().polarity_scores(text) == SentimentIntensityAnalyzer().polarity_scores(text)


def test_the_sentences_exercise_the_rules():
    # the list above would prove little if VADER scored every sentence 0
    compounds = [vader().polarity_scores(t)["compound"] for t in TRICKY]
    assert sum(c > 0 for c in compounds) >= 5 and sum(c < 0 for c in compounds) >= 5


def test_one_shared_analyser():
    assert vader() is vader()
