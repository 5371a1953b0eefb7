"""The kit's one stop list, as highlights and distinctive_terms use it."""

from analysis.compare import terms
from analysis.measures.highlights import content_words
from analysis.text.stopwords import STOP_WORDS


def test_highlights_drop_the_kit_function_words_and_keep_said():
    # "they", "all", "of", "them" are function words; "said" carries a highlight's content
    assert content_words("They said all of them won.") == {"said", "won"}
    assert {"them", "all", "without"} <= STOP_WORDS and not {"said", "says"} & STOP_WORDS


def test_distinctive_terms_leave_out_the_stop_list_and_the_reporting_verbs():
    assert terms.STOP_WORDS - STOP_WORDS == {"said", "says"} and STOP_WORDS <= terms.STOP_WORDS
    assert len(STOP_WORDS) == 130
