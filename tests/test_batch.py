"""Many documents through the library: analyze_many streams chunks in input order, bad records become
errors without stopping the run, several processes give the same rows as one, analyze_frame keeps the
frame's index as doc_id."""
from __future__ import annotations

import pandas as pd
import pytest

import analyzer
from analyzer.batch import as_document, stream
from analyzer.io import Document, Fields, RecordError

TEXTS = [
    "Kazakhstan exported 8 million tonnes of wheat last year, the ministry said.",
    "Trade between Russia and Iran rose 12% to $4 billion in 2023.",
    "No figures here, only words about diplomacy.",
    "Turkey's inflation fell to 61.8% in August, down from 71.6% in June.",
    "Up to 30 million tons of cargo could move along the corridor annually, officials said.",
    "Nearly 1,300 Russian enterprises work in Azerbaijan, Putin said.",
    "The European Union pledged 50 billion euros to Ukraine over four years.",
]


def concat(chunks) -> pd.DataFrame:
    chunks = list(chunks)
    return pd.concat(chunks, ignore_index=True) if chunks else analyzer.to_frame([])


def test_chunks_are_claim_tables_in_input_order(nlp):
    records = [{"id": f"d{i}", "text": t, "title": f"T{i}", "url": f"https://example.org/{i}",
                "published": "2024-08-20"} for i, t in enumerate(TEXTS)]
    chunks = list(analyzer.analyze_many(records, nlp=nlp, batch_size=3))
    assert len(chunks) == 3  # 7 documents in batches of 3
    for chunk in chunks:
        assert list(chunk.columns) == list(analyzer.COLUMNS)
    table = concat(chunks)
    order = [int(d[1:]) for d in table["doc_id"]]
    assert order == sorted(order) and set(order) == {0, 1, 3, 4, 5, 6}  # document 2 has no figure
    row = table[table["doc_id"] == "d1"].iloc[0]
    assert (row["title"], row["url"], row["published"]) == ("T1", "https://example.org/1", "2024-08-20")
    # each document's rows are exactly what analyze() gives for it alone
    alone = analyzer.analyze(TEXTS[1], doc_id="d1", published="2024-08-20", nlp=nlp)
    assert list(table[table["doc_id"] == "d1"]["text"]) == list(alone["text"])


def test_strings_get_the_stable_text_id(nlp):
    table = concat(analyzer.analyze_many(TEXTS[:2], nlp=nlp))
    assert set(table["doc_id"]) == set(analyzer.analyze(TEXTS[0], nlp=nlp)["doc_id"]) | set(
        analyzer.analyze(TEXTS[1], nlp=nlp)["doc_id"])


def test_bad_records_become_errors_and_the_run_goes_on(nlp):
    records = [42, {"text": TEXTS[0], "id": "a"}, {"id": "no-text"}, {"text": ["not", "a", "str"]},
               {"text": TEXTS[1], "id": "b", "published": "yesterday"}, {"text": TEXTS[3], "id": "c"}, None]
    errors: list[RecordError] = []
    table = concat(analyzer.analyze_many(records, nlp=nlp, errors=errors, batch_size=2))
    assert set(table["doc_id"]) == {"a", "c"}
    assert [e.source for e in errors] == ["record 0", "record 2", "record 3", "record 4", "record 6"]
    assert "missing field 'text'" in errors[1].message
    assert "must be a string, got list" in errors[2].message
    assert "published" in errors[3].message
    # records in == documents analysed + errors
    chunks = list(stream(records, nlp=nlp, batch_size=2))
    assert sum(len(c.doc_ids) for c in chunks) + sum(len(c.errors) for c in chunks) == len(records)


def test_without_an_error_list_bad_records_warn(nlp):
    with pytest.warns(UserWarning, match="record 1: missing field 'text'"):
        table = concat(analyzer.analyze_many([TEXTS[0], {"title": "x"}], nlp=nlp))
    assert len(table) > 0


