"""Validation of ``analysis.measures.roles`` on the Narrative Frames Corpus's roles.

``validate_roles(path)`` reads an NFC folder (``articles.jsonl``, ``roles.jsonl``), finds each
annotated entity's mentions by the matching rule (``literal_mentions``: case-insensitive
whole-word occurrences of the entity as the annotator wrote it), and measures, on the tuning
part, the held-aside part and all (``split_of`` the article id; the model was fitted on the
tune part only):

- level ``entity`` (entities that occur in the text): per role precision, recall, F1 and the
  macro-F1 over hero, villain and victim, each with a 95% interval from a bootstrap over
  articles (``confusion_by_group`` with the article as group, ``bootstrap_intervals``). A
  ``none`` decision counts as a miss of the true role (a false negative, no false positive).
  Entities that never occur are left out of this level and counted in ``found_share`` and the
  notes;
- level ``annotated`` (every annotated entity): the same figures with the entities that never
  occur counted as misses, so recall is over everything the annotators listed.

Methods, on the same entities: ``kit`` (the ``role`` column: ``none`` when no mention's
sentence holds a cue), ``kit_argmax`` (the most probable role, never ``none``), ``cue_only``
(the lexicon's votes without the fitted weights, ``cue_only_role``) and ``majority`` (the role
most frequent on the tune part, to everyone).

The macro-F1 is over the three roles; the confusion also has the non-role decisions (``none``,
``missing``) as columns, which no item truly has, so their F1 is 0 on every resample and the
three roles' mean is ``k / 3`` times the mean over all ``k`` columns: the interval is scaled
by the same factor (percentile intervals follow a positive scaling exactly).
"""

from __future__ import annotations

import pandas as pd

from analysis.measures.roles import cue_only_role, decide
from analysis.measures.roles.model import ROLES, load_role_model
from analysis.measures.roles.train import Item, annotated_items
from analysis.validate.metrics import bootstrap_draws, bootstrap_intervals, confusion_by_group, scores_from_confusion

SPLITS = ("tune", "held", "all")
#: Decisions that are not a role: the kit's ``none`` and, at the ``annotated`` level, ``missing``.
NON_ROLES = ("none", "missing")
LABELS = (*ROLES, *NON_ROLES)
METRICS = ("macro_f1", *(f"{role}_{m}" for role in ROLES for m in ("precision", "recall", "f1")))


def role_predictions(items: list[Item]) -> pd.DataFrame:
    """One row per annotated entity: ``article_id, split, entity, group, truth, found`` and each
    method's decision (``missing`` when the entity never occurs). The majority role is the most
    frequent on the tune part (a tie goes to the first alphabetically)."""
    tune_roles = pd.Series([i.role for i in items if i.split == "tune"])
    majority = str(tune_roles.value_counts().sort_index().idxmax()) if len(tune_roles) else ROLES[0]
    rows = []
    for item in items:
        row = {"article_id": item.article_id, "split": item.split, "entity": item.entity, "group": item.group,
               "truth": item.role, "found": item.evidence is not None}
        if item.evidence is None:
            row.update(kit="missing", kit_argmax="missing", cue_only="missing", majority="missing", evidence="")
        else:
            decided = decide(item.article_id, item.evidence)
            probabilities = [decided.p_hero, decided.p_villain, decided.p_victim]
            row.update(kit=decided.role, kit_argmax=ROLES[probabilities.index(max(probabilities))],
                       cue_only=cue_only_role(item.evidence), majority=majority, evidence=decided.evidence)
        rows.append(row)
    table = pd.DataFrame(rows)
    table.attrs["majority"] = majority
    return table


def role_figures(table: pd.DataFrame, dataset: str = "nfc-roles") -> list[tuple]:
    """``FIGURE_COLUMNS`` rows for every split, level and method of ``table``
    (``role_predictions``)."""
    notes = {"kit": f"analysis.measures.roles (model {load_role_model().version}, fitted on the tune part)",
             "kit_argmax": "the kit's most probable role, never none",
             "cue_only": "role-cue votes without the fitted weights",
             "majority": f"{table.attrs.get('majority', '?')}, the most frequent role on the tune part, to everyone"}
    rows = []
    for level, subset in (("entity", table[table["found"]]), ("annotated", table)):
        for split in SPLITS:
            part = subset if split == "all" else subset[subset["split"] == split]
            draws = bootstrap_draws(len(dict.fromkeys(part["article_id"]))) if len(part) else None  # drawn once per split
            for method, note in notes.items():
                predicted = part[method].where(part["found"], "missing") if level == "annotated" else part[method]
                counts = confusion_by_group(list(part["truth"]), list(predicted), list(part["article_id"]), LABELS)
                point = scores_from_confusion(counts.sum(axis=0), LABELS)
                intervals = bootstrap_intervals(counts, LABELS, draws=draws)
                scale = len(LABELS) / len(ROLES)  # see the module docstring
                for metric in METRICS:
                    value, (low, high) = float(point[metric]), intervals[metric]
                    if metric == "macro_f1":
                        value, low, high = value * scale, low * scale, high * scale
                    rows.append((dataset, split, level, method, metric, value, low, high, None, len(part), note))
        if level == "entity":
            for split in SPLITS:
                everything = table if split == "all" else table[table["split"] == split]
                share = float(everything["found"].mean()) if len(everything) else float("nan")
                rows.append((dataset, split, "annotated", "kit", "found_share", share, None, None, None, len(everything),
                             "share of annotated entities that occur literally in the text"))
    return rows


def validate_roles(path, dataset: str = "nfc-roles"):
    """The figures of the module docstring as an ``analysis.validate.run.Validation`` (the
    per-entity decisions in ``items``; they quote the annotations, keep them out of the
    repository)."""
    from analysis.validate.run import ERROR_COLUMNS, FIGURE_COLUMNS, PRECISION_COLUMNS, Validation

    items = annotated_items(path)
    table = role_predictions(items)
    figures = pd.DataFrame(role_figures(table, dataset), columns=FIGURE_COLUMNS)
    missing = table[~table["found"]]
    notes = [f"{len(table)} annotated entities in {table['article_id'].nunique()} articles; {int(table['found'].sum())} "
             f"occur literally, {len(missing)} never do (left out of the entity level, misses at the annotated level)",
             f"tune {int((table['split'] == 'tune').sum())}, held {int((table['split'] == 'held').sum())} annotations; "
             f"the model was fitted on the tune part only",
             f"kit decides none for {int((table['kit'] == 'none').sum())} found entities (no role cue in their sentences, no mention read as non-neutral)"]
    errors = pd.DataFrame(columns=ERROR_COLUMNS)
    return Validation(dataset=dataset, figures=figures, errors=errors, precision=pd.DataFrame(columns=PRECISION_COLUMNS),
                      items=table, notes=notes)
