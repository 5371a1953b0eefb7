"""The article: original text, where its parts are, and what cleaning removed.

The text is never modified. Cleaning produces a list of ``Removal`` spans; analysis runs on
``article.masked``, a copy of the same length in which removed characters are blanked and
every horizontal space is a plain one, so every offset the kit reports indexes ``article.text``
directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

#: Horizontal spaces other than " " and tab (no-break, narrow no-break, figure, thin, ideographic,
#: …; common in web text): ``masked`` writes each as " ", so the measures' patterns, which match
#: a space or a tab between words, read "said\u00a0John Smith" as "said John Smith".
_OTHER_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

@dataclass(frozen=True)
class Removal:
    """A stretch of the original text that cleaning set aside (and why)."""

    start: int
    end: int
    kind: str  # cms_shortcode, html_tag, markdown_syntax, invisible_character, ...
    text: str


@dataclass(frozen=True)
class Part:
    """A region of the text: the title line, one bullet highlight, or the body."""

    kind: str  # title | highlight | body
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    event: str | None = None
    source: str | None = None  # where it was read from: a path, or "path:line"
    format: str = "text"
    encoding: str = "utf-8"
    sha256: str | None = None
    parts: tuple[Part, ...] = ()
    removed: tuple[Removal, ...] = ()
    meta: dict = field(default_factory=dict, compare=False)
    #: The record's document variables, name → None, int, float, bool or str
    #: (``analysis.io.variables``): columns of ``articles`` after the declared ones.
    variables: dict = field(default_factory=dict, compare=False)
    #: The outlet as the input spelled it, when an outlet map gave ``outlet`` another name
    #: (``analysis.io.outlets``); None: ``outlet`` is as spelled.
    outlet_raw: str | None = None

    @cached_property
    def masked(self) -> str:
        """``text`` with every removed span blanked (newlines kept) and every other horizontal
        space a plain one (``_OTHER_SPACES``): same length, same offsets."""
        text = _OTHER_SPACES.sub(" ", self.text)  # ``self.text`` itself when it has none
        if not self.removed:
            return text
        chars = list(text)
        for r in self.removed:
            for i in range(r.start, r.end):
                if chars[i] not in "\r\n":
                    chars[i] = " "
        return "".join(chars)

    @property
    def body(self) -> Part:
        for part in self.parts:
            if part.kind == "body":
                return part
        return Part("body", 0, len(self.text))

    @property
    def highlights(self) -> list[Part]:
        return [p for p in self.parts if p.kind == "highlight"]

    def __repr__(self) -> str:
        from analysis.explore.display import article_repr

        return article_repr(self)

    def _repr_html_(self) -> str:
        """JupyterLab's view: title, outlet, date, size and the text marked up (``analysis.show``)."""
        from analysis.explore.display import article_html

        return article_html(self)
