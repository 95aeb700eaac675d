"""Reference figures and exchange rates, read from the user's files and checked field by field.

A **reference file** (CSV, or Parquet with the same columns) holds trusted figures, one per row, with the
columns entities (canonical names separated by ``;``), metric, value, unit (a currency code, a unit, with
an optional scale and rate: "million tonnes per year"; empty for a count), period (2023, 2023-06, 2023-Q2,
2023-06-30 or start/end; empty for a figure not tied to a time) and source, and optionally source_url,
retrieved (YYYY-MM-DD) and note. ``docs/verify.md`` describes them in full.

A **rate file** (CSV): currency, year, usd_per_unit: US dollars for one unit of the currency in that year
(an annual average, as the user chooses), so that claims and references in different currencies compare.
"""
from __future__ import annotations

import calendar
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..io.files import check_regular
from ..quantities.periods import resolve_period
from .units import RateTable, check_known, parse_unit

REQUIRED = ("entities", "metric", "value", "unit", "period", "source")
OPTIONAL = ("source_url", "retrieved", "note")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.I)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Reference:
    """One trusted figure, its value at full magnitude in the claim table's unit."""

    line: str  # "facts.csv:3"
    entities: tuple[str, ...]
    metric: str
    value: float
    unit: str
    per: str
    period: str  # as written
    period_start: str
    period_end: str
    source: str
    source_url: str = ""
    retrieved: str = ""
    note: str = ""


def parse_period(text: str) -> tuple[str, str]:
    """(start, end) ISO dates of a reference period: '2023', '2023-06', '2023-Q2', '2023-06-30',
    'start/end', or a phrase the claim periods use ('March 2024', 'the first half of 2023'); ('', '') for
    an empty one. ValueError when it cannot be read."""
    text = text.strip()
    if not text:
        return "", ""
    if "/" in text:
        a, b = (parse_period(p) for p in text.split("/", 1))
        if not a[0] or not b[1]:
            raise ValueError(f"cannot read the period {text!r}")
        if b[1] < a[0]:
            raise ValueError(f"the period {text!r} ends before it starts (write start/end)")
        return a[0], b[1]
    if m := _YEAR.match(text):
        return f"{m[1]}-01-01", f"{m[1]}-12-31"
    if m := _MONTH.match(text):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise ValueError(f"no month {mo} in {text!r}")
        return f"{y}-{mo:02d}-01", f"{y}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
    if m := _QUARTER.match(text):
        y, q = int(m[1]), int(m[2])
        end_month = 3 * q
        return f"{y}-{end_month - 2:02d}-01", f"{y}-{end_month:02d}-{calendar.monthrange(y, end_month)[1]:02d}"
    if _DAY.match(text):
        date.fromisoformat(text)  # ValueError for 2023-02-30
        return text, text
    start, end = resolve_period(text)
    if not start:
        raise ValueError(f"cannot read the period {text!r} (write 2023, 2023-06, 2023-Q2, 2023-06-30 or start/end)")
    return start, end


def as_strings(frame: pd.DataFrame, name: str | None = None) -> pd.DataFrame:
    """Every cell as text, missing ones (None, NaN, NA) as "": how a CSV file is read. A cell holding a list,
    tuple, set, dict or array is an InputError naming ``name``, its row and column: its text ("['Russia',
    'Azerbaijan']") would be misread as one name."""
    for column in frame.columns:
        for k, value in enumerate(frame[column]):
            if isinstance(value, (list, tuple, set, frozenset, dict)) or getattr(value, "ndim", 0) > 0:
                hint = f" (write the names in one text separated by ';': {'; '.join(map(str, value))!r})" \
                    if str(column).strip().lower() == "entities" and not isinstance(value, dict) else ""
                raise InputError(f"{name or 'table'} row {k}: field {str(column)!r}: expected text, got a "
                                 f"{type(value).__name__}{hint}")
    return frame.astype(object).where(frame.notna(), "").astype(str)


def _read_table(path: Path, what: str) -> tuple[pd.DataFrame, int]:
    """The file as strings, and the line number of its first data row."""
    if not os.path.lexists(path):
        raise InputError(f"{path}: {what} file not found")
    check_regular(path)  # a FIFO would wait forever, a device never end
    try:
        if path.suffix.lower() == ".parquet":
            return as_strings(pd.read_parquet(path), str(path)), 1
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig"), 2
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the {what} file: {e}") from None


