"""Frame evidence in the article report's pieces: marked in the text without breaking the
loaded-language and quote marks, escaped everywhere, and shown in tables and figures."""

import re
from html import unescape

from analysis import score_article
from analysis.io.article_file import make_article
from analysis.report import figures, frame_tables
from analysis.report.render import highlighted_text, legend, table
from analysis.schema import FRAME_EVIDENCE, FrameEvidenceRow
from analysis.schema.rows import rows_frame

from test_render import Nesting

TEXT = "Critics slammed the “brutal, shameful war” plan, the senator said. Then 5 < 6 onerror=alert(1) & war.\n"
HOSTILE = '<img src=x onerror="alert(1)">'


def evidence_row(i, start, end, frame, *, scheme="generic", voice="journalist", speaker=None, cue=None):
    return FrameEvidenceRow(article_id="x", scheme=scheme, frame=frame, evidence_id=i, sentence_id=0 if start < 66 else 1,
                            part="body", start=start, end=end, text=TEXT[start:end], cue=cue or TEXT[start:end], weight=1.0,
                            voice=voice, quote_id=None, speaker=speaker)


def hand_evidence():
    """Cues that cross a loaded mark ("slammed the brutal": 8–27, across "slammed" 8–15, the
    quote's start at 20 and "brutal" 21–27), one that evokes two frames (97–100), and hostile
    names, cue and speaker."""
    return rows_frame([
        evidence_row(0, 8, 27, "conflict", cue=HOSTILE, voice="quoted", speaker=HOSTILE),
        evidence_row(1, 97, 100, "conflict"),
        evidence_row(2, 97, 100, "security_and_defense", scheme="policy"),
        evidence_row(3, 50, 57, f"<script>{HOSTILE}</script>"),
    ], FRAME_EVIDENCE)


def marked():
    article = make_article(TEXT)
    scores = score_article(article)
    return article, scores, highlighted_text(article, scores.spans, scores.quotes, hand_evidence())


def test_frame_cues_nest_with_marks_and_quotes_and_keep_the_text():
    _, scores, html = marked()
    parser = Nesting()
    parser.feed(html.split("</style>", 1)[1])
    assert parser.errors == [] and parser.stack == []
    assert "".join(parser.text).replace("\n", "") == TEXT.replace("\n", "")  # the markup adds labels only
    # the crossing cue is cut into pieces at each edge inside it (15, 20, 21), all with the same title
    pieces = html.count('class="mk-frame" title="generic frame conflict: &lt;img')
    assert pieces == 4
    # the loaded marks are all still there, each around exactly its span's text (the frame
    # pieces inside it and the labels taken out), in text order
    inside = [unescape(re.sub(r"<[^>]+>", "", re.sub(r"<(sup|sub)>.*?</\1>", "", m)))
              for m in re.findall(r"<mark [^>]*>(.*?)</mark>", html, re.S)]
    assert inside == scores.spans.sort_values("start")["text"].tolist()
    assert len(scores.spans) >= 2  # "slammed" and "brutal" at least: the check is not empty


def test_a_cue_of_two_frames_is_marked_once_naming_both():
    _, _, html = marked()
    assert html.count('title="generic frame conflict: war (journalist); policy frame security_and_defense: war (journalist)"') == 1
    assert ">war<sup>conflict security_and_defense</sup></span>" in html


def test_hostile_evidence_is_escaped():
    _, _, html = marked()
    body = html.split("</style>", 1)[1]
    assert "<script" not in body and "<img" not in body
    tags = [t for t in body.split("<")[1:]]
    assert not any(t.startswith(("script", "img")) for t in tags)
    assert "onerror=&quot;alert(1)&quot;" in body  # inside a title, quoted
    assert "quoted: &lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in body  # the speaker
    assert "5 &lt; 6 onerror=alert(1) &amp; <span" in body


def test_without_evidence_the_markup_is_as_before():
    article = make_article(TEXT)
    scores = score_article(article)
    plain = highlighted_text(article, scores.spans, scores.quotes)
    assert "mk-frame\"" not in plain.split("</style>", 1)[1]
    assert plain == highlighted_text(article, scores.spans, scores.quotes, scores.frame_evidence.iloc[0:0])
    assert "frame evidence" in legend(["hedge"], frames=True) and "frame evidence" not in legend(["hedge"])


def test_evidence_table_names_the_sentence_and_escapes_it():
    article = make_article(TEXT)
    scores = score_article(article)
    shown = frame_tables.evidence_display(hand_evidence(), scores.sentences)
    assert list(shown.columns) == ["scheme", "frame", "cue", "text", "voice", "speaker", "sentence"]
    assert shown["sentence"].tolist()[:2] == [TEXT[:66], TEXT[67:101]]
    html = table(shown)
    assert "<img" not in html and "&lt;img src=x onerror=" in html  # text, not a tag


def test_frame_scores_figure_has_a_panel_per_scheme_with_the_threshold(seed_scores):
    fig = figures.frame_scores(seed_scores.frames)
    axes = [ax for ax in fig.axes if ax.get_visible() and ax.patches]
    assert [ax.get_title() for ax in axes] == ["generic frames", "policy frames"]
    assert [len(ax.patches) for ax in axes] == [5, 14]
    assert all(any(list(line.get_xdata()) == [0.5, 0.5] for line in ax.get_lines()) for ax in axes)
    assert [t.get_text() for t in axes[0].get_yticklabels()][0] == "conflict"


def test_frames_display_lists_both_schemes(seed_scores):
    shown = frame_tables.frames_display(seed_scores.frames)
    assert list(shown.columns) == ["scheme", "frame", "score", "present", "strength", "threshold", "sentences", "hits",
                                   "journalist_hits", "quoted_hits"]
    assert len(shown) == 19 and shown["scheme"].tolist()[0] == "generic"
