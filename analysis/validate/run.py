"""``validate``: one dataset, the kit beside the baselines, in one run.

Levels and metrics (every figure for the ``tune`` half, the ``held`` half and ``all``):

- BASIL ``sentence``: does the sentence hold an annotated ``lex`` span? P/R/F1 of "yes".
  BASIL ``span``: character overlap of marked spans with the annotated lex spans
  (``metrics.span_prf``).
- BABE ``sentence``: Biased vs Non-biased, macro-F1 over the two labels (plus P/R/F1 of
  Biased); ``No agreement`` rows are dropped (counted in ``Validation.notes``).
  BABE ``word``: word-token overlap of marked spans with the sentence's ``biased_words``.
- NewsMTSC ``target``: negative / neutral / positive towards each marked target, macro-F1 (and
  each class's P/R/F1). The kit is ``analysis.target_sentiment``, a model trained only on
  NewsMTSC's train.jsonl: the dev files read here (dev-mt, dev-rw) were not used to fit it or to
  choose its settings, so both the ``tune`` and the ``held`` half are out-of-sample for it (the
  split matters only for the baselines' conventions). Baselines: VADER / TextBlob on the clause
  around the target (``target_window``) with VADER's ±0.05 neutral band, and "always neutral".

Every sentence- and target-level figure carries a 95% interval (``ci_low``, ``ci_high``): a
cluster bootstrap over the items' groups (BASIL events, BABE and NewsMTSC sentences;
``metrics.bootstrap_intervals``, fixed seed). It measures how much the figure would move on
another draw of stories like these; it does not include the choice of a baseline's threshold.
Span and word levels have none (characters of one sentence are not independent draws).

Score baselines (TextBlob subjectivity, |polarity|, VADER |compound|) take the threshold that
maximises the level's headline metric on the ``tune`` half; the kit's sentence decision uses
its own fixed ``analysis.measures.loaded_language.BIAS_THRESHOLD`` (chosen once, on the tune halves).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.measures.loaded_language import BIAS_THRESHOLD
from analysis.lexicon import Lexicon, load_lexicon
from analysis.lexicon.match import Pieces, cut
from analysis.measures.sentiment import score_sentence
from analysis.measures.targets import target_sentiment
from analysis.measures.targets.weights import load_model
from analysis.validate.metrics import binary_prf, bootstrap_draws, bootstrap_intervals, confusion_by_group, macro_f1, scores_from_confusion, span_prf
from analysis.validate.methods import SCORE_BASELINES, WORD_BASELINES, features
from analysis.datasets.framed import FORMATS as FRAME_FORMATS
from analysis.validate.readers import read_dataset

SPLITS = ("tune", "held", "all")
#: The narrative-roles dataset (NFC's roles.jsonl beside its articles.jsonl).
ROLE_FORMAT = "nfc-roles"
FIGURE_COLUMNS = ["dataset", "split", "level", "method", "metric", "value", "ci_low", "ci_high", "threshold", "items", "note"]
PRECISION_COLUMNS = ["lexicon_version", "level", "key", "hits", "true_hits", "precision", "dataset"]
ERROR_COLUMNS = ["dataset", "kind", "key", "count", "examples"]
OUTLET_COLUMNS = ["dataset", "outlet", "method", "metric", "value", "ci_low", "ci_high", "items"]
#: Per-outlet figures of the kit's sentence decision: metric → score of ``scores_from_confusion``.
OUTLET_METRICS = {
    "annotated_rate": "True_share", "flagged_rate": "True_predicted_share",
    "precision": "True_precision", "recall": "True_recall", "f1": "True_f1",
}
#: An entry's precision is reported only with at least this many hits.
MIN_ENTRY_HITS = 5
#: VADER's own convention for calling a text positive or negative.
VADER_NEUTRAL_BAND = 0.05


@dataclass
class Validation:
    """Figures (``FIGURE_COLUMNS``), error analysis (``ERROR_COLUMNS``), lexicon precision
    (``PRECISION_COLUMNS``), the kit's figures per outlet (``OUTLET_COLUMNS``) and per-item
    predictions for one dataset."""

    dataset: str
    figures: pd.DataFrame
    errors: pd.DataFrame
    precision: pd.DataFrame
    items: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    outlets: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=OUTLET_COLUMNS))
    #: frames (NFC): per pair of bias groups and frame, the annotators' and the kit's difference in prevalence
    differences: pd.DataFrame = field(default_factory=pd.DataFrame)

    def write(self, out) -> Path:
        """figures.csv, errors.csv, precision.csv under ``out/<dataset>/`` (they quote the
        dataset's sentences: keep them out of the repository)."""
        folder = Path(out) / self.dataset
        folder.mkdir(parents=True, exist_ok=True)
        self.figures.to_csv(folder / "figures.csv", index=False)
        self.errors.to_csv(folder / "errors.csv", index=False)
        self.precision.to_csv(folder / "precision.csv", index=False)
        self.outlets.to_csv(folder / "outlets.csv", index=False)
        if not self.differences.empty:
            self.differences.to_csv(folder / "differences.csv", index=False)
        (folder / "notes.txt").write_text("\n".join(self.notes) + "\n", encoding="utf-8")
        return folder

    def headline(self, *, intervals: bool = False) -> pd.DataFrame:
        """The kit's and the baselines' headline metric, tune vs held, one row per method;
        with ``intervals``, each split's 95% interval beside it (``<split>_low``, ``<split>_high``)."""
        if self.dataset in FRAME_FORMATS:  # frames: micro- and macro-F1 over the frames
            rows = self.figures[self.figures["metric"].isin(["micro_f1", "macro_f1"])]
            return _by_split(rows, ["method", "metric"], intervals)
        metric = {"basil": "f1", "babe": "macro_f1", "newsmtsc": "macro_f1", "nfc-roles": "macro_f1",
                  "basil-actors": "recall", "newsmtsc-actors": "recall"}[self.dataset]
        level = {"basil": "sentence", "babe": "sentence", "newsmtsc": "target", "nfc-roles": "entity",
                 "basil-actors": "actors", "newsmtsc-actors": "actors"}[self.dataset]
        rows = self.figures[(self.figures["metric"] == metric) & (self.figures["level"] == level)]
        return _by_split(rows, ["method"], intervals)

    def by_outlet(self) -> pd.DataFrame:
        """The kit's per-outlet figures, one row per outlet: ``items`` and a column per
        ``OUTLET_METRICS`` entry (the intervals stay in ``outlets``)."""
        if self.outlets.empty:
            return pd.DataFrame(columns=["items", *OUTLET_METRICS])
        wide = self.outlets.pivot(index="outlet", columns="metric", values="value")[list(OUTLET_METRICS)]
        wide.insert(0, "items", self.outlets.groupby("outlet")["items"].first())
        wide.columns.name = None
        return wide


def _by_split(figures: pd.DataFrame, keys: list[str], intervals: bool) -> pd.DataFrame:
    """Long figures → one row per ``keys``: a column per split (and, with ``intervals``, the
    split's ``_low`` and ``_high`` bounds beside it)."""
    columns = ["value", "ci_low", "ci_high"] if intervals else ["value"]
    wide = figures.set_index([*keys, "split"])[columns].unstack("split")
    out = pd.DataFrame(index=wide.index)
    for split in SPLITS:
        for column, suffix in zip(columns, ("", "_low", "_high")):
            out[split + suffix] = wide[(column, split)] if (column, split) in wide.columns else np.nan
    out.columns.name = None
    return out


def comparison(validations) -> pd.DataFrame:
    """Every figure of several validations side by side: one row per dataset, level, method
    and metric; columns ``tune``, ``held``, ``all``, each followed by its 95% interval
    (``tune_low``, ``tune_high``, …; empty at the span and word levels), then the
    ``threshold`` used and the ``note``."""
    frames = [v.figures for v in validations]
    split_columns = [split + suffix for split in SPLITS for suffix in ("", "_low", "_high")]
    if not frames:
        return pd.DataFrame(columns=["dataset", "level", "method", "metric", *split_columns, "threshold", "note"])
    figures = pd.concat(frames, ignore_index=True)
    keys = ["dataset", "level", "method", "metric"]
    wide = _by_split(figures, keys, intervals=True)
    extra = figures.drop_duplicates(keys).set_index(keys)[["threshold", "note"]]
    out = wide.join(extra).reset_index()
    order = {m: i for i, m in enumerate(["kit", *SCORE_BASELINES, *WORD_BASELINES, "everything"])}
    out["_order"] = out["method"].map(order).fillna(99)
    return out.sort_values(["dataset", "level", "metric", "_order", "method"]).drop(columns="_order").reset_index(drop=True)


def validate(path, format: str, *, lexicon: Lexicon | None = None) -> Validation:
    """Read the dataset at ``path`` (``basil``, ``babe``, ``newsmtsc``, the frames datasets
    ``nfc`` and ``semeval-frames``: ``analysis.validate.frames``, the narrative roles of an NFC
    folder ``nfc-roles``: ``analysis.validate.roles``, or actor discovery's recall
    ``basil-actors`` and ``newsmtsc-actors``: ``analysis.validate.actors``) and measure."""
    if format in FRAME_FORMATS:
        from analysis.validate.frames import validate_frames

        return validate_frames(path, format)
    if format == "nfc-roles":
        from analysis.validate.roles import validate_roles

        return validate_roles(path)
    if format in ("basil-actors", "newsmtsc-actors"):
        from analysis.validate.actors import validate_actors

        return validate_actors(path, format)
    lexicon = lexicon or load_lexicon()
    data = read_dataset(path, format)
    if format == "newsmtsc":
        return _newsmtsc(data)
    feats = features(data["text"].tolist(), lexicon)
    items = pd.concat([data.reset_index(drop=True), feats.drop(columns=["sentence_id"])], axis=1)
    notes = []
    if format == "babe":
        notes.append(f"{data.attrs.get('dropped', 0)} 'No agreement' rows dropped; {len(data)} sentences kept")
    span_level = "span" if format == "basil" else "word"
    sentence_metric = "f1" if format == "basil" else "macro_f1"
    figures = _sentence_figures(format, items, sentence_metric) + _span_figures(format, items, span_level)
    precision = lexicon_precision(items, lexicon, dataset=format)
    return Validation(
        dataset=format, figures=pd.DataFrame(figures, columns=FIGURE_COLUMNS), errors=error_analysis(items, lexicon, format),
        precision=precision, items=items, notes=notes, outlets=outlet_figures(items, format),
    )


def outlet_figures(items: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """The kit's sentence decision outlet by outlet, on all items (``OUTLET_COLUMNS``): the
    share of sentences annotated biased and the share the kit flags, and its precision, recall
    and F1, each with its 95% interval (groups resampled within the outlet). An outlet
    comparison is only as fair as these are alike: a kit that flags one outlet's sentences
    more often than annotators do, and another's less, turns its own error into a difference
    between outlets."""
    rows = []
    for outlet, part in items.groupby("outlet", sort=True):
        point, intervals = _scored(part["label"], part["biased"], part["group"], [True, False])
        for metric, key in OUTLET_METRICS.items():
            rows.append((dataset, outlet, "kit", metric, point[key], *intervals[key], len(part)))
    return pd.DataFrame(rows, columns=OUTLET_COLUMNS)


def _split(items: pd.DataFrame, split: str) -> pd.DataFrame:
    return items if split == "all" else items[items["split"] == split]


def _sentence_scores(truth, predicted, metric: str) -> dict:
    scores = binary_prf(list(truth), list(predicted))
    scores["macro_f1"] = macro_f1(list(truth), list(predicted), [True, False])
    return {k: scores[k] for k in ("precision", "recall", "f1", "macro_f1")} if metric == "macro_f1" else \
        {k: scores[k] for k in ("precision", "recall", "f1")}


def best_threshold(scores, truth, metric: str) -> float:
    """The threshold (among the 0..100th percentiles of ``scores``) that maximises ``metric``
    ("f1" of the positive class or "macro_f1") for ``score >= threshold``."""
    scores, truth = np.asarray(scores, dtype=float), list(truth)
    best, best_t = -1.0, float("inf")
    for t in np.unique(np.quantile(scores, np.linspace(0, 1, 101))):
        value = _sentence_scores(truth, scores >= t, metric)[metric]
        if value > best:
            best, best_t = value, float(t)
    return best_t


def _sentence_figures(dataset: str, items: pd.DataFrame, metric: str) -> list[tuple]:
    tune = _split(items, "tune")
    methods = {"kit": (items["biased"].to_numpy(), BIAS_THRESHOLD, "analysis.measures.loaded_language.sentence_bias")}
    for name, column in SCORE_BASELINES.items():
        t = best_threshold(tune[column], tune["label"], metric)
        methods[name] = ((items[column] >= t).to_numpy(), t, "threshold chosen on the tune half")
    for name, column in WORD_BASELINES.items():
        methods[name] = ((items[column].str.len() > 0).to_numpy(), None, "any lexicon word in the sentence")
    methods["everything"] = (np.ones(len(items), dtype=bool), None, "every sentence is biased")
    rows = []
    for split in SPLITS:
        mask = np.ones(len(items), dtype=bool) if split == "all" else (items["split"] == split).to_numpy()
        truth, groups = items["label"].to_numpy()[mask], items["group"].to_numpy()[mask]
        names = ("precision", "recall", "f1", "macro_f1") if metric == "macro_f1" else ("precision", "recall", "f1")
        draws = bootstrap_draws(len(dict.fromkeys(groups))) if len(groups) else None  # drawn once: every method alike
        for name, (predicted, threshold, note) in methods.items():
            point, intervals = _scored(truth, predicted[mask], groups, [True, False], draws=draws)
            for m in names:
                key = m if m == "macro_f1" else f"True_{m}"
                rows.append((dataset, split, "sentence", name, m, point[key], *intervals[key], threshold, int(mask.sum()), note))
    return rows


def _scored(truth, predicted, groups, labels, *, draws=None) -> tuple[dict, dict]:
    """One method on one split: its figures (``scores_from_confusion``) and their 95%
    intervals, both from one count per group (``draws``: the split's ``bootstrap_draws``,
    when the caller made them)."""
    counts = confusion_by_group(list(truth), list(predicted), list(groups), labels)
    point = {key: float(value) for key, value in scores_from_confusion(counts.sum(axis=0), labels).items()}
    return point, bootstrap_intervals(counts, labels, draws=draws)


def _span_figures(dataset: str, items: pd.DataFrame, level: str) -> list[tuple]:
    predicted = {
        "kit": [[(s, e) for s, e, _ in hits] for hits in items["kit_spans"]],
        **{name: items[column].tolist() for name, column in WORD_BASELINES.items()},
        "everything": [[(0, len(t))] for t in items["text"]],
    }
    annotated = items["spans"].tolist()
    if level == "word":  # each text cut into word tokens once, every method's spans turned into tokens once
        bounds = [cut(text) for text in items["text"]]
        annotated = [_token_spans(b, spans) for b, spans in zip(bounds, annotated)]
        predicted = {name: [_token_spans(b, s) for b, s in zip(bounds, spans)] for name, spans in predicted.items()}
    rows = []
    for split in SPLITS:
        idx = [i for i, s in enumerate(items["split"]) if split == "all" or s == split]
        for name, spans in predicted.items():
            scores = span_prf([(annotated[i], spans[i]) for i in idx])
            for m in ("precision", "recall", "f1"):  # no interval: characters are not independent draws
                rows.append((dataset, split, level, name, m, scores[m], np.nan, np.nan, None, len(idx),
                             "word tokens" if level == "word" else "characters"))
    return rows


def _token_spans(bounds: Pieces, spans) -> list[tuple[int, int]]:
    """Char spans → the indices (as 1-wide spans) of the word tokens they overlap, in order.
    ``bounds``: the text's tokens (``cut``), whose starts and ends both ascend, so the tokens a
    span (s, e) overlaps (end > s and start < e) are one run of indices, found by bisection."""
    hit: set[int] = set()
    for s, e in spans:
        hit.update(range(bisect_right(bounds.ends, s), bisect_left(bounds.starts, e)))
    return [(i, i + 1) for i in sorted(hit)]


def _overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)


def lexicon_precision(items: pd.DataFrame, lexicon: Lexicon, *, dataset: str) -> pd.DataFrame:
    """Hit precision of the lexicon, per category and per entry (entries with at least
    ``MIN_ENTRY_HITS`` hits): a hit is true when it overlaps an annotated span."""
    entries = lexicon.entries
    hits = [
        (entries["category"].iat[k], entries["term"].iat[k], _overlaps(s, e, spans))
        for found, spans in zip(items["kit_spans"], items["spans"]) for s, e, k in found
    ]
    table = pd.DataFrame(hits, columns=["category", "term", "true"])
    rows = []
    for level, column, minimum in (("category", "category", 1), ("entry", "term", MIN_ENTRY_HITS)):
        for key, group in table.groupby(column, sort=True):
            n, t = len(group), int(group["true"].sum())
            if n >= minimum:
                rows.append((lexicon.version, level, key, n, t, t / n, dataset))
    return pd.DataFrame(rows, columns=PRECISION_COLUMNS)


def error_analysis(items: pd.DataFrame, lexicon: Lexicon, dataset: str, *, top: int = 25, examples: int = 3) -> pd.DataFrame:
    """The entries with the most false-positive hits (no overlap with an annotated span) and
    the annotated phrases the kit most often misses, each with example sentences."""
    terms = lexicon.entries["term"].tolist()
    false_hits: dict[str, list[str]] = {}
    missed: dict[str, list[str]] = {}
    for text, found, spans in zip(items["text"], items["kit_spans"], items["spans"]):
        for s, e, k in found:
            if not _overlaps(s, e, spans):
                false_hits.setdefault(terms[k], []).append(text)
        for s, e in spans:
            if not any(hs < e and s < he for hs, he, _ in found):
                missed.setdefault(text[s:e].lower(), []).append(text)
    rows = []
    for kind, table in (("false_positive_entry", false_hits), ("missed_phrase", missed)):
        ranked = sorted(table.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
        rows += [(dataset, kind, key, len(texts), " ‖ ".join(list(dict.fromkeys(texts))[:examples])) for key, texts in ranked]
    return pd.DataFrame(rows, columns=ERROR_COLUMNS)


#: The note on the kit's NewsMTSC row.
KIT_TARGET_NOTE = ("analysis.target_sentiment: trained on NewsMTSC train.jsonl only, "
                   "so tune and held are both out-of-sample")


def _newsmtsc(data: pd.DataFrame) -> Validation:
    labels = ["negative", "neutral", "positive"]
    kit = target_sentiment(data["text"], data["start"], data["end"])
    windows = kit["window"].tolist()  # ``target_window``: the baselines read the clause the kit leans on
    scored = [score_sentence(w) for w in windows]

    def band(value: float) -> str:
        return "positive" if value >= VADER_NEUTRAL_BAND else "negative" if value <= -VADER_NEUTRAL_BAND else "neutral"

    predictions = {
        "kit": kit["label"].tolist(),
        "vader_target_window": [band(c) for _, _, c, _ in scored],
        "textblob_target_window": [band(p) for p, _, _, _ in scored],
        "always_neutral": ["neutral"] * len(data),
    }
    notes_of = {"kit": KIT_TARGET_NOTE, "always_neutral": "majority class"}
    rows = []
    for split in SPLITS:
        mask = np.ones(len(data), dtype=bool) if split == "all" else (data["split"] == split).to_numpy()
        truth, groups = list(data["label"].to_numpy()[mask]), data["group"].to_numpy()[mask]
        for name, predicted in predictions.items():
            predicted = list(np.asarray(predicted)[mask])
            threshold = VADER_NEUTRAL_BAND if name.endswith("_target_window") else None
            note = notes_of.get(name, "clause around the target, ±0.05 neutral band")
            point, intervals = _scored(truth, predicted, groups, labels)
            keys = ["macro_f1", *(f"{label}_{metric}" for label in labels for metric in ("precision", "recall", "f1"))]
            for key in keys:
                rows.append(("newsmtsc", split, "target", name, key, point[key], *intervals[key], threshold, len(truth), note))
    items = data.assign(window=windows, **predictions, p_negative=kit["p_negative"].to_numpy(),
                        p_neutral=kit["p_neutral"].to_numpy(), p_positive=kit["p_positive"].to_numpy())
    notes = [f"the kit: {KIT_TARGET_NOTE} (model {load_model().version})",
             f"subsets: {', '.join(sorted(data['subset'].unique()))}"]
    for subset, group in items.groupby("subset", sort=True):
        figures = ", ".join(f"{name} {macro_f1(list(group['label']), list(group[name]), labels):.4f}" for name in predictions)
        notes.append(f"{subset} ({len(group)} targets), macro-F1 all: {figures}")
    return Validation(
        dataset="newsmtsc", figures=pd.DataFrame(rows, columns=FIGURE_COLUMNS),
        errors=pd.DataFrame(columns=ERROR_COLUMNS), precision=pd.DataFrame(columns=PRECISION_COLUMNS),
        items=items, notes=notes,
    )
