"""The Dask backend (analyzer.dask) on a real two-process LocalCluster shared by the module's tests."""
from __future__ import annotations

import subprocess
import sys
import time

import pandas as pd
import pytest

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

from analyzer import batch  # noqa: E402
from analyzer.claims.table import COLUMNS  # noqa: E402
from analyzer.errors import GeoclaimsError  # noqa: E402
from analyzer.io.readers import Fields, RecordError  # noqa: E402

adask = pytest.importorskip("analyzer.dask")

TEXTS = [
    "Russia's exports to China rose 12% to $4.5 billion in the first quarter, the customs service said.",
    "The government will spend 3 billion euros on new railways by 2030, the transport minister announced.",
    "Wheat shipments through the Black Sea fell to 1.2 million tons in March.",
    "Ministers met in Brussels on Tuesday to discuss the sanctions package.",
    "Unemployment in Spain dropped to 11.7 percent, the lowest level since 2008.",
    "Ukraine received 40 tanks and 120 armoured vehicles from its allies, officials said.",
    "Oil prices climbed 4% to $88 a barrel after OPEC cut output by 500,000 barrels a day.",
    "The IMF expects the Turkish economy to grow by about 3 percent next year.",
    "Nobody commented on the report.",
    "India imported 2.3 million tonnes of Russian coal in May, up 30% from April.",
    "Germany pledged $1.1 billion in military aid, Chancellor Olaf Scholz said on Friday.",
    "Inflation in Argentina reached 211% in 2023, according to the statistics office.",
]
RECORDS: list = [*TEXTS[:5], 42, *TEXTS[5:]]  # one bad record: an int


@pytest.fixture(scope="module")
def client():
    """One cluster for the module: 2 worker processes, one thread each; each worker loads spaCy once."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


def local_frame(records, **kwargs) -> tuple[pd.DataFrame, list[RecordError]]:
    errors: list[RecordError] = []
    frames = list(batch.analyze_many(records, errors=errors, **kwargs))
    return pd.concat(frames, ignore_index=True), errors


def test_analyze_bag_equals_local_run(client):
    claims, errors = adask.analyze_with_errors(db.from_sequence(RECORDS, npartitions=3), batch_size=4)
    assert list(claims.dtypes.astype(str)) == [str(pd.Series(dtype=d).dtype) for d in COLUMNS.values()]
    got, errs = dask.compute(claims, errors)
    expected, local_errors = local_frame(RECORDS)
    assert len(expected) > 10
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)
    assert {"percent", "USD", "EUR"} <= set(got["unit"].dropna())
    assert len(local_errors) == 1
    assert errs["source"].tolist() == ["partition 1, record 0"]  # 13 records in 3 partitions: 5, 5, 3
    assert "expected a str" in errs["error"].iloc[0]
    # analyze: the claims alone
    pd.testing.assert_frame_equal(adask.analyze(db.from_sequence(RECORDS, npartitions=2)).compute()
                                  .reset_index(drop=True), expected)


def test_accurate_mode_on_the_workers(client):
    """Each worker loads the accurate mode's pipeline (its own cache key) and gives the rows of a local run."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    import analyzer

    claims, errors = adask.analyze_with_errors(db.from_sequence(TEXTS, npartitions=2), batch_size=4,
                                               checkworthiness="accurate")
    got, errs = dask.compute(claims, errors)
    expected, _ = local_frame(TEXTS, nlp=analyzer.load(checkworthiness="accurate"))
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)
    assert not len(errs)
    default, _ = local_frame(TEXTS)
    figures = got[got["kind"] == "quantity"].reset_index(drop=True)
    default_figures = default[default["kind"] == "quantity"].reset_index(drop=True)
    assert figures["text"].equals(default_figures["text"])  # the same figures, scored by another model
    assert not figures["sentence_checkworthiness"].equals(default_figures["sentence_checkworthiness"])
    with pytest.raises(GeoclaimsError, match="checkworthiness='fast'"):
        adask.analyze(db.from_sequence(TEXTS, npartitions=2), checkworthiness="fast")


def test_unicode_spaces_inside_numbers(client):
    """Issue 15, item 8: the workers' pipelines read no-break and thin spaces as spaces and keep the original."""
    texts = [f"Ships carried 2{s}500{s}000 tons of grain worth $4{s}billion." for s in ("\u00a0", "\u2009", "\u202f")]
    got = adask.analyze(db.from_sequence(texts, npartitions=2), batch_size=2).compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, local_frame(texts)[0])
    assert got["value"].tolist() == [2.5e6, 4e9] * 3
    assert got["text"].tolist()[:2] == ["2\u00a0500\u00a0000 tons", "$4\u00a0billion"]


