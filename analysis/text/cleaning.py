"""Find what is not article prose: CMS shortcodes, stray markup, invisible characters.

Nothing here edits text. ``find_removals`` returns the spans to set aside; ``Article.masked``
blanks them so offsets never shift, and the report lists every one of them.
"""

from __future__ import annotations

import re

from analysis.article import Removal

# WordPress-style shortcodes. A bracketed lower-case name counts as a shortcode when it has
# attributes (``[embedpost slug="…"]``), is a closing tag (``[/caption]``) or is a name CMSs
# use. Editorial brackets such as ``[sic]`` or ``[the president]`` have none of these.
_SHORTCODE_NAMES = (
    "embed|embedpost|caption|gallery|video|audio|playlist|tweet|twitter|instagram|youtube|"
    "facebook|related|relatedpost|related_posts|ad|ads|advert|pullquote|newsletter|iframe|"
    "contact-form|button|promo|sidebar"
)
_SHORTCODE = re.compile(
    r"\[/?(?:"
    r"[a-z][a-z0-9_-]*\s+[a-z_][\w-]*\s*=[^\[\]\n]*"  # name key=value …
    r"|(?:" + _SHORTCODE_NAMES + r")(?:\s[^\[\]\n]*)?"  # known name, optional attributes
    r")\]"
)
_CLOSING_SHORTCODE = re.compile(r"\[/[a-z][a-z0-9_-]*\]")

# HTML/XML tags and comments that leaked into plain text, Markdown or JSON text fields.
_HTML_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)
# Script and style elements: their content is code, not prose.
_HTML_CODE_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")

# Markdown syntax (only for Markdown input).
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"(\[)[^\]\n]+(\]\([^)\n]*\))")
_MD_HEADING = re.compile(r"^(#{1,6}[ \t]+)", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")
_MD_FENCE = re.compile(r"^```.*?^```[ \t]*$", re.M | re.S)
_MD_INLINE_CODE = re.compile(r"`[^`\n]+`")
_MD_BLOCKQUOTE = re.compile(r"^(>[ \t]?)", re.M)
_MD_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)


def find_removals(text: str, fmt: str = "text") -> list[Removal]:
    """Spans of ``text`` that are not prose, sorted and non-overlapping."""
    found: list[Removal] = []

    def add(start: int, end: int, kind: str) -> None:
        if end > start:
            found.append(Removal(start, end, kind, text[start:end]))

    for m in _HTML_CODE_BLOCK.finditer(text):
        add(m.start(), m.end(), "html_code")
    for m in _SHORTCODE.finditer(text):
        add(m.start(), m.end(), "cms_shortcode")
    for m in _CLOSING_SHORTCODE.finditer(text):
        add(m.start(), m.end(), "cms_shortcode")
    for m in _HTML_TAG.finditer(text):
        add(m.start(), m.end(), "html_tag")
    for m in _INVISIBLE.finditer(text):
        add(m.start(), m.end(), "invisible_character")
    if fmt == "markdown":
        for m in _MD_FENCE.finditer(text):
            add(m.start(), m.end(), "markdown_code")
        for m in _MD_IMAGE.finditer(text):
            add(m.start(), m.end(), "markdown_image")
        for m in _MD_LINK.finditer(text):
            add(m.start(1), m.end(1), "markdown_syntax")
            add(m.start(2), m.end(2), "markdown_link_target")
        for pattern in (_MD_HEADING, _MD_BLOCKQUOTE, _MD_EMPHASIS):
            for m in pattern.finditer(text):
                add(m.start(1), m.end(1), "markdown_syntax")
        for m in _MD_INLINE_CODE.finditer(text):
            add(m.start(), m.end(), "markdown_code")
        for m in _MD_RULE.finditer(text):
            add(m.start(), m.end(), "markdown_syntax")
    return _without_overlaps(found)


def _without_overlaps(found: list[Removal]) -> list[Removal]:
    """Keep the earliest, then longest, of overlapping spans."""
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    kept: list[Removal] = []
    for r in found:
        if kept and r.start < kept[-1].end:
            continue
        kept.append(r)
    return kept
