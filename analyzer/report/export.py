"""Writing a claim table as CSV, JSON, JSON Lines, Markdown, a terminal table, Excel or ClaimReview drafts.

CSV and Excel cells are neutralised against formula injection (OWASP "CSV injection"): a string cell that
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so a
spreadsheet shows it as text instead of running it as a formula. Markdown cells are escaped (HTML and
Markdown syntax show as text), ClaimReview drafts are safe to embed in a page (no '<', '>', '&'; only http(s)
URLs), and the terminal table shows control characters as visible escapes: see `escape`."""
from __future__ import annotations

import functools
import io
import json
import math
import re
from typing import Any, TextIO

import pandas as pd

from ..io.cells import FORMULA_TRIGGERS, json_cell, neutralise, neutralise_cell, records  # noqa: F401 (re-exported)
from ..io.formats import SUFFIXES, TEXT
from ..io.writers import StreamWriter, csv_frame
from .escape import http_url, json_in_html, markdown_text, safe

FORMATS: tuple[str, ...] = TEXT  # the formats `write` writes to a text stream (analyzer/io/formats.py)
TOP_ROWS = 3  # a document's rows to check first, starred in the terminal table and marked in the HTML report
# the columns a person reads first, in the terminal and in Markdown
SUMMARY = ["text", "value", "value_to", "unit", "qualifier", "quantity_of", "per", "period", "speaker", "modality",
           "checkworthiness"]


def format_number(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float):
        if math.isinf(v):
            return "∞" if v > 0 else "-∞"
        return f"{v:,.0f}" if v.is_integer() else f"{v:,.4g}"
    return str(v)


