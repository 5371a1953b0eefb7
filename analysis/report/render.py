"""HTML pieces for reports. Every string from an article is escaped here, nowhere else.

``highlighted_text`` walks the original text once and wraps loaded-language spans (labelled by
category), direct quotes (visibly marked, with the speaker on hover) and, when given, the frame
evidence (each cue with a dotted underline, its frames on hover); text removed by
cleaning is not shown, only a badge naming what was removed; beyond ``MARKED_CHARS`` characters
the text is not shown and a note says how much is left out. ``table`` renders a DataFrame with
every cell escaped.
"""

from __future__ import annotations

import html

import pandas as pd

from analysis.article import Article
from analysis.text.segment import space_before

#: Colour per lexicon category (colour-blind-safe Okabe-Ito palette); unknown categories grey.
CATEGORY_COLOURS = {
    "violence_conflict": "#D55E00",
    "delegitimising": "#CC79A7",
    "booster": "#E69F00",
    "hedge": "#56B4E9",
    "emotive_evaluation": "#F0E442",
    "attribution_verb": "#009E73",
    "fear_appeal": "#0072B2",
    "conflict_metaphor": "#882255",
    "issue_frame": "#117733",
}
OTHER_COLOUR = "#999999"

STYLE = """
<style>
.mk-text { font-family: Georgia, serif; font-size: 15px; line-height: 1.7; max-width: 52em; }
.mk-text .mk-part { font-size: 11px; font-family: sans-serif; color: #555; text-transform: uppercase; letter-spacing: .05em; margin-right: .5em; }
.mk-text mark { padding: 0 2px; border-radius: 3px; }
.mk-text mark sub { font-family: sans-serif; font-size: 9px; color: #222; margin-left: 2px; }
q.mk-quote { quotes: none; background: #eef3fb; border-bottom: 2px solid #4a78c2; }
q.mk-quote::before, q.mk-quote::after { content: none; }
.mk-text .mk-speaker { font-family: sans-serif; font-size: 10px; color: #fff; background: #4a78c2; border-radius: 3px; padding: 0 3px; margin-left: 2px; }
.mk-reported { border-bottom: 2px dotted #4a78c2; }
.mk-text .mk-speaker-reported { background: #8aa6d6; }
.mk-text .mk-removed { font-family: sans-serif; font-size: 10px; color: #777; border: 1px dashed #aaa; border-radius: 3px; padding: 0 3px; }
.mk-text .mk-more { font-family: sans-serif; font-size: 13px; color: #555; border-top: 1px dashed #aaa; margin-top: .8em; padding-top: .4em; }
.mk-text .mk-frame { border-bottom: 2px dotted #117733; }
.mk-text .mk-dict { border-bottom: 2px dashed #AA4499; }
.mk-text .mk-dict sup { font-family: sans-serif; font-size: 9px; color: #AA4499; margin-left: 1px; }
.mk-text .mk-actor { border-bottom: 2px solid #332288; }
.mk-text .mk-frame sup { font-family: sans-serif; font-size: 9px; color: #117733; margin-left: 1px; }
.mk-legend span { display: inline-block; margin: 0 .8em .3em 0; font-family: sans-serif; font-size: 12px; }
.mk-legend i { display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; border-radius: 2px; }
</style>
"""


def colour(category: str) -> str:
    return CATEGORY_COLOURS.get(category, OTHER_COLOUR)


def esc(value) -> str:
    """Escape anything for HTML text or a quoted attribute."""
    return html.escape("" if value is None or value is pd.NA else str(value), quote=True)


#: Dictionary categories (the researcher's own) take these colours in sorted order, cycling
#: (Paul Tol's colour-blind-safe "muted" scheme).
DICTIONARY_PALETTE = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499")


def dictionary_colours(categories) -> dict[str, str]:
    """Category → colour for a user dictionary's categories (sorted, then the palette in turn)."""
    names = sorted({str(c) for c in categories})
    return {c: DICTIONARY_PALETTE[i % len(DICTIONARY_PALETTE)] for i, c in enumerate(names)}


