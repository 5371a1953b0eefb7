"""``analysis.plot``: every figure the reports draw, as functions of the kit's tables.

Each function takes a table the kit returns and returns a matplotlib ``Figure`` (``fig.savefig``
works as usual); none computes a measure. ``title=`` (and ``xlabel=`` where a figure has one
axis) replace the defaults. One style (``analysis.plot.style.STYLE``), colour-blind-safe
palettes: groups Okabe–Ito, loaded-language categories the marked-up text's colours, your
dictionaries' categories Tol's muted scheme. Every label from data and every title is drawn
literally, never as mathtext (``literal``).

One article (``score_article``)
    sentiment_by_sentence(sentences)      TextBlob and VADER per sentence, highlights shaded
    loaded_by_category(spans)             loaded hits per category, journalist vs quoted
    dictionary_by_category(dictionary_hits)  your dictionaries' hits per category, likewise
    quoted_share_by_speaker(quotes)       share of the body each speaker is quoted for
    highlights_against_body(highlights)   each highlight's polarity and loaded rate vs the body
    frame_scores(frames)                  each frame's score against its threshold

Groups (``analysis.compare``)
    articles_per_group(article_measures, groups)
    ci_plot(summary, measures)            means with bootstrap 95% CIs
    category_heatmap(summary)             loaded rate, group × lexicon category
    dictionary_rates(summary)             your dictionaries' rates by group, with CIs
    distinctive_terms_plot(terms)         weighted log-odds z per group
    paired_differences(paired_events, paired, measure)  within-event differences
    time_series(over_time, measures)      means per period with 95% interval bands
    frame_prevalence(summary), frame_voice_plot(frame_voice)

Validation (``analysis.validate``)
    validation_headline(comparison), frames_headline(comparison)
    validation_by_outlet(outlets), frame_validity(outlets)

Saving
    save_figure(fig, folder, name)        name.svg and name.pdf
    save_table(frame, folder, name)       name.csv
    Saver(folder)                         what the reports use for ``--figures``
"""

from analysis.plot.article import (dictionary_by_category, frame_scores, highlights_against_body, loaded_by_category,
                                   quoted_share_by_speaker, sentiment_by_sentence)
from analysis.plot.corpus import (articles_per_group, category_heatmap, ci_plot, dictionary_rates, distinctive_terms_plot,
                                  frame_prevalence, frame_voice_plot, paired_differences, time_series)
from analysis.plot.labels import literal, literal_ticks
from analysis.plot.save import Saver, save_figure, save_table
from analysis.plot.style import group_colours
from analysis.plot.validation import frame_validity, frames_headline, roles_headline, validation_by_outlet, validation_headline

__all__ = [
    "Saver", "articles_per_group", "category_heatmap", "ci_plot", "dictionary_by_category", "dictionary_rates",
    "distinctive_terms_plot", "frame_prevalence", "frame_scores", "frame_validity", "frame_voice_plot", "frames_headline", "roles_headline",
    "group_colours", "highlights_against_body", "literal", "literal_ticks", "loaded_by_category", "paired_differences",
    "quoted_share_by_speaker", "save_figure", "save_table", "sentiment_by_sentence", "time_series", "validation_by_outlet",
    "validation_headline",
]
