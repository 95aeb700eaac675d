"""The public functions: tables with fixed columns, clear errors."""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

import analyzer
from analyzer.claims.table import COLUMNS, CONTRACT
from analyzer.errors import InputError

DESIGN_COLUMNS = ["doc_id", "claim_id", "kind", "text", "start_char", "end_char", "sentence", "value", "value_to",
                  "qualifier", "low", "high", "unit", "quantity_of", "per", "period", "period_start", "period_end",
                  "entities", "speaker", "modality", "checkworthiness"]


def test_contract_columns_in_order():
    assert CONTRACT == DESIGN_COLUMNS
    assert list(COLUMNS)[:len(DESIGN_COLUMNS)] == DESIGN_COLUMNS


def test_public_api():
    for name in ("analyze", "quantities", "entities", "assess", "load", "analyze_many", "analyze_frame", "display"):
        assert name in analyzer.__all__ and callable(getattr(analyzer, name))


@pytest.mark.parametrize("text", ["", "   ", "No figures in this sentence."])
def test_empty_table_has_every_column(nlp, text):
    table = analyzer.analyze(text, nlp=nlp)
    assert len(table) == 0
    assert list(table.columns) == list(COLUMNS)
    assert dict(table.dtypes.astype(str)) == {k: str(pd.Series(dtype=v).dtype) for k, v in COLUMNS.items()}


def test_dtypes_fixed(nlp):
    table = analyzer.analyze("Exports rose 5% to $10 billion in 2023.", nlp=nlp)
    assert table["value"].dtype == "float64" and table["start_char"].dtype == "int64"
    assert table["unit"].dtype == "string" and table["entities"].dtype == object
    assert all(isinstance(e, list) for e in table["entities"])
    assert math.isnan(table.loc[table["text"] == "5%", "value_to"].iloc[0])


def test_doc_id_given_or_stable_hash(nlp):
    a = analyzer.analyze("Trade hit $5 billion.", nlp=nlp)
    b = analyzer.analyze("Trade hit $5 billion.", nlp=nlp)
    c = analyzer.analyze("Trade hit $5 billion.", nlp=nlp, doc_id="article-7")
    assert a["doc_id"].iloc[0] == b["doc_id"].iloc[0] and len(a["doc_id"].iloc[0]) == 16
    assert c["claim_id"].iloc[0] == "article-7:10-20"


@pytest.mark.parametrize("published", ["2024-08-20", dt.date(2024, 8, 20), dt.datetime(2024, 8, 20, 9, 30)])
def test_published_forms(nlp, published):
    row = analyzer.analyze("Trade hit $5 billion last year.", nlp=nlp, published=published).iloc[0]
    assert (row["period_start"], row["period_end"]) == ("2023-01-01", "2023-12-31")


@pytest.mark.parametrize("call, message", [
    (lambda nlp: analyzer.analyze(42, nlp=nlp), "text: expected a str, got int"),
    (lambda nlp: analyzer.analyze("x", nlp=nlp, published="yesterday"), "published: expected a date"),
    (lambda nlp: analyzer.quantities(None, nlp=nlp), "text: expected a str"),
    (lambda nlp: analyzer.assess(["fine", 3], nlp=nlp), r"texts\[1\]: expected a str"),
])
def test_input_errors_name_the_field(nlp, call, message):
    with pytest.raises(InputError, match=message):
        call(nlp)


def test_quantities_includes_mentions_analyze_keeps_claims(nlp):
    text = "The two nations signed 14 agreements."
    mentions = analyzer.quantities(text, nlp=nlp)
    claims = analyzer.analyze(text, nlp=nlp)
    assert list(mentions["text"]) == ["two", "14"] and list(mentions["is_claim"]) == [False, True]
    assert list(claims["text"]) == ["14"]


def test_entities_table(nlp):
    ents = analyzer.entities("Aliyev met Putin in Baku.", nlp=nlp)
    assert set(ents["canonical"]) >= {"Ilham Aliyev", "Vladimir Putin", "Baku"}


def test_assess_one_row_per_text_in_order(nlp):
    texts = ["Putin said trade grew 5%.", "Exports may fall.", "A calm day."]
    table = analyzer.assess(texts, nlp=nlp)
    assert list(table["text"]) == texts
    assert list(table.columns) == ["text", "speaker", "speaker_cue", "modality", "checkworthiness"]
    assert table["checkworthiness"].iloc[0] > table["checkworthiness"].iloc[2]
    assert len(analyzer.assess("one text", nlp=nlp)) == 1


# texts longer than max_length: tests/test_pieces.py


# ---- issue 15: the API refuses what it would misread -------------------------------------------------------
@pytest.mark.parametrize("records, message", [
    ("Trade reached $4 billion.", "got one str .*character at a time.*analyze\\(text\\)"),
    (b"Trade reached $4 billion.", "got one bytes"),
    ({"text": "Trade reached $4 billion."}, "got one dict .*key by key"),
    (pd.DataFrame({"text": ["Trade reached $4 billion."]}), "analyze_frame"),
    (__import__("numpy").array([["a 1", "b 2"]]), "one-dimensional"),
    (42, "expected an iterable of texts or dicts, got int"),
])
def test_analyze_many_refuses_a_single_record_at_the_call(nlp, records, message):
    with pytest.raises(InputError, match=message):
        analyzer.analyze_many(records, nlp=nlp)  # raised at the call, before any chunk is asked for


def test_numpy_strings_are_texts(nlp):
    np = pytest.importorskip("numpy")
    text = "Trade between Russia and Azerbaijan reached $4 billion last year."
    expected = analyzer.analyze(text, nlp=nlp)
    assert analyzer.analyze(np.str_(text), nlp=nlp)["value"].tolist() == expected["value"].tolist() == [4e9]
    assert analyzer.quantities(np.str_(text), nlp=nlp)["value"].tolist() == [4e9]
    rows = pd.concat(list(analyzer.analyze_many(np.array([text, "Exports fell 5% in 2023."]), nlp=nlp)))
    assert sorted(rows["value"]) == [5.0, 4e9]
    assert len(analyzer.assess(np.array([text]), nlp=nlp)) == 1
    frame = analyzer.analyze_frame(pd.DataFrame({"text": np.array([text], dtype=object)}), nlp=nlp)
    assert frame["value"].tolist() == [4e9]


@pytest.mark.parametrize("value, message", [
    (__import__("numpy").array(["Trade reached $4 billion."]), "expected a str, got ndarray; for many texts use analyze_many"),
    (b"Trade reached $4 billion.", "expected a str, got bytes; decode bytes first"),
])
def test_analyze_names_a_wrong_type(nlp, value, message):
    with pytest.raises(InputError, match=message):
        analyzer.analyze(value, nlp=nlp)


def test_assess_refuses_a_mapping(nlp):
    with pytest.raises(InputError, match="texts: expected a str or an iterable of str, got dict"):
        analyzer.assess({"text": "x"}, nlp=nlp)
