"""Where the title, the bullet highlights and the body are.

The shape of a news file as the kit reads it::

    Optional title line            (short, no sentence-final punctuation, or a Markdown heading)
    - bullet highlight             (lines starting "- ", "* " or "• " before the body)
    - bullet highlight
    Body text …

Works on the masked text, so a Markdown ``#`` marker that cleaning blanked does not count.
"""

from __future__ import annotations

import re

from analysis.article import Part

_BULLET = re.compile(r"^[ \t]*(?:[-*\u2022\u2023\u25cf])[ \t]+")
_TITLE_MAX_CHARS = 200  # a line longer than this is prose, not a headline


def _lines(text: str):
    """(start, end) of each line, ``end`` excluding the newline."""
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        yield pos, pos + len(stripped)
        pos += len(line)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_parts(masked: str, *, original: str | None = None, has_title_field: bool = False) -> tuple[Part, ...]:
    """Split an article into title, highlight and body parts (offsets into the text).

    ``original`` is the unmasked text, used only to recognise a Markdown heading line
    (whose ``#`` cleaning blanked). ``has_title_field``: the title came as metadata
    (JSON/HTML), so the first line is not taken as a title.
    """
    lines = [(s, e) for s, e in _lines(masked)]
    nonblank = [(s, e) for s, e in lines if masked[s:e].strip()]
    parts: list[Part] = []
    i = 0
    if not nonblank:
        return (Part("body", 0, len(masked)),)

    s, e = nonblank[0]
    first = masked[s:e].strip()
    is_heading = original is not None and original[s:e].lstrip().startswith("#")
    if not has_title_field and not _BULLET.match(masked[s:e]):
        followed_by_bullet = len(nonblank) > 1 and _BULLET.match(masked[nonblank[1][0]:nonblank[1][1]])
        blank_after = _blank_line_after(masked, e)
        looks_like_headline = len(first) <= _TITLE_MAX_CHARS and not first.endswith((".", "!", "?", "\u201d", '"'))
        if is_heading or (looks_like_headline and (followed_by_bullet or blank_after) and len(nonblank) > 1):
            parts.append(Part("title", *_trimmed(masked, s, e)))
            i = 1

    while i < len(nonblank):
        s, e = nonblank[i]
        m = _BULLET.match(masked[s:e])
        if not m:
            break
        start, end = _trimmed(masked, s + m.end(), e)
        if end > start:
            parts.append(Part("highlight", start, end))
        i += 1

    if i < len(nonblank):
        body_start = nonblank[i][0]
        start, end = _trimmed(masked, body_start, len(masked))
        parts.append(Part("body", start, end))
    elif not any(p.kind == "body" for p in parts):
        # Only highlights (or only a title): the last part is all the prose there is.
        last_end = parts[-1].end if parts else 0
        parts.append(Part("body", last_end, last_end))
    return tuple(parts)


def _blank_line_after(text: str, line_end: int) -> bool:
    nxt = text.find("\n", line_end)
    if nxt < 0:
        return False
    following_end = text.find("\n", nxt + 1)
    following = text[nxt + 1: following_end if following_end >= 0 else len(text)]
    return not following.strip()