def legend(categories, *, frames: bool = False, actors: bool = False, quotes: bool = True, dictionary=()) -> str:
    """The marked-up text's key: the loaded-language categories, (``quotes``) the quote marks,
    (``actors``) the actor-mention underline, (``frames``) the frame-evidence underline and
    (``dictionary``: the dictionary categories shown) each category's dashed underline."""
    items = "".join(f'<span><i style="background:{colour(c)}"></i>{esc(c)}</span>' for c in sorted(set(categories)))
    quote_items = ('<span><q class="mk-quote">quoted</q> direct quote</span>'
                   '<span><span class="mk-reported">reported</span> reported speech</span>') if quotes else ""
    actor_item = '<span class="mk-text"><span class="mk-actor">name</span> actor mention</span>' if actors else ""
    frame_item = '<span class="mk-text"><span class="mk-frame">cue</span> frame evidence</span>' if frames else ""
    dict_items = "".join(f'<span class="mk-text"><span class="mk-dict" style="border-bottom-color:{c}">{esc(name)}</span> '
                         f'dictionary</span>' for name, c in dictionary_colours(dictionary).items())
    return f'<div class="mk-legend">{items}{quote_items}{actor_item}{frame_item}{dict_items}</div>'


#: The marked-up text shows an article's first this many characters (cut back to white space);
#: a longer article gets a note saying how many more there are. 100,000 characters is about
#: 16,000 words, longer than any news article; past it the page would only grow (a 5 MB text
#: made 120 MB of HTML), while the tables keep every sentence, span and quote.
MARKED_CHARS = 100_000

#: Nesting, outermost first: reported speech, direct quote, loaded-language mark, dictionary hit,
#: actor mention, frame cue. At one position, elements close innermost first and open outermost
#: first, so tags always nest; a dictionary hit, a mention and then a frame cue, innermost, are
#: each cut at every edge placed before them, so none crosses another.
_DEPTH = {"reported": 0, "direct": 1, "mark": 2, "dictionary": 3, "mention": 4, "frame": 5}


def highlighted_text(article: Article, spans: pd.DataFrame, quotes: pd.DataFrame,
                     evidence: pd.DataFrame | None = None, mentions: pd.DataFrame | None = None,
                     dictionary: pd.DataFrame | None = None) -> str:
    """The article as HTML: line breaks kept, spans and quotes marked, removals as badges;
    past ``MARKED_CHARS`` characters, a note instead of the rest (an element that runs past
    the cut is closed there). ``evidence``: the ``frame_evidence`` rows to mark (a cue that
    evokes several frames is marked once, naming them all). ``mentions``: the ``mentions``
    rows to mark (each actor's name with a solid underline, the actor on hover). ``dictionary``:
    ``dictionary_hits`` rows (``start``, ``end``, ``category``, ``term``, ``dictionary``; a
    dashed underline in the category's colour, ``dictionary_colours``, the category after the
    hit; one place counted by several categories is marked once, naming them all)."""
    text = article.text
    shown = _shown_chars(text)
    events: list[tuple[int, int, str]] = []  # (position, order, html)

    def element(start: int, end: int, depth: int, open_html: str, close_html: str) -> None:
        if start < shown:
            events.append((start, 10 + depth, open_html))
            events.append((min(end, shown), -depth, close_html))

    direct = quotes[quotes["kind"] == "direct"] if not quotes.empty else quotes
    direct_bounds = [(int(q.start), int(q.end)) for q in direct.itertuples(index=False)]
    for q in quotes.itertuples(index=False):
        who = next((w for w in (q.speaker, q.speaker_role) if isinstance(w, str) and w), "unattributed")
        start, end = int(q.start), int(q.end)
        if q.kind == "direct":
            element(start, end, _DEPTH["direct"], f'<q class="mk-quote" title="{esc(who)}">',
                    f'</q><span class="mk-speaker">{esc(who)}</span>')
        elif not any(s < start < e or s < end < e for s, e in direct_bounds):  # only if it nests
            element(start, end, _DEPTH["reported"], f'<span class="mk-reported" title="reported: {esc(who)}">',
                    f'</span><span class="mk-speaker mk-speaker-reported">{esc(who)}</span>')
    for s in spans.itertuples(index=False):
        style = f"background:{colour(s.category)}55; border-bottom:2px solid {colour(s.category)}"
        label = f"{s.category}: {s.term}" + (" (in quote)" if s.in_quote else "") + ("" if s.loaded else " (not loaded)")
        label += " (negated)" if getattr(s, "negated", False) else ""
        label += precision_note(getattr(s, "precision", None))
        element(int(s.start), int(s.end), _DEPTH["mark"], f'<mark style="{style}" title="{esc(label)}">',
                f"<sub>{esc(s.category)}</sub></mark>")
    # actor mentions, then frame cues, each cut at every edge already placed so that they nest
    cut_layers = []
    if dictionary is not None and len(dictionary):
        cut_layers.append(("dictionary", "mk-dict", _dictionary_cues(dictionary)))
    if mentions is not None and len(mentions):
        cut_layers.append(("mention", "mk-actor", [((int(m.start), int(m.end)), f"actor: {m.actor} ({m.voice})", "", "")
                                                    for m in mentions.itertuples(index=False)]))
    if evidence is not None and len(evidence):
        cut_layers.append(("frame", "mk-frame", [(*cue, "") for cue in _frame_cues(evidence)]))
    for layer, css, cues in cut_layers:
        edges = sorted({at for at, _, _ in events})
        for (start, end), label, short, style in cues:
            cuts = [start, *(e for e in edges if start < e < end), end]
            attr = f' style="{style}"' if style else ""
            for i, (lo, hi) in enumerate(zip(cuts, cuts[1:])):
                tail = f'<sup{attr.replace("border-bottom-color", "color")}>{esc(short)}</sup>' if short and i == len(cuts) - 2 else ""
                element(lo, hi, _DEPTH[layer], f'<span class="{css}"{attr} title="{esc(label)}">', f"{tail}</span>")
    events.sort(key=lambda e: (e[0], e[1]))

    removed = sorted((r.start, r.end, r.kind) for r in article.removed)
    out: list[str] = []
    pos = 0
    for at, _, payload in events:
        out.append(_visible(text, pos, at, removed))
        pos = max(pos, at)
        out.append(payload)
    out.append(_visible(text, pos, shown, removed))
    if shown < len(text):
        out.append(f'<p class="mk-more">The text stops here, after {shown:,} characters: {len(text) - shown:,} more '
                   f'characters not shown. The tables hold every sentence, span and quote.</p>')
    return f'{STYLE}<div class="mk-text">{"".join(out)}</div>'