def test_analyze_dataframe_carries_id_and_title(client):
    pdf = pd.DataFrame({"body": [TEXTS[0], TEXTS[3], None, TEXTS[6]], "key": ["a", "b", "c", "d"],
                        "headline": ["Trade", "Sanctions", "Empty", None]}, index=[10, 11, 12, 13])
    ddf = dd.from_pandas(pdf, npartitions=2)
    claims, errors = adask.analyze_with_errors(ddf, text_col="body", id_col="key", title_col="headline")
    got, errs = dask.compute(claims, errors)
    assert set(got.loc[got["kind"] == "quantity", "doc_id"]) == {"a", "d"}  # "b" states no figure
    assert set(got["doc_id"]) <= {"a", "b", "d"}  # (its sentence is a row when the model calls it check-worthy)
    assert ddf["headline"].dtype == "string"  # Dask's pyarrow strings: the missing title is pd.NA, not an error
    titles = got.groupby("doc_id")["title"].first().to_dict()
    assert (titles["a"], titles["d"]) == ("Trade", "")
    assert errs[["source", "id"]].values.tolist() == [["row 12", "c"]]
    # without id_col: the index label, as analyzer.batch.analyze_frame
    expected = batch.analyze_frame(pdf.iloc[[0, 1, 3]], "body", title_col="headline")  # None: no title
    got = adask.analyze(ddf, text_col="body", title_col="headline").compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)
    assert set(got.loc[got["kind"] == "quantity", "doc_id"]) == {"10", "13"}
    with pytest.raises(GeoclaimsError, match="'text': no such column"):
        adask.analyze(ddf)


def test_stream_to_scheduler_in_order_with_skip(client):
    records = [{"text": t, "id": f"n{i}"} for i, t in enumerate(TEXTS)]
    records.insert(4, {"id": "bad", "text": 7})
    chunks = list(adask.stream(iter(records), scheduler=client.scheduler.address, batch_size=2))
    local = list(batch.stream(records, batch_size=2))
    assert [d for c in chunks for d in c.doc_ids] == [f"n{i}" for i in range(len(TEXTS))]
    pd.testing.assert_frame_equal(pd.concat([c.frame for c in chunks], ignore_index=True),
                                  pd.concat([c.frame for c in local], ignore_index=True))
    assert [str(e) for c in chunks for e in c.errors] == [str(e) for c in local for e in c.errors]
    assert [str(e) for c in chunks for e in c.errors] == ["record 4: field 'text' must be a string, got int"]
    # resume: skipped documents are counted and not analysed
    skip = {"n0", "n1", "n7"}
    chunks = list(adask.stream(records, scheduler=client.scheduler.address, batch_size=3, skip=skip,
                               fields=Fields(), published="2024-05-01"))
    assert sum(c.skipped for c in chunks) == 3
    frame = pd.concat([c.frame for c in chunks], ignore_index=True)
    assert not set(frame["doc_id"]) & skip
    assert [d for c in chunks for d in c.doc_ids] == [f"n{i}" for i in range(len(TEXTS)) if f"n{i}" not in skip]
    assert set(frame["published"]) == {"2024-05-01"}


def test_stream_local_cluster_end_to_end():
    chunks = list(adask.stream(TEXTS[:6], scheduler="local", n_workers=2, batch_size=2))
    got = pd.concat([c.frame for c in chunks], ignore_index=True)
    expected, _ = local_frame(TEXTS[:6])
    pd.testing.assert_frame_equal(got, expected)
    # each chunk says what it analysed (the claim store keeps it): one DocumentInfo per document, in order
    local = [d for c in batch.stream(TEXTS[:6], batch_size=2) for d in c.documents]
    assert [d for c in chunks for d in c.documents] == local and len(local) == 6


def test_stream_bad_scheduler_is_a_clear_error():
    t0 = time.perf_counter()
    with pytest.raises(GeoclaimsError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:1: "):
        next(adask.stream(TEXTS, scheduler="tcp://127.0.0.1:1", timeout=2))
    with pytest.raises(GeoclaimsError, match="cannot reach the Dask scheduler at nonsense: "):
        next(adask.stream(TEXTS, scheduler="nonsense"))
    assert time.perf_counter() - t0 < 5


def test_import_without_dask_is_a_clear_error():
    code = ("import sys; import analyzer; assert 'dask' not in sys.modules, 'import analyzer imported dask'\n"
            "sys.modules['dask'] = None\n"
            "try:\n    import analyzer.dask\n"
            "except analyzer.GeoclaimsError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "the Dask backend needs the 'dask' extra: pip install 'geoclaims[dask]'" in out.stdout
