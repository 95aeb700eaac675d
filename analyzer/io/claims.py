"""Reading a claim table back from the files `geoclaims analyze` writes (Parquet, JSON Lines, CSV, JSON), with
the columns and dtypes of `analyzer.COLUMNS`: list columns as lists again, CSV's neutralised cells
('=...' written as "'=...") restored, numbers as numbers. For `geoclaims check` and `compare`."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

from ..claims.table import COLUMNS
from ..errors import InputError
from .files import check_regular
from .cells import FORMULA_TRIGGERS

REQUIRED = ("doc_id", "claim_id", "kind", "text", "value", "unit", "entities")
LIST_COLUMNS = [c for c, t in COLUMNS.items() if t == "object"]


def _unneutralise(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] in FORMULA_TRIGGERS else value


def _float(value: object) -> float:
    if value is None or value == "":
        return math.nan
    try:
        return float(value)  # type: ignore[arg-type]  # any cell: "inf", "-inf", "1e9"; a bad one is NaN
    except (TypeError, ValueError):
        return math.nan


def read_claims(path: str | Path) -> pd.DataFrame:
    """The claim table in ``path`` (.parquet, .jsonl, .json or .csv, as `geoclaims analyze --out` writes
    them). Columns a file lacks are added empty (tables written by older versions); an InputError names a
    file that is not a claim table."""
    path = Path(path)
    suffix = path.suffix.lower()
    check_regular(path)  # "file not found", a broken link; a FIFO would wait forever, a device never end
    try:
        if suffix == ".parquet":
            frame = pd.read_parquet(path)
        elif suffix in (".jsonl", ".json"):
            text = path.read_text(encoding="utf8")
            rows = json.loads(text) if suffix == ".json" else [json.loads(line) for line in text.splitlines()
                                                               if line.strip()]
            frame = pd.DataFrame(rows)
        elif suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            frame = frame.apply(lambda col: col.map(_unneutralise))
            for col in LIST_COLUMNS:
                if col in frame:
                    frame[col] = frame[col].map(lambda s: [p for p in s.split("; ") if p] if s else [])
            if "entity_mentions" in frame:
                frame["entity_mentions"] = frame["entity_mentions"].map(lambda xs: [int(x) for x in xs])
        else:
            raise InputError(f"{path}: a claim table is .parquet, .jsonl, .json or .csv (written by geoclaims "
                             "analyze --out)")
    except (ValueError, UnicodeDecodeError, OSError) as e:
        raise InputError(f"{path}: cannot read the claim table: {e}") from None
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputError(f"{path}: not a claim table (no column {', '.join(missing)}); write one with "
                         "`geoclaims analyze ARTICLES --out claims.parquet`")
    out = {}
    for name, dtype in COLUMNS.items():
        col = frame[name] if name in frame else pd.Series([None] * len(frame), index=frame.index)
        if dtype == "object":
            values = np.empty(len(col), dtype=object)
            for i, v in enumerate(col):
                values[i] = [x.item() if hasattr(x, "item") else x for x in v] \
                    if v is not None and not isinstance(v, str) else []
            out[name] = values
        elif dtype == "float64":
            out[name] = pd.Series([_float(v) for v in col], dtype="float64")
        elif dtype == "int64":
            out[name] = pd.Series([int(_float(v)) if math.isfinite(_float(v)) else 0 for v in col], dtype="int64")
        elif dtype == "bool":
            out[name] = pd.Series([v in (True, "True", "true", 1, "1") for v in col], dtype="bool")
        else:
            out[name] = pd.Series(["" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
                                   for v in col], dtype="string")
    return pd.DataFrame(out)
