"""Exports for fact-checkers: CSV, JSON Lines and Parquet written as streams, Excel, and ClaimReview drafts.
Round trips of a real claim table plus rows of hostile strings a spreadsheet would run as formulas."""
from __future__ import annotations

import io
import json
import math
from importlib import resources

import numpy as np
import pandas as pd
import pytest

import analyzer
from analyzer.claims.table import COLUMNS, to_frame
from analyzer.io.writers import StreamWriter, csv_frame
from analyzer.report.export import (claimreviews, neutralise, neutralise_cell, records, write,
                                    write_xlsx)

from ..conftest import EXAMPLE, FIXTURES
from ..test_cli import assert_one_line_error, invoke

TEXTS = [
    "Kazakhstan exported 8 million tonnes of wheat last year, the ministry said.",
    "Nearly 1,300 Russian enterprises work in Azerbaijan, Putin said.",
]
HYPERLINK = '=HYPERLINK("http://x","y")'
FLOATS = [c for c, t in COLUMNS.items() if t == "float64"]
INTS = [c for c, t in COLUMNS.items() if t == "int64"]
TEXTUAL = [c for c, t in COLUMNS.items() if t in ("string", "object")]


def hostile_claims() -> list[analyzer.Claim]:
    """Rows whose strings a spreadsheet would run as formulas, with numbers that must stay numbers."""
    base = dict(doc_id="evil", kind="quantity", start_char=0, end_char=5, sentence=f"{HYPERLINK} said -2 things.")
    return [
        analyzer.Claim(claim_id="evil:0-5", text=HYPERLINK, value=-2.0, low=-math.inf, high=math.inf,
                       quantity_of="+1", unit="@SUM(A1)", per="\tx", period="\r\ncr", speaker="-2",
                       entities=["=cmd|' /C calc'!A0", "Iran"], entity_mentions=[1, 2],
                       entity_stance=["@neutral", "favor"], checkworthiness=0.5, title="=title", url="@url",
                       published="2024-08-20", **base),
        analyzer.Claim(claim_id="evil:6-9", text="-2", value=-2.0, value_to=3.5, qualifier="range", unit="tonne",
                       speaker="author", title="A safe title", **base),
    ]


@pytest.fixture(scope="module")
def frame(nlp) -> pd.DataFrame:
    real = [analyzer.analyze(t, nlp=nlp, doc_id=f"d{i}") for i, t in enumerate(TEXTS)]
    assert sum(len(f) for f in real) >= 2, "the sentences should give claims"
    return pd.concat([*real, to_frame(hostile_claims())], ignore_index=True)


def assert_numbers_equal(back: pd.DataFrame, want: pd.DataFrame) -> None:
    for col in FLOATS:
        assert back[col].dtype == np.float64, col
        np.testing.assert_allclose(back[col].to_numpy(float), want[col].to_numpy(float), rtol=1e-12, err_msg=col)
    for col in INTS:
        assert back[col].dtype == np.int64, col
        assert back[col].tolist() == want[col].tolist(), col
    assert back["is_claim"].dtype == bool and back["is_claim"].tolist() == want["is_claim"].tolist()


# ---- neutralisation ----------------------------------------------------------------------------------
@pytest.mark.parametrize("raw, safe", [
    (HYPERLINK, "'" + HYPERLINK), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("Iran", "Iran"), ("", ""), ("1+1", "1+1"), ("'=already", "'=already"),
])
def test_neutralise_cell(raw, safe):
    assert neutralise_cell(raw) == safe


def test_neutralise_keeps_numbers_dtypes_and_the_input(frame):
    before = frame.copy()
    safe = neutralise(frame)
    assert safe.dtypes.tolist() == frame.dtypes.tolist()
    assert_numbers_equal(safe, frame)  # -2.0 and -inf are numbers: untouched
    evil = safe[safe["claim_id"] == "evil:0-5"].iloc[0]
    assert (evil["text"], evil["quantity_of"], evil["unit"], evil["per"], evil["speaker"]) == \
        ("'" + HYPERLINK, "'+1", "'@SUM(A1)", "'\tx", "'-2")
    assert evil["entities"] == ["=cmd|' /C calc'!A0", "Iran"]  # lists are joined (then neutralised) by the writers
    pd.testing.assert_frame_equal(frame, before)  # a copy: the caller's frame is unchanged


# ---- streamed writers ---------------------------------------------------------------------------------
def read_csv(path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, dtype={c: str for c in TEXTUAL},
                       na_values={c: [""] for c in FLOATS})