def read_reference(path: str | Path) -> list[Reference]:
    """The rows of a reference file, checked: an InputError names the file, line and field of the first
    bad value."""
    path = Path(path)
    frame, first = _read_table(path, "reference")
    return reference_rows(frame, str(path), lambda k: f"{path}:{k + first}")


def reference_rows(frame: pd.DataFrame, name: str = "reference", label: Callable[[int], str] | None = None
                   ) -> list[Reference]:
    """The rows of ``frame`` (a reference file's columns, cells as text: `as_strings`), checked as
    `read_reference` checks a file; ``label(k)`` names row k in errors and in `Reference.line` (default:
    "reference row k")."""
    label = label or (lambda k: f"{name} row {k}")
    frame = frame.rename(columns=lambda c: str(c).strip().lower())
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputError(f"{name}: missing column(s) {', '.join(missing)} (a reference file has "
                         f"{', '.join(REQUIRED)}, and optionally {', '.join(OPTIONAL)})")
    rows = []
    for k, rec in enumerate(frame.to_dict("records")):
        where = label(k)
        rec = {c: str(rec.get(c, "") or "").strip() for c in (*REQUIRED, *OPTIONAL)}
        entities = tuple(e.strip() for e in rec["entities"].split(";") if e.strip())
        if not entities:
            raise InputError(f"{where}: field 'entities' is empty (name at least one entity)")
        if not rec["metric"]:
            raise InputError(f"{where}: field 'metric' is empty")
        try:
            number = float(rec["value"].replace(",", ""))
        except ValueError:
            raise InputError(f"{where}: field 'value': expected a number, got {rec['value']!r}") from None
        if not math.isfinite(number):
            raise InputError(f"{where}: field 'value': expected a finite number, got {rec['value']!r}")
        unit, scale, per = parse_unit(rec["unit"])
        check_known(unit, f"{where}: field 'unit'")
        if not math.isfinite(number * scale):
            raise InputError(f"{where}: field 'value': {rec['value']} {rec['unit']} is too large a number "
                             "(it overflows a 64-bit float)")
        try:
            start, end = parse_period(rec["period"])
        except ValueError as e:
            raise InputError(f"{where}: field 'period': {e}") from None
        if not rec["source"]:
            raise InputError(f"{where}: field 'source' is empty (say who publishes the figure)")
        if rec["retrieved"]:
            try:
                date.fromisoformat(rec["retrieved"])
            except ValueError:
                raise InputError(f"{where}: field 'retrieved': expected YYYY-MM-DD, "
                                 f"got {rec['retrieved']!r}") from None
        rows.append(Reference(where, entities, rec["metric"], number * scale, unit, per, rec["period"], start, end,
                              rec["source"], rec["source_url"], rec["retrieved"], rec["note"]))
    return rows


def read_rates(path: str | Path) -> RateTable:
    """A rate file (currency, year, usd_per_unit), checked like a reference file."""
    path = Path(path)
    frame, first = _read_table(path, "rate")
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in ("currency", "year", "usd_per_unit") if c not in frame.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)} (a rate file has currency, year, "
                         "usd_per_unit)")
    rates: dict[tuple[str, int], float] = {}
    for k, rec in enumerate(frame.to_dict("records")):
        where = f"{path}:{k + first}"
        code = str(rec["currency"]).strip().upper()
        if not (len(code) == 3 and code.isalpha()):
            raise InputError(f"{where}: field 'currency': expected a code such as EUR, got {rec['currency']!r}")
        try:
            year = int(str(rec["year"]).strip())
        except ValueError:
            raise InputError(f"{where}: field 'year': expected a year, got {rec['year']!r}") from None
        try:
            rate = float(str(rec["usd_per_unit"]).strip())
        except ValueError:
            rate = math.nan
        if not (math.isfinite(rate) and rate > 0):
            raise InputError(f"{where}: field 'usd_per_unit': expected a positive number, got "
                             f"{rec['usd_per_unit']!r}")
        rates[(code, year)] = rate
    return RateTable(rates)
