"""Write the kit's tables as Parquet, all or nothing.

Tables are written into a hidden staging folder beside the destination and moved in only
when every file is complete; ``manifest.json`` is moved last, so a folder with a manifest
holds a finished run and a killed run leaves no half-written table under a final name.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

MANIFEST = "manifest.json"


def write_table(table: pd.DataFrame, path) -> None:
    """One Parquet file, byte-for-byte reproducible for equal tables."""
    table.to_parquet(path, index=False, engine="pyarrow", compression="zstd")


def write_tables(tables: dict[str, pd.DataFrame], out_dir, manifest: dict) -> Path:
    """Write ``{name}.parquet`` for each table and ``manifest.json`` into ``out_dir`` atomically."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".partial-", dir=out))
    try:
        for name, table in tables.items():
            write_table(table, staging / f"{name}.parquet")
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
        old_manifest = out / MANIFEST
        if old_manifest.exists():
            old_manifest.unlink()  # the folder is not "finished" while its tables change
        for name in tables:
            os.replace(staging / f"{name}.parquet", out / f"{name}.parquet")
        os.replace(staging / MANIFEST, out / MANIFEST)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def read_tables(out_dir) -> dict[str, pd.DataFrame]:
    """Every table a finished run wrote (a folder without a manifest is not finished)."""
    out = Path(out_dir)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in manifest["tables"]}