def test_csv_round_trip_is_neutralised(frame, tmp_path):
    path = tmp_path / "claims.csv"
    with StreamWriter(path, "csv") as w:
        w.write(frame.iloc[:2])
        w.write(frame.iloc[2:])
    back = read_csv(path)
    assert list(back.columns) == list(COLUMNS) and len(back) == len(frame)
    assert_numbers_equal(back, frame)
    want = csv_frame(frame)
    for col in TEXTUAL:
        assert back[col].tolist() == [str(v) for v in want[col]], col
    evil = back[back["claim_id"] == "evil:0-5"].iloc[0]
    assert evil["text"] == "'" + HYPERLINK and evil["period"] == "'\r\ncr" and evil["speaker"] == "'-2"
    assert evil["entities"] == "'=cmd|' /C calc'!A0; Iran" and evil["entity_stance"] == "'@neutral; favor"
    assert evil["value"] == -2.0 and evil["low"] == -math.inf and evil["high"] == math.inf
    assert not any(str(v).startswith(("=", "+", "-", "@", "\t", "\r"))
                   for col in TEXTUAL for v in back[col])  # no cell a spreadsheet would run


def test_csv_to_stdout_is_the_streamed_csv(frame, tmp_path):
    path = tmp_path / "claims.csv"
    with StreamWriter(path, "csv") as w:
        w.write(frame)
    buf = io.StringIO(newline="")
    write(frame, "csv", buf)
    assert buf.getvalue() == path.read_bytes().decode("utf8")
    assert "'=HYPERLINK" in buf.getvalue()


def test_jsonl_round_trip_keeps_the_strings(frame, tmp_path):
    path = tmp_path / "claims.jsonl"
    with StreamWriter(path, "jsonl") as w:
        w.write(frame)
    back = [json.loads(line) for line in path.read_text(encoding="utf8").splitlines()]
    assert back == records(frame)  # JSON is not a spreadsheet: nothing neutralised
    assert all(list(r) == list(COLUMNS) for r in back)
    evil = next(r for r in back if r["claim_id"] == "evil:0-5")
    assert evil["text"] == HYPERLINK and evil["low"] == "-inf" and evil["value"] == -2.0
    assert evil["entity_mentions"] == [1, 2]


def test_parquet_round_trip_keeps_values_and_types(frame, tmp_path):
    path = tmp_path / "claims.parquet"
    with StreamWriter(path, "parquet") as w:
        w.write(frame.iloc[:1])
        w.write(frame.iloc[1:])
    back = pd.read_parquet(path)
    assert list(back.columns) == list(COLUMNS) and len(back) == len(frame)
    assert_numbers_equal(back, frame)
    for col in TEXTUAL:
        if COLUMNS[col] == "object":
            assert [list(v) for v in back[col]] == [list(v) for v in frame[col]], col
        else:
            assert pd.api.types.is_string_dtype(back[col]), col
            assert back[col].tolist() == frame[col].tolist(), col
    assert HYPERLINK in back["text"].tolist()


# ---- Excel ----------------------------------------------------------------------------------------------
def xlsx_expected(value):
    """What an Excel cell should hold for a claim-table value."""
    if isinstance(value, (list, np.ndarray)):
        value = "; ".join(map(str, value))
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, float) and math.isinf(value):
        return "inf" if value > 0 else "'-inf"
    if isinstance(value, np.generic):
        value = value.item()
    return neutralise_cell(value)