def test_custom_field_names(nlp):
    fields = Fields(text="body", id="key", title="headline", published="date")
    table = concat(analyzer.analyze_many([{"body": TEXTS[1], "key": 7, "headline": "H", "date": "2024-01-31"}],
                                         nlp=nlp, fields=fields))
    assert set(table["doc_id"]) == {"7"} and set(table["title"]) == {"H"} and set(table["published"]) == {"2024-01-31"}


def test_default_published_applies_to_records_without_one(nlp):
    table = concat(analyzer.analyze_many([{"text": TEXTS[0], "id": "a"},
                                          {"text": TEXTS[0], "id": "b", "published": "2020-05-05"}],
                                         nlp=nlp, published="2024-08-20"))
    dates = dict(zip(table["doc_id"], table["published"], strict=False))
    assert dates == {"a": "2024-08-20", "b": "2020-05-05"}
    periods = dict(zip(table["doc_id"], table["period_start"], strict=False))
    assert periods["a"].startswith("2023") and periods["b"].startswith("2019")  # 'last year' resolved per record


def test_skip_passes_over_known_ids(nlp):
    chunks = list(stream([{"id": "a", "text": TEXTS[0]}, {"id": "b", "text": TEXTS[1]}], nlp=nlp, skip={"a"}))
    assert [d for c in chunks for d in c.doc_ids] == ["b"] and sum(c.skipped for c in chunks) == 1


def test_two_processes_same_rows_same_order(nlp):
    records = [{"id": f"d{i}", "text": t} for i, t in enumerate(TEXTS * 3)]
    records = [dict(r, id=f"{r['id']}-{k}") for k, r in enumerate(records)]
    one = concat(analyzer.analyze_many(records, nlp=nlp, batch_size=4))
    two = concat(analyzer.analyze_many(records, nlp=nlp, batch_size=4, n_process=2))
    pd.testing.assert_frame_equal(one, two)


def test_analyze_frame_uses_the_index_and_named_columns(nlp):
    df = pd.DataFrame({"body": [TEXTS[0], 3.5, TEXTS[5]], "headline": ["A", "B", None]}, index=[10, 11, 12])
    errors: list[RecordError] = []
    table = analyzer.analyze_frame(df, "body", title_col="headline", nlp=nlp, errors=errors)
    assert set(table["doc_id"]) == {"10", "12"}
    assert set(table[table["doc_id"] == "12"]["title"]) == {""}  # no title: empty, as for one text
    assert len(errors) == 1 and "must be a string, got float" in errors[0].message
    with pytest.raises(analyzer.InputError, match="'text': no such column"):
        analyzer.analyze_frame(df, nlp=nlp)


def test_as_document_accepts_documents_and_rejects_other_types():
    d = Document(id="x", text="t")
    assert as_document(d, 0) is d
    assert isinstance(as_document(3.0, 5), RecordError) and as_document(3.0, 5).source == "record 5"


@pytest.mark.parametrize("kw, message", [({"n_process": 0}, "n_process"), ({"batch_size": 0}, "batch_size")])
def test_bad_settings_are_clear_errors(nlp, kw, message):
    with pytest.raises(analyzer.InputError, match=message):
        list(analyzer.analyze_many(TEXTS, nlp=nlp, **kw))


def test_a_run_freezes_the_older_objects_while_it_runs_only(nlp):
    import gc

    assert gc.get_freeze_count() == 0
    chunks = stream(TEXTS[:2], nlp=nlp, batch_size=1)
    next(chunks)
    assert gc.get_freeze_count() > 0  # the objects older than the run are left out of the collector's passes
    list(chunks)
    assert gc.get_freeze_count() == 0  # ... and given back at its end
    gc.freeze()  # a process that froze objects itself keeps them frozen, as it froze them
    try:
        list(stream(TEXTS[:2], nlp=nlp))
        assert gc.get_freeze_count() > 0  # not unfrozen by the run
    finally:
        gc.unfreeze()
