"""Tables from plain rows: the measures produce tuples, and each table is built once from them."""

from __future__ import annotations

import numpy as np
import pandas as pd


def rows_frame(rows: list[tuple], columns: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=columns).astype(dtypes)``, the same frame, built column by
    column with the final dtypes, which takes a fraction of the time. Columns not in ``dtypes``
    are inferred as the DataFrame constructor infers them."""
    if not rows:
        return pd.DataFrame(rows, columns=columns).astype(dtypes)
    return pd.DataFrame({name: _column(list(values), dtypes.get(name)) for name, values in zip(columns, zip(*rows))},
                        copy=False)


def _column(values: list, dtype: str | None):
    if dtype is None:
        return values
    if dtype == "Int64":
        mask = np.array([v is None for v in values], dtype=bool)
        data = np.array([0 if v is None else v for v in values], dtype="int64")
        return pd.arrays.IntegerArray(data, mask)
    if dtype in ("int64", "float64", "bool"):
        return np.array(values, dtype=dtype)
    return pd.array(values, dtype=dtype)