def test_xlsx_round_trip(frame, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "claims.xlsx"
    write_xlsx(frame, path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["claims"]
    ws = wb["claims"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == len(frame) + 1
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    from openpyxl.utils import get_column_letter

    assert ws.auto_filter.ref == f"A1:{get_column_letter(len(COLUMNS))}{len(frame) + 1}"
    widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
    assert all(8 <= w <= 60 for w in widths) and max(widths) == 60  # sentences are capped
    for got, (_, want) in zip(rows[1:], frame.iterrows(), strict=True):
        for col, cell in zip(COLUMNS, got, strict=True):
            expected = xlsx_expected(want[col])
            assert cell == expected or (cell is None and expected == ""), (col, cell, expected)
    evil = dict(zip(COLUMNS, rows[1 + frame.index[frame["claim_id"] == "evil:0-5"][0]], strict=True))
    assert evil["text"] == "'" + HYPERLINK and evil["per"] == "'\tx" and evil["low"] == "'-inf"
    assert evil["value"] == -2 and isinstance(evil["value"], (int, float)) and evil["is_claim"] is True  # a number
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)  # no formula anywhere

    back = pd.read_excel(path, sheet_name="claims")
    assert list(back.columns) == list(COLUMNS) and len(back) == len(frame)
    for col in ("value", "value_to", "checkworthiness"):  # no infinities here: numeric columns
        # Excel has one number type; pandas reads a column of whole numbers back as int64
        assert pd.api.types.is_numeric_dtype(back[col]), col
        np.testing.assert_allclose(back[col].to_numpy(float), frame[col].to_numpy(float), rtol=1e-12)
    assert back["start_char"].tolist() == frame["start_char"].tolist()


def test_xlsx_drops_control_characters_excel_refuses(tmp_path):
    from openpyxl import load_workbook

    claim = analyzer.Claim(doc_id="c", claim_id="c:0-1", kind="statement", text="a\x00b\x0c=c", start_char=0,
                           end_char=1, sentence="\x01=SUM(A1)")
    path = tmp_path / "c.xlsx"
    write_xlsx(to_frame([claim]), path)
    row = dict(zip(COLUMNS, next(load_workbook(path)["claims"].iter_rows(min_row=2, values_only=True)), strict=True))
    assert row["text"] == "ab=c" and row["sentence"] == "'=SUM(A1)"  # removed first, then neutralised


def test_empty_table_writes_a_header_only_workbook(tmp_path):
    path = tmp_path / "empty.xlsx"
    write_xlsx(to_frame([]), path)
    back = pd.read_excel(path, sheet_name="claims")
    assert list(back.columns) == list(COLUMNS) and back.empty


# ---- ClaimReview ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    text = resources.files("analyzer.report").joinpath("data/claimreview.schema.json").read_text(encoding="utf8")
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_claimreview_validates_one_record_per_claim(frame, validator):
    reviews = claimreviews(frame)
    validator.validate(reviews)
    assert len(reviews) == len(frame)
    assert [r["geoclaims"]["claim_id"] for r in reviews] == frame["claim_id"].tolist()
    for review, (_, row) in zip(reviews, frame.iterrows(), strict=True):
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == " ".join(row["sentence"].split())
        assert "reviewRating" not in review and "datePublished" not in review  # the fact-checker's part
        assert review["geoclaims"]["text"] == row["text"]


def test_claimreview_authors_and_appearance(frame):
    reviews = {r["geoclaims"]["claim_id"]: r for r in claimreviews(frame)}
    evil = reviews["evil:0-5"]["itemReviewed"]
    assert evil["author"] == {"@type": "Thing", "name": "-2"}  # not in the gazetteer: person or organisation?
    assert evil["datePublished"] == "2024-08-20"
    assert evil["appearance"] == [{"@type": "CreativeWork", "headline": "=title"}]  # "@url" is no http(s) URL
    own = reviews["evil:6-9"]["itemReviewed"]
    assert "author" not in own and "datePublished" not in own  # the article's own claim: its author is unknown
    assert own["appearance"] == [{"@type": "CreativeWork", "headline": "A safe title"}]
    assert reviews["evil:6-9"]["geoclaims"]["value_to"] == 3.5
    putin = [r["itemReviewed"]["author"] for r in reviews.values() if "Putin" in r["claimReviewed"]]
    assert putin and all(a["@type"] == "Person" and "Putin" in a["name"] for a in putin)


def test_claimreview_schema_rejects_what_is_not_emitted(frame, validator):
    review = claimreviews(frame)[0]
    assert not validator.is_valid([{k: v for k, v in review.items() if k != "claimReviewed"}])
    assert not validator.is_valid([{**review, "reviewRating": {"@type": "Rating", "ratingValue": 1}}])
    assert not validator.is_valid([{**review, "itemReviewed": {**review["itemReviewed"], "@type": "Person"}}])


def test_claimreview_write_is_the_json_of_the_drafts(frame):
    buf = io.StringIO()
    write(frame, "claimreview", buf)
    assert json.loads(buf.getvalue()) == claimreviews(frame)


# ---- the command line ----------------------------------------------------------------------------------
def test_cli_xlsx_out(tmp_path):
    out = tmp_path / "claims.xlsx"
    proc = invoke("analyze", str(EXAMPLE), "--published", "2024-08-20", "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    back = pd.read_excel(out, sheet_name="claims")
    assert list(back.columns) == list(COLUMNS)
    expected = json.loads((FIXTURES / "putin_baku.expected.json").read_text(encoding="utf8"))
    quantities = back[back["kind"] == "quantity"]
    assert len(quantities) == 4
    assert sorted(quantities["text"]) == sorted(q["text"] for q in expected["quantities"])
    assert pd.api.types.is_numeric_dtype(back["value"]) and back["checkworthiness"].dtype == np.float64


def test_cli_claimreview_to_stdout(validator):
    proc = invoke("analyze", str(EXAMPLE), "--published", "2024-08-20", "--format", "claimreview")
    assert proc.returncode == 0, proc.stderr
    reviews = json.loads(proc.stdout)
    validator.validate(reviews)
    assert sum(r["geoclaims"]["kind"] == "quantity" for r in reviews) == 4
    assert all(r["itemReviewed"]["datePublished"] == "2024-08-20" for r in reviews)


def test_cli_xlsx_needs_out():
    proc = invoke("analyze", str(EXAMPLE), "--format", "xlsx")
    assert_one_line_error(proc, 2, "--format xlsx needs --out FILE")
    assert proc.stdout == ""


# ---- analyzer.export: the CLI's files from a notebook or a pipeline ----------------------------------------
@pytest.mark.parametrize("name, fmt", [("c.csv", None), ("c.jsonl", None), ("c.parquet", None), ("c.xlsx", None),
                                       ("c.json", None), ("c.md", None), ("drafts.json", "claimreview")])
def test_export_writes_what_the_cli_writes(frame, tmp_path, name, fmt):
    path = analyzer.export(frame, tmp_path / name, fmt)
    assert path == tmp_path / name and path.stat().st_size > 0
    kind = fmt or name.rsplit(".", 1)[1]
    if kind == "parquet":
        back = pd.read_parquet(path)
        assert len(back) == len(frame)
        assert_numbers_equal(back, frame)
    elif kind == "xlsx":
        back = pd.read_excel(path, sheet_name="claims")
        assert len(back) == len(frame) and list(back.columns) == list(COLUMNS)
        assert f"'{HYPERLINK}" in back["text"].tolist()  # neutralised, as --format xlsx does
    else:
        buffer = io.StringIO()
        write(frame, "json" if kind == "json" else kind, buffer)
        assert path.read_bytes().decode("utf8") == buffer.getvalue()


def test_export_names_a_suffix_it_cannot_read(frame, tmp_path):
    with pytest.raises(analyzer.InputError, match=r"claims\.pdf: cannot tell the format from the suffix '\.pdf'"):
        analyzer.export(frame, tmp_path / "claims.pdf")
    analyzer.export(frame, tmp_path / "claims.txt")  # the table, as `geoclaims analyze --out claims.txt` writes
    assert "claim" in (tmp_path / "claims.txt").read_text(encoding="utf8")
    with pytest.raises(analyzer.InputError, match="expected one of csv"):
        analyzer.export(frame, tmp_path / "claims.csv", fmt="pdf")


def test_summarize_renders_the_report_summary(frame):
    summary = analyzer.summarize(frame, rows=2)
    assert repr(summary).startswith(f"<geoclaims.Summary: {len(frame)} claims (")
    assert "in 3 documents" in repr(summary)
    page = summary._repr_html_()
    assert "3 documents" in page and "claims per entity" in page and "check-worthiness of claims" in page
    assert page.count("<tr") >= 2 + 3 and f"first 2 of {len(frame)} claims" in page
    assert HYPERLINK.replace('"', "&quot;") in analyzer.summarize(frame)._repr_html_()  # escaped, as text
    with pytest.raises(analyzer.InputError, match="not a claim table"):
        analyzer.summarize(pd.DataFrame({"text": ["x"]}))


def test_records_converts_by_column_exactly_as_cell_by_cell(nlp, example_text):
    """`records` converts a column at a time (a row at a time through pandas' extension arrays took seconds
    for a large table); the cells are those `json_cell` gives one by one, missing values and infinities too."""
    import json

    import pandas as pd

    from analyzer.report import export

    frame = analyzer.analyze(example_text, nlp=nlp)
    frame.loc[0, "value"] = float("inf")
    frame.loc[1, "value"] = float("nan")
    frame.loc[2, "title"] = pd.NA
    frame["extra_int"] = pd.array([None] + [1] * (len(frame) - 1), dtype="Int64")
    one_by_one = [{col: export.json_cell(v) for col, v in zip(frame.columns, row, strict=True)}
                  for row in frame.itertuples(index=False)]
    assert json.dumps(export.records(frame)) == json.dumps(one_by_one)
    assert export.records(frame)[0]["value"] == "inf" and export.records(frame)[1]["value"] is None
    assert export.records(frame.iloc[:0]) == []


def test_the_report_marks_the_rows_to_check_first(frame):
    """Each document's first rows by checkworthiness_rank are marked in the HTML table, with their rank shown."""
    from analyzer.report.page import TOP_ROWS, claim_table

    one = frame[frame["doc_id"] == frame["doc_id"].iloc[0]]
    html = claim_table(one, "t")
    assert html.count('<tr class="top"') == min(TOP_ROWS, len(one))
    assert "<th>checkworthiness_rank</th>" in html


def test_the_terminal_table_stars_the_rows_to_check_first(frame):
    """In the terminal, each document's first rows by checkworthiness_rank carry a star; an older table without
    ranks is shown without stars."""
    from analyzer.report.export import TOP_ROWS, render_table

    one = frame[frame["doc_id"] == frame["doc_id"].iloc[0]]
    assert render_table(one, width=200).count("★") == min(TOP_ROWS, len(one))
    assert "★" not in render_table(one.drop(columns=["checkworthiness_rank"]), width=200)