def _dictionary_cues(hits: pd.DataFrame) -> list[tuple[tuple[int, int], str, str, str]]:
    """One entry per hit position: its offsets, the hover label (each dictionary, category and
    term), the categories shown after it, and the style colouring it as its first category."""
    colours = dictionary_colours(hits["category"])
    places: dict[tuple[int, int], list] = {}
    for d in hits.itertuples(index=False):
        places.setdefault((int(d.start), int(d.end)), []).append(d)
    out = []
    for bounds, rows in sorted(places.items()):
        label = "; ".join(f"dictionary {getattr(d, 'dictionary', '')} {d.category}: {getattr(d, 'term', d.category)}".replace("  ", " ")
                          for d in rows)
        categories = list(dict.fromkeys(str(d.category) for d in rows))
        out.append((bounds, label, " ".join(categories), f"border-bottom-color:{colours[categories[0]]}"))
    return out


def _frame_cues(evidence: pd.DataFrame) -> list[tuple[tuple[int, int], str, str]]:
    """One entry per cue position: its offsets, the hover label (each scheme and frame with the
    cue, voice and speaker) and the short label shown after it (the frames)."""
    cues: dict[tuple[int, int], list] = {}
    for e in evidence.itertuples(index=False):
        cues.setdefault((int(e.start), int(e.end)), []).append(e)
    out = []
    for bounds, rows in sorted(cues.items()):
        labels = []
        for e in rows:
            voice = f"quoted: {e.speaker}" if e.voice == "quoted" and isinstance(e.speaker, str) and e.speaker else e.voice
            labels.append(f"{e.scheme} frame {e.frame}: {e.cue} ({voice})")
        out.append((bounds, "; ".join(labels), " ".join(dict.fromkeys(e.frame for e in rows))))
    return out


def _shown_chars(text: str) -> int:
    """How many characters of ``text`` the marked-up text shows: all of it up to
    ``MARKED_CHARS``, else up to the last white space before that (or exactly that many)."""
    return len(text) if len(text) <= MARKED_CHARS else space_before(text, 0, MARKED_CHARS)