def to_markdown(frame: pd.DataFrame) -> str:
    """The key columns as a Markdown table; every cell escaped (`escape.markdown_text`): markup and Markdown in
    an article show as text once rendered."""
    cols = [c for c in SUMMARY if c in frame.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for rec in records(frame[cols]):
        cells = [markdown_text(format_number(rec[c]) if c in ("value", "value_to", "checkworthiness") else rec[c] or "")
                 for c in cols]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write(frame: pd.DataFrame, fmt: str, out: TextIO, *, console_width: int | None = None) -> None:
    """Write ``frame`` to the text stream ``out`` in format ``fmt`` (one of FORMATS)."""
    if fmt == "csv":
        # list columns joined with "; ", strings neutralised; CRLF rows (RFC 4180), so a lone CR is quoted
        csv_frame(frame).to_csv(out, index=False, lineterminator="\r\n")
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
    elif fmt == "claimreview":  # made to be embedded in a page: no '<', '>', '&' (see escape.json_in_html)
        out.write(json_in_html(json.dumps(claimreviews(frame), ensure_ascii=False, indent=1)) + "\n")
    elif fmt == "xlsx":
        raise ValueError("format: xlsx is binary; use write_xlsx(frame, path)")
    else:
        raise ValueError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")


CLAIM_WIDTH = 48  # characters of a claim shown in the table; the other formats keep the whole text


def render_table(frame: pd.DataFrame, *, width: int | None = None) -> str:
    """A readable rich table of the claims (as text, so it can go to a file too). The document column
    shows only when there are several documents. Every cell and the title are plain text for the terminal
    (`escape.safe`: no escape sequence or control character of an id or article reaches it; no rich markup)."""
    from pathlib import PurePath

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    docs = list(dict.fromkeys(frame["doc_id"]))
    title = f"{len(frame)} claim{'s' if len(frame) != 1 else ''}"
    if len(docs) == 1:
        title += f" in {PurePath(str(docs[0])).name}"
    table = Table(title=Text(safe(title)), title_justify="left")
    columns: list[tuple[str, dict[str, Any]]] = [
        ("doc", {}), ("claim", {"no_wrap": True, "style": "bold"}), ("value", {"justify": "right"}),
        ("unit", {}), ("qualifier", {}), ("of", {}), ("per", {}), ("period", {}), ("speaker", {}),
        ("modality", {}), ("cw", {"justify": "right"})]
    if len(docs) <= 1:
        columns = columns[1:]
    for name, options in columns:
        table.add_column(name, overflow="fold", **options)
    for rec in records(frame):
        value = format_number(rec["value"])
        if rec["value_to"] is not None:
            value += f"–{format_number(rec['value_to'])}"
        claim = " ".join(rec["text"].split())  # a statement row is a whole sentence: one line, shortened
        if len(claim) > CLAIM_WIDTH:
            claim = claim[:CLAIM_WIDTH - 1].rstrip() + "…"
        cells = [claim, value, rec["unit"], rec["qualifier"], rec["quantity_of"], rec["per"], rec["period"],
                 rec["speaker"], rec["modality"], _score_cell(rec)]
        if len(docs) > 1:
            cells.insert(0, PurePath(str(rec["doc_id"])).name)
        table.add_row(*(Text(safe(c or "", keep="\n")) for c in cells))
    buf = io.StringIO()
    Console(file=buf, width=width or 160, force_terminal=False, color_system=None).print(table)
    return buf.getvalue()


def _score_cell(rec: dict[str, Any]) -> str:
    """The check-worthiness cell of the terminal table: the row's score, starred for its document's first
    `TOP_ROWS` rows to check (by ``checkworthiness_rank``, where the table has it)."""
    if rec["checkworthiness"] is None:
        return ""
    rank = rec.get("checkworthiness_rank")
    return f"{rec['checkworthiness']:.2f}" + (" ★" if rank is not None and 0 < rank <= TOP_ROWS else "")


# ---- Excel -----------------------------------------------------------------------------------------
XLSX_SHEET = "claims"
XLSX_MAX_ROWS = 1_048_575  # Excel's 1,048,576 rows less the header
XLSX_MAX_CHARS = 32_767  # characters an Excel cell holds
XLSX_WIDTH = (8, 60)  # column width bounds, in characters
XLSX_SAMPLE = 1_000  # rows looked at to size the columns


def _xlsx_cell(value: Any, illegal: re.Pattern[str]) -> Any:
    """A cell as Excel stores it: NaN/NA empty, +-inf the strings "inf"/"-inf" (Excel has no infinity; "-inf"
    is then neutralised to "'-inf"), lists joined with "; ", the control characters Excel refuses
    (``illegal``) removed, strings neutralised and cut to what a cell holds. Numbers and booleans stay
    numbers and booleans."""
    value = json_cell(value)
    if isinstance(value, list):
        value = "; ".join(map(str, value))
    if isinstance(value, str):
        value = neutralise_cell(illegal.sub("", value))
        if len(value) > XLSX_MAX_CHARS:
            value = value[:XLSX_MAX_CHARS - 1] + "…"
    return value


def write_xlsx(frame: pd.DataFrame, out: Any) -> None:
    """Write ``frame`` to ``out`` (a path or a binary file) as an Excel workbook: one sheet "claims" with the
    claim table's columns in order, the header bold and frozen, an autofilter, columns sized to their text
    (at most 60 characters wide). Cells as `_xlsx_cell` makes them."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from ..errors import InputError

    if len(frame) > XLSX_MAX_ROWS:
        raise InputError(f"xlsx: {len(frame):,} claims do not fit in one Excel sheet ({XLSX_MAX_ROWS:,} rows at "
                         "most); write parquet, csv or jsonl instead")
    rows = [[_xlsx_cell(v, ILLEGAL_CHARACTERS_RE) for v in row] for row in frame.itertuples(index=False)]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(XLSX_SHEET)
    low, high = XLSX_WIDTH
    for i, col in enumerate(frame.columns):
        longest = max([len(str(col))] + [len(str(r[i])) for r in rows[:XLSX_SAMPLE] if r[i] is not None])
        ws.column_dimensions[get_column_letter(i + 1)].width = min(max(longest + 2, low), high)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for col in frame.columns:
        cell = WriteOnlyCell(ws, value=str(col))
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for row in rows:
        ws.append(row)
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(frame.columns), 1))}{len(rows) + 1}"
    wb.save(out)


# ---- ClaimReview drafts ----------------------------------------------------------------------------
# what the fact-checker sees of each claim beside the schema.org fields, under CLAIMREVIEW_KEY
CLAIMREVIEW_KEY = "geoclaims"
CLAIMREVIEW_FIELDS = ("claim_id", "doc_id", "kind", "text", "value", "value_to", "qualifier", "low", "high", "unit",
                      "quantity_of", "per", "period", "period_start", "period_end", "entities", "speaker",
                      "modality", "checkworthiness")


@functools.lru_cache(maxsize=1)
def _entity_kinds() -> dict[str, str]:
    """Canonical name -> kind ('person', 'country', 'organization'...) of the bundled gazetteer."""
    from .._resources import data_file, read_jsonl

    kinds: dict[str, str] = {}
    for _, rec in read_jsonl(data_file("analyzer.entities", "gazetteer.jsonl")):
        kinds.setdefault(str(rec.get("canonical", "")), str(rec.get("kind", "")))
    return kinds


def _claim_author(speaker: str | None) -> dict[str, str] | None:
    """The Claim's author: a Person for a person of the gazetteer, an Organization for any other gazetteer
    entity (a country, a government, a company speaks as an organisation), a Thing for a speaker the
    gazetteer does not know ('the ministry', 'analysts'): geoclaims cannot tell a person from an
    organisation there. None when the claim is the article's own (speaker 'author'): the author is unknown."""
    if not speaker or speaker == "author":
        return None
    kind = _entity_kinds().get(speaker)
    kind_type = "Thing" if kind is None else "Person" if kind == "person" else "Organization"
    return {"@type": kind_type, "name": speaker}


def claimreview(rec: dict[str, Any]) -> dict[str, Any]:
    """A schema.org ClaimReview draft of one claim-table row (as `records` gives it). Left to the
    fact-checker: ``reviewRating``, the review's ``author``, ``url`` and ``datePublished``."""
    sentence = rec.get("sentence") or rec.get("text") or ""
    claim: dict[str, Any] = {"@type": "Claim"}
    author = _claim_author(rec.get("speaker"))
    if author is not None:
        claim["author"] = author
    if rec.get("published"):
        claim["datePublished"] = rec["published"]
    appearance = {"@type": "CreativeWork"}
    url = http_url(rec.get("url"))
    if url:  # only a web page: a javascript:, data: or other URL is left out (the headline stays)
        appearance["url"] = url
    if rec.get("title"):
        appearance["headline"] = rec["title"]
    if len(appearance) > 1:
        claim["appearance"] = [appearance]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": " ".join(sentence.split()),
        "itemReviewed": claim,
        CLAIMREVIEW_KEY: {k: rec.get(k) for k in CLAIMREVIEW_FIELDS},
    }


