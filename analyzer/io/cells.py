"""The claim table's cells as the writers put them: JSON-safe values (`records`), and string cells
neutralised against formula injection for CSV and Excel (OWASP "CSV injection": a cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it as
text instead of running it as a formula)."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")  # OWASP: what a spreadsheet may read as a formula


def json_cell(value: Any) -> Any:
    """A JSON-safe cell: NaN/NA -> null, +-inf -> "inf"/"-inf" (JSON has no infinities)."""
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if value is pd.NA or value is None:
        return None
    if isinstance(value, (list, tuple)) or (hasattr(value, "__array__") and getattr(value, "ndim", 0) == 1):
        return [json_cell(v) for v in value]  # lists, and arrays read back from Parquet
    if hasattr(value, "item"):  # numpy scalars
        return json_cell(value.item())
    return value


def neutralise_cell(value: Any) -> Any:
    """``value`` with a leading apostrophe if it is a string a spreadsheet could run as a formula
    (``=HYPERLINK(...)``, ``+1``, ``-2``, ``@SUM(A1)``, a leading tab or carriage return); anything else as is.
    So ``-inf`` becomes ``'-inf`` and a negative figure written as text (``-5%``) ``'-5%``: numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose string cells are neutralised with `neutralise_cell`; numeric, boolean and
    list cells are unchanged, and so are the column dtypes. Used by every CSV and Excel writer."""
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object:
            out[col] = s.map(neutralise_cell)
        elif isinstance(s.dtype, pd.StringDtype):
            hit = s.str.startswith(FORMULA_TRIGGERS).fillna(False).astype(bool)
            if hit.any():
                out[col] = s.mask(hit, "'" + s)
    return out


def _column(series: pd.Series) -> list[Any]:
    """A column's cells as `json_cell` makes them, converted a column at a time where the dtype allows (a row at
    a time through pandas' extension arrays is slow: 33,333 rows of 50 columns took seconds)."""
    if isinstance(series.dtype, pd.StringDtype):
        return [None if v is pd.NA or v is None else str(v) for v in series.astype(object).tolist()]
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "biu":  # numpy: no missing values
        return series.tolist()
    if isinstance(series.dtype, np.dtype) and series.dtype.kind == "f":
        return [v if math.isfinite(v) else json_cell(v) for v in series.tolist()]
    return [json_cell(v) for v in series.tolist()]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as JSON-safe dicts keyed by the claim table's column names."""
    columns = list(frame.columns)
    cells = [_column(frame.iloc[:, k]) for k in range(frame.shape[1])]
    return [dict(zip(columns, row, strict=True)) for row in zip(*cells, strict=True)] if cells else \
        [{} for _ in range(len(frame))]