def _visible(text: str, start: int, end: int, removed) -> str:
    """``text[start:end]`` escaped, with each removed stretch replaced by a badge naming it."""
    out = []
    pos = start
    for r_start, r_end, kind in removed:
        if r_end <= pos or r_start >= end:
            continue
        if r_start > pos:
            out.append(_lines(text[pos:r_start]))
        if r_start >= start:  # the badge stands where the removed stretch begins
            out.append(f'<span class="mk-removed" title="removed by cleaning">removed: {esc(kind)}</span>')
        pos = min(r_end, end)
    if pos < end:
        out.append(_lines(text[pos:end]))
    return "".join(out)


def precision_note(precision) -> str:
    """' — precision 23% on annotated news' for a measured hit, '' when unmeasured."""
    if precision is None or pd.isna(precision):
        return ""
    return f" \u2014 precision {float(precision):.0%} on annotated news"


def sample_note(terms: pd.DataFrame) -> str:
    """HTML: which groups' words were counted in a sample of their articles
    (``distinctive_terms``/``keyness`` above ``max_articles``: their ``attrs["articles_counted"]``),
    with how many of how many; '' when every article was counted. Group names escaped."""
    counted = terms.attrs.get("articles_counted") or {}
    if not counted:
        return ""
    groups = "; ".join(f"{esc(g)}: {int(c):,} of {int(n):,} articles" for g, (c, n) in counted.items())
    return ("<p>Words were counted in a seeded random sample of the articles of each large group "
            f"({groups}); counts, z and G² are the sample's.</p>")


def _lines(chunk: str) -> str:
    """Escape a run of text, keeping its line breaks (valid inside a quote or a mark)."""
    return "<br>\n".join(esc(line) for line in chunk.split("\n"))


def table(frame: pd.DataFrame, *, float_format: str = "{:.3f}", max_rows: int | None = None) -> str:
    """A DataFrame as an HTML table, every cell escaped, floats rounded for display only."""
    shown = frame if max_rows is None else frame.head(max_rows)
    formatters = {c: (lambda v, f=float_format: "" if pd.isna(v) else f.format(v))
                  for c in shown.columns if pd.api.types.is_float_dtype(shown[c])}
    return shown.to_html(index=False, escape=True, formatters=formatters, na_rep="", border=0, classes="mk-table")


def provenance_table(record: dict) -> str:
    """A provenance record (``analysis.provenance.provenance``) as a two-column table."""
    rows = []
    for key, value in record.items():
        if key == "inputs":
            for name, item in value.items():
                rows.append((f"input: {name}", item["path"]))
                rows.append((f"input: {name} sha256", item["sha256"]))
        elif isinstance(value, dict):
            for sub, item in value.items():
                rows.append((f"{key}: {sub}", item))
        else:
            rows.append((key, value))
    return table(pd.DataFrame(rows, columns=["what", "value"]))


#: Headline measures in display order, with the label a reader sees.
HEADLINES = {
    "words": "words in the body",
    "sentences": "sentences in the body",
    "highlights": "bullet highlights",
    "polarity": "TextBlob polarity (−1…1)",
    "subjectivity": "TextBlob subjectivity (0…1)",
    "vader_compound": "VADER compound, mean of sentences (−1…1)",
    "loaded_hits": "loaded-language hits in the body",
    "loaded_per_1k": "loaded hits per 1,000 words",
    "journalist_loaded_per_1k": "… in the journalist's voice, per 1,000 of its words",
    "quoted_loaded_per_1k": "… inside quotes, per 1,000 quoted words",
    "direct_quotes": "direct quotes",
    "reported_quotes": "reported (indirect) quotes",
    "speakers": "distinct speakers",
    "quote_share": "share of the body in direct quotes",
    "removed": "spans removed by cleaning",
}


def headline_table(articles: pd.DataFrame) -> str:
    """One article's headline measures as a labelled two-column table."""
    row = articles.iloc[0]
    frame = pd.DataFrame(
        [(label, _display_number(row[col])) for col, label in HEADLINES.items()], columns=["measure", "value"]
    )
    return table(frame)


def _display_number(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