def claimreviews(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """One ClaimReview draft per row of ``frame``, in order (schema: analyzer/report/data/claimreview.schema.json)."""
    return [claimreview(rec) for rec in records(frame)]


# ---- one call for notebooks and pipelines ------------------------------------------------------------
SUFFIX_FORMATS = SUFFIXES  # an output file's suffix -> its format (analyzer/io/formats.py)


def save(frame: pd.DataFrame, path: Any, fmt: str | None = None) -> Any:
    """Write the claim table ``frame`` to ``path`` in ``fmt`` ('csv', 'json', 'jsonl', 'md', 'xlsx',
    'parquet', 'claimreview' or 'table'), by default the one its suffix names; the files are the CLI's own (CSV and
    Excel neutralised against formula injection, Parquet with the Arrow schema). Returns the path."""
    from pathlib import Path

    from ..errors import InputError

    path = Path(path)
    fmt = fmt or SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: cannot tell the format from the suffix {path.suffix!r}; name one of "
                         f"{', '.join(sorted(set(SUFFIX_FORMATS.values()) | {'claimreview'}))} as fmt")
    if fmt == "xlsx":
        write_xlsx(frame, path)
    elif fmt == "parquet":
        with StreamWriter(path, "parquet") as out:
            out.write(frame)
    elif fmt in FORMATS:
        with path.open("w", encoding="utf8", newline="") as out:
            write(frame, fmt, out)
    else:
        raise InputError(f"format: expected one of csv, json, jsonl, md, xlsx, parquet, claimreview, table; "
                         f"got {fmt!r}")
    return path
