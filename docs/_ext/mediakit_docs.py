"""Pages the docs build writes from the kit itself, so nothing in them is typed twice.

At ``builder-inited`` this writes into ``docs/_generated/`` (pages ``{include}`` them):

- ``tables.md``: every table of ``analysis.schema.TABLES`` — each column, its dtype, its meaning;
- ``api.md``: an autodoc entry for every name in ``analysis.__all__``;
- ``validation-<dataset>-<level>.md`` (and ``…-detail.md``): the figures of
  ``docs/_generated/validation.csv``, which ``docs/figures.py`` writes from
  ``analysis.validate.validate`` (a test re-runs validation and compares);
- ``versions.md``: the kit's version and every packaged ``.meta.yaml`` header in force.
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

HERE = Path(__file__).resolve().parents[1]
GENERATED = HERE / "_generated"
VALIDATION = GENERATED / "validation.csv"

#: How the reference names each dtype (as ``analysis.schema`` does for the README).
DTYPES = {"int64": "int64", "Int64": "Int64 (NA: none)", "float64": "float64",
          "float64?": "float64 (NaN: not measured)", "bool": "bool", "str": "text"}
#: Metrics shown in a validation page's main table; the others go to the detail table.
HEADLINE_METRICS = ("micro_f1", "macro_f1", "f1", "precision", "recall")
SPLIT_NAMES = {"tune": "tuning part", "held": "held-aside part", "all": "all"}


def cell(text) -> str:
    """A Markdown table cell: bars escaped, never interpreted as markup beyond that."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def tables_page() -> str:
    from analysis.schema import TABLES

    out = []
    for table in TABLES.values():
        out += [f"## `{table.name}`", "", cell(table.meaning[:1].upper() + table.meaning[1:]), "",
                f"Row type: `{table.row.__name__}`; {len(table.columns)} columns.", "",
                "| column | type | meaning |", "|---|---|---|"]
        out += [f"| `{c.name}` | {DTYPES[c.dtype]} | {cell(c.meaning)} |" for c in table.columns]
        out.append("")
    return "\n".join(out)


def api_page() -> str:
    import analysis

    out = []
    for name in analysis.__all__:
        obj = getattr(analysis, name)
        kind = "autoclass" if isinstance(obj, type) else ("autodata" if not callable(obj) else "autofunction")
        out += ["```{eval-rst}", f".. {kind}:: analysis.{name}", "```", ""]
    return "\n".join(out)


def _figure(value, low, high) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if low is None or (isinstance(low, float) and math.isnan(low)):
        return f"{value:.3f}"
    return f"{value:.3f} [{low:.3f}, {high:.3f}]"


def validation_pages(figures: pd.DataFrame) -> dict[str, str]:
    """One page per dataset and level (and a detail page with the other metrics)."""
    pages = {}
    for (dataset, level), rows in figures.groupby(["dataset", "level"], sort=False):
        headline = rows[rows["metric"].isin(HEADLINE_METRICS)]
        detail = rows[~rows["metric"].isin(HEADLINE_METRICS)]
        for suffix, part in (("", headline), ("-detail", detail)):
            if part.empty:
                continue
            pages[f"validation-{dataset}-{level}{suffix}.md"] = _validation_table(part)
    return pages


def _validation_table(rows: pd.DataFrame) -> str:
    splits = [s for s in SPLIT_NAMES if s in set(rows["split"])]
    items = {s: int(rows.loc[rows["split"] == s, "items"].max()) for s in splits}
    head = ["method", "metric", *[f"{SPLIT_NAMES[s]} ({items[s]} items)" for s in splits], "threshold"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for (method, metric), group in rows.groupby(["method", "metric"], sort=False):
        by_split = group.set_index("split")
        values = [_figure(*by_split.loc[s, ["value", "ci_low", "ci_high"]]) if s in by_split.index else "" for s in splits]
        threshold = group["threshold"].dropna()
        shown_threshold = f"{threshold.iloc[0]:g}" if len(threshold) else ""
        name = f"**{method}**" if method == "kit" else f"`{method}`"
        out.append("| " + " | ".join([name, f"`{metric}`", *values, shown_threshold]) + " |")
    notes = rows.drop_duplicates("method")[["method", "note"]].dropna()
    out += ["", "Methods: " + "; ".join(f"`{m}`: {cell(n)}" for m, n in notes.itertuples(index=False)) + "."]
    return "\n".join(out) + "\n"


def packaged_headers() -> list[tuple[str, dict]]:
    """Every ``.meta.yaml`` shipped inside the ``analysis`` package, with its path inside it."""
    found = []

    def walk(node, prefix):
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.is_dir() and child.name != "__pycache__":
                walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith(".meta.yaml"):
                found.append((prefix + child.name, yaml.safe_load(child.read_text(encoding="utf-8"))))

    walk(resources.files("analysis"), "analysis/")
    return found


def versions_page() -> str:
    from analysis.provenance import kit_version

    out = [f"Kit: **mediakit {kit_version()}**.", "",
           "| data file | name | version | licence |", "|---|---|---|---|"]
    for path, header in packaged_headers():
        licence = header.get("licence") or header.get("license") or ""
        out.append(f"| `{path.removesuffix('.meta.yaml')}` | {cell(header.get('name', ''))} | "
                   f"{cell(header.get('version', ''))} | {cell(licence)} |")
    return "\n".join(out) + "\n"


def write_generated(app=None) -> None:
    GENERATED.mkdir(exist_ok=True)
    pages = {"tables.md": tables_page(), "api.md": api_page(), "versions.md": versions_page()}
    if VALIDATION.exists():
        pages.update(validation_pages(pd.read_csv(VALIDATION)))
    for name, text in pages.items():
        path = GENERATED / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:  # unchanged files keep their mtime
            path.write_text(text, encoding="utf-8")


def setup(app):
    app.connect("builder-inited", write_generated)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
