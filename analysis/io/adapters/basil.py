"""``basil``: the BASIL corpus layout (Fan et al., EMNLP 2019), one article per file.

    <root>/articles/<year>/<triplet-uuid>_<n>.json      one article each (read)
    <root>/annotations/...                              bias annotations (not read here)

The files are read by ``analysis.datasets.basil``, the reading validation uses too; its
docstring gives the fields. An article's ``text`` is ``BasilArticle.text`` (sentences
stripped and joined with one space, paragraphs with a blank line; the title is not part of
the text, it is the ``title`` field); ``outlet`` is the outlet's name ("Fox News", "New York
Times", "HuffPost"); ``id`` is the file name without ``.json``; ``event`` the
``triplet-uuid``; ``published`` the ``date``; ``url`` the ``url``. Document variables
(``analysis.io.variables``): ``main_event`` (``main-event``, the event's label, e.g. "Trump
pardons Arpaio") and ``main_entities`` (``main-entities``, as JSON text: ``["Donald Trump"]``).

Detection: ``format=None`` picks ``basil`` for a folder holding ``articles/<year>/`` with a
file named ``<uuid>_<n>.json``; ``--format basil`` reads any folder in this layout. Every
entry under ``articles/`` is a record: one with another name, invalid JSON or no usable
``body-paragraphs``, or one that cannot be read at all (a broken link, an unreadable file: see
``analysis.io.tree``), is a rejection naming the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from analysis.article import Article
from analysis.datasets.basil import BasilArticle, article_files, looks_like_basil, read_entry
from analysis.errors import InputError
from analysis.io.article_file import make_article
from analysis.io.records import rejection
from analysis.io.adapters import register


def read_basil(path) -> Iterator[Article | dict]:
    """One article per file under ``articles/`` (``analysis.datasets.basil.read_article``); a
    file that cannot be read is a rejection naming it."""
    for entry in article_files(Path(path)):
        try:
            yield _article(read_entry(entry))
        except InputError as error:
            yield rejection(error, record_id=entry.path.stem)


def _article(basil: BasilArticle) -> Article:
    return make_article(
        basil.text,
        fmt="text",
        id=basil.id,
        title=basil.title,
        source=str(basil.file),
        encoding=basil.encoding,
        sha256=basil.sha256,
        outlet=basil.outlet,
        published=basil.published,
        url=basil.url,
        event=basil.event,
        variables={"main_event": basil.main_event,
                   "main_entities": None if basil.main_entities is None else json.dumps(list(basil.main_entities),
                                                                                         ensure_ascii=False)},
    )


register("basil", read_basil, detect=looks_like_basil)
