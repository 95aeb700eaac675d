"""Writing a claim table as CSV, JSON, JSON Lines, Markdown or a terminal table."""
from __future__ import annotations

import io
import json
import math
from typing import Any, Literal, TextIO

import pandas as pd

Format = Literal["table", "csv", "json", "jsonl", "md"]
FORMATS: tuple[str, ...] = ("table", "csv", "json", "jsonl", "md")
# the columns a person reads first, in the terminal and in Markdown
SUMMARY = ["text", "value", "value_to", "unit", "qualifier", "quantity_of", "per", "period", "speaker", "modality",
           "checkworthiness"]


def _cell(value: Any) -> Any:
    """A JSON-safe cell: NaN/NA -> null, +-inf -> "inf"/"-inf" (JSON has no infinities)."""
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if value is pd.NA or value is None:
        return None
    if isinstance(value, (list, tuple)):
        return list(value)
    if hasattr(value, "item"):  # numpy scalars
        return _cell(value.item())
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as JSON-safe dicts keyed by the claim table's column names."""
    return [{col: _cell(v) for col, v in zip(frame.columns, row, strict=True)} for row in frame.itertuples(index=False)]


def _number(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float):
        if math.isinf(v):
            return "∞" if v > 0 else "-∞"
        return f"{v:,.0f}" if v.is_integer() else f"{v:,.4g}"
    return str(v)


def _md_escape(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def to_markdown(frame: pd.DataFrame) -> str:
    cols = [c for c in SUMMARY if c in frame.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for rec in records(frame[cols]):
        cells = [_number(rec[c]) if c in ("value", "value_to", "checkworthiness") else _md_escape(str(rec[c] or ""))
                 for c in cols]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write(frame: pd.DataFrame, fmt: str, out: TextIO, *, console_width: int | None = None) -> None:
    """Write ``frame`` to the text stream ``out`` in format ``fmt`` (one of FORMATS)."""
    if fmt == "csv":
        frame.assign(entities=frame["entities"].map(lambda xs: "; ".join(xs))).to_csv(out, index=False)
    elif fmt == "json":
        json.dump(records(frame), out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "jsonl":
        for rec in records(frame):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif fmt == "md":
        out.write(to_markdown(frame))
    elif fmt == "table":
        out.write(render_table(frame, width=console_width))
    else:
        raise ValueError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")


CLAIM_WIDTH = 48  # characters of a claim shown in the table; the other formats keep the whole text


def render_table(frame: pd.DataFrame, *, width: int | None = None) -> str:
    """A readable rich table of the claims (as text, so it can go to a file too). The document column
    shows only when there are several documents."""
    from pathlib import PurePath

    from rich.console import Console
    from rich.table import Table

    docs = list(dict.fromkeys(frame["doc_id"]))
    title = f"{len(frame)} claim{'s' if len(frame) != 1 else ''}"
    if len(docs) == 1:
        title += f" in {PurePath(str(docs[0])).name}"
    table = Table(title=title, title_justify="left")
    columns = [("doc", {}), ("claim", {"no_wrap": True, "style": "bold"}), ("value", {"justify": "right"}),
               ("unit", {}), ("qualifier", {}), ("of", {}), ("per", {}), ("period", {}), ("speaker", {}),
               ("modality", {}), ("cw", {"justify": "right"})]
    if len(docs) <= 1:
        columns = columns[1:]
    for name, options in columns:
        table.add_column(name, overflow="fold", **options)
    for rec in records(frame):
        value = _number(rec["value"]) + (f"–{_number(rec['value_to'])}" if rec["value_to"] is not None else "")
        claim = " ".join(rec["text"].split())  # a statement row is a whole sentence: one line, shortened
        if len(claim) > CLAIM_WIDTH:
            claim = claim[:CLAIM_WIDTH - 1].rstrip() + "…"
        cells = [claim, value, rec["unit"], rec["qualifier"], rec["quantity_of"], rec["per"], rec["period"],
                 rec["speaker"], rec["modality"], f"{rec['checkworthiness']:.2f}" if rec["checkworthiness"] is not None
                 else ""]
        if len(docs) > 1:
            cells.insert(0, PurePath(str(rec["doc_id"])).name)
        table.add_row(*cells)
    buf = io.StringIO()
    Console(file=buf, width=width or 160, force_terminal=False, color_system=None).print(table)
    return buf.getvalue()
