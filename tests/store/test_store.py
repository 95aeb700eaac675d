"""The claim store on both backends (a DuckDB file and a real PostgreSQL server, `store_url`): the same rows after
a round trip, idempotent re-runs, a new pipeline version beside the old, a schema upgrade from an older store,
verdicts, claim clusters and the query filters (issue 20)."""
from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import analyzer.store
from analyzer.batch import stream
from analyzer.claims.table import COLUMNS
from analyzer.errors import InputError
from analyzer.store import StoreError, schema
from analyzer.store.backends import connect

VERSION = "geoclaims test+000000000001"
RECORDS = [
    {"id": "tass-1", "url": "https://tass.com/economy/1", "published": "2024-02-01",
     "text": "Trade turnover between Russia and Azerbaijan reached $4 billion in 2023, Deputy Prime Minister Alexei "
             "Overchuk said on Thursday."},
    {"id": "reuters-1", "url": "https://www.reuters.com/markets/2", "published": "2024-03-05",
     "text": "Trade between Russia and Azerbaijan was $3.1 billion in 2023, according to Azerbaijan's customs "
             "committee."},
    {"id": "apa-1", "url": "https://apa.az/en/3", "published": "2024-04-10",
     "text": "Trade turnover between Azerbaijan and Russia amounted to $4 billion in 2023, the ministry said. "
             "Nearly 1,300 Russian companies operate in Azerbaijan."},
    {"id": "blog-1", "published": "2024-05-01",
     "text": "The weather was pleasant and nobody said anything about figures."},
]


def analysed(records=RECORDS):
    """The chunks of a real analysis (documents and claims), two documents a chunk."""
    return list(stream(records, batch_size=2))


@pytest.fixture(scope="module")
def chunks():
    return analysed()


def fill(store, chunks, version=VERSION):
    with store.writer(version, "test") as w:
        for c in chunks:
            w.write(c.documents, c.frame)
    return w.written


def all_claims(chunks) -> pd.DataFrame:
    return pd.concat([c.frame for c in chunks], ignore_index=True)


def test_round_trip_gives_the_same_rows(store_url, chunks):
    with analyzer.store.open(store_url) as store:
        written = fill(store, chunks)
        back = store.claims()
        docs = store.documents()
    expected = all_claims(chunks)
    assert written.documents == 4 and written.claims == len(expected) > 0
    assert_frame_equal(back[list(COLUMNS)], expected, check_exact=True)
    assert list(back.columns[:len(COLUMNS)]) == list(COLUMNS)
    assert set(docs["doc_id"]) == {"tass-1", "reuters-1", "apa-1", "blog-1"}  # a document without claims too
    blog = docs.set_index("doc_id").loc["blog-1"]
    assert blog["claims"] == 0 and blog["source"] == ""
    assert docs.set_index("doc_id").loc["reuters-1", "source"] == "reuters.com"


def test_the_entities_of_each_document(store_url, chunks):
    with analyzer.store.open(store_url) as store:
        fill(store, chunks)
        entities = store.entities()
        azerbaijan = store.entities(name="AZERBAIJAN")
        fill(store, chunks)  # again: nothing added
        assert len(store.entities()) == len(entities)
    expected = [(d.doc_id, *e) for c in chunks for d in c.documents for e in d.entities]
    assert sorted(zip(entities["doc_id"], entities["name"], entities["label"], entities["entity_id"],
                      entities["mentions"].astype(int), strict=True)) == sorted(expected)
    assert set(azerbaijan["doc_id"]) == {"tass-1", "reuters-1", "apa-1"}
    assert set(azerbaijan["source"]) == {"tass.com", "reuters.com", "apa.az"}
    apa = azerbaijan.set_index("doc_id").loc["apa-1"]
    assert apa["name"] == "Azerbaijan" and apa["mentions"] == 2  # named twice in the article


def test_same_documents_same_pipeline_add_nothing(store_url, chunks):
    with analyzer.store.open(store_url) as store:
        fill(store, chunks)
        again = fill(store, chunks)
        info = store.info()
        runs = store.runs()
    assert (again.documents, again.claims) == (0, 0)
    assert info["documents"] == 4 and info["claims"] == len(all_claims(chunks))
    assert list(runs["status"]) == ["complete", "complete"]
    assert list(runs["documents"]) == [4, 0]


def test_a_new_pipeline_version_keeps_the_old_rows(store_url, chunks):
    with analyzer.store.open(store_url) as store:
        fill(store, chunks, "geoclaims test+old")
        fill(store, chunks, "geoclaims test+new")
        n = len(all_claims(chunks))
        assert len(store.claims(versions="all")) == 2 * n
        assert len(store.claims()) == n  # each document's latest analysis
        assert set(store.claims()["pipeline_version"]) == {"geoclaims test+new"}
        assert len(store.claims(pipeline_version="geoclaims test+old")) == n
        assert list(store.pipeline_versions()["pipeline_version"]) == ["geoclaims test+old", "geoclaims test+new"]


def test_a_changed_text_is_a_new_document_version(store_url, chunks):
    changed = [dict(RECORDS[1], text=RECORDS[1]["text"].replace("$3.1 billion", "$3.2 billion"))]
    with analyzer.store.open(store_url) as store:
        fill(store, chunks)
        added = fill(store, analysed(changed))
        latest = store.claims(doc_id="reuters-1", kind="quantity")
        every = store.claims(doc_id="reuters-1", kind="quantity", versions="all")
    assert added.documents == 1
    assert "$3.2 billion" in set(latest["text"]) and "$3.1 billion" not in set(latest["text"])
    assert {"$3.1 billion", "$3.2 billion"} <= set(every["text"])


def test_filters(store_url, chunks):
    with analyzer.store.open(store_url) as store:
        fill(store, chunks)
        trade = store.claims(entity="azerbaijan", metric="trade")
        assert set(trade["doc_id"]) == {"tass-1", "reuters-1", "apa-1"}
        assert set(store.claims(metric="trade turnover")["doc_id"]) == {"tass-1", "reuters-1", "apa-1"}
        assert len(store.claims(entity="Nowhere Land")) == 0
        assert set(store.claims(source="reuters")["doc_id"]) == {"reuters-1"}
        assert set(store.claims(period="2023", metric="trade")["doc_id"]) == {"tass-1", "reuters-1", "apa-1"}
        assert len(store.claims(period="2019")) == 0
        assert len(store.claims(period="2023-06..2024-01", metric="trade")) == 3
        said = store.claims(speaker="overchuk")
        assert set(said["doc_id"]) == {"tass-1"}
        assert set(store.claims(min_repeats=2)["doc_id"]) == {"tass-1", "reuters-1", "apa-1"}
        # a claim without a cluster (a change) has NULL there on both backends (pandas 3 gave psycopg the float
        # NaN, which PostgreSQL stored as the text 'NaN': one giant cluster)
        fill(store, analysed([{"id": "change", "text": "Exports from Russia to Azerbaijan rose 12% in 2023."}]))
        (nulls,), = store.db.execute("SELECT count(*) FROM geoclaims.claims WHERE cluster IS NULL")
        assert nulls == int(store.claims()["cluster"].isna().sum()) >= 1
        assert store.db.execute("SELECT count(*) FROM geoclaims.claims WHERE cluster = 'NaN'")[0][0] == 0
        assert "change" not in set(store.claims(min_repeats=0)["doc_id"])
        assert len(store.claims(min_repeats=3)) == 0
        assert len(store.claims(verdict="none")) == len(store.claims())
        assert len(store.claims(source="100%_off")) == 0  # LIKE's wildcards are taken literally
        with pytest.raises(InputError, match="period"):
            store.claims(period="last spring")
        with pytest.raises(InputError, match="verdict"):
            store.claims(verdict="true")


def test_clusters_first_appearance_repeats_and_disagreement(store_url, chunks):
    with analyzer.store.open(store_url) as store:
        fill(store, chunks)
        clusters = store.clusters(min_claims=2)
    assert len(clusters) == 1
    c = clusters.iloc[0]
    assert c["metric"] == "trade" and c["measure"] == "currency" and c["period"] == "2023-01-01/2023-12-31"
    assert (c["claims"], c["documents"]) == (3, 3)
    assert c["status"] == "disagree"  # $4 billion twice against $3.1 billion
    assert c["first_doc_id"] == "tass-1" and c["first_published"] == "2024-02-01" and c["first_source"] == "tass.com"
    assert c["last_published"] == "2024-04-10"
    assert sorted(c["sources"]) == ["apa.az", "reuters.com", "tass.com"]
    assert (c["low"], c["high"]) == (3.1e9, 4e9)


def test_history_of_a_cluster(store_url, chunks):
    with analyzer.store.open(store_url) as store:
        fill(store, chunks)
        key = store.clusters(min_claims=2)["cluster"].iloc[0]
        history = store.history(key)
    assert list(history["doc_id"]) == ["tass-1", "reuters-1", "apa-1"]
    assert list(history["date"]) == ["2024-02-01", "2024-03-05", "2024-04-10"]


HOSTILE = "'); DROP TABLE geoclaims.claims; -- <script>alert(1)</script> \u2028 \u00a0\u202f\u200b \u202e ü 🌍 %_\\ \"q\""


def test_hostile_text_round_trips_exactly(store_url):
    records = [{"id": HOSTILE, "title": HOSTILE, "url": "https://example.org/?q=" + HOSTILE,
                "text": f"Russia exported 5 million tons of oil in 2023, {HOSTILE} the\u00a0ministry said. {HOSTILE}"}]
    chunks = analysed(records)
    with analyzer.store.open(store_url) as store:
        fill(store, chunks)
        back = store.claims()
        assert len(store.claims(entity=HOSTILE)) == 0 and len(store.claims(source=HOSTILE)) == 0
        assert store.verify() == []
    assert_frame_equal(back[list(COLUMNS)], all_claims(chunks), check_exact=True)
    assert back["doc_id"].iloc[0] == HOSTILE


def test_many_figures_in_one_document(store_url):
    text = "Exports were " + ", ".join(f"${k} million" for k in range(1, 1501)) + " in 2023."
    chunks = analysed([{"id": "many", "text": text}])
    with analyzer.store.open(store_url) as store:
        written = fill(store, chunks)
        assert written.claims == len(all_claims(chunks)) >= 1000
        assert len(store.claims(doc_id="many")) == written.claims


def test_documents_given_twice_are_refused(store_url, chunks):
    with analyzer.store.open(store_url) as store:
        run = store.begin_run(VERSION)
        with pytest.raises(InputError, match="given twice"):
            store.write(run, VERSION, chunks[0].documents * 2, chunks[0].frame)


def test_resume_takes_an_interrupted_run_not_a_running_one(store_url):
    with analyzer.store.open(store_url) as store:
        running = store.begin_run(VERSION)  # this process is alive: the run stays running
        assert store.begin_run(VERSION, resume=True) != running
        store.end_run(running, "interrupted")
        assert store.begin_run(VERSION, resume=True) == running
        assert store.runs().set_index("run_id").loc[running, "status"] == "running"


def test_verdicts_are_recorded_once_with_their_reference_and_date(store_url, chunks, tmp_path):
    reference = tmp_path / "reference.csv"
    reference.write_text("entities,metric,value,unit,period,source,source_url\n"
                         "Russia; Azerbaijan,bilateral trade,4.0,billion USD,2023,Statistics office,"
                         "https://example.org/s\n", encoding="utf8")
    with analyzer.store.open(store_url) as store:
        fill(store, chunks)
        first = store.check(reference)
        again = store.check(reference)
        recorded = store.verdicts()
        contradicted = store.claims(contradicted=True)
        consistent = store.claims(verdict="consistent")
        clusters = store.clusters(min_claims=2)
    assert first.attrs["recorded"] == len(first) > 0 and again.attrs["recorded"] == 0
    assert len(recorded) == len(first)
    assert set(recorded["reference_name"]) == {"reference.csv"} and recorded["checked_at"].str.endswith("Z").all()
    assert set(contradicted["doc_id"]) == {"reuters-1"} and set(contradicted["text"]) == {"$3.1 billion"}
    assert {"tass-1", "apa-1"} <= set(consistent["doc_id"])
    assert clusters.iloc[0][["consistent", "inconsistent"]].tolist() == [2, 1]
    # the reference file changed: a new verdict, the old one kept (history)
    reference.write_text(reference.read_text(encoding="utf8").replace("4.0,", "3.1,"), encoding="utf8")
    with analyzer.store.open(store_url) as store:
        later = store.check(reference)
        assert later.attrs["recorded"] == len(later)
        assert len(store.verdicts()) == 2 * len(first)
        assert set(store.claims(contradicted=True)["doc_id"]) == {"tass-1", "apa-1"}  # the latest verdict counts


def test_an_older_store_is_upgraded_and_keeps_its_rows(store_url, chunks):
    db = connect(store_url)
    try:
        assert schema.migrate(db, target=1) == [1]
        assert schema.version(db) == 1
    finally:
        db.close()
    # a store of schema 1 written with schema 1's tables (no verdicts table yet)
    old = analyzer.store.Store(connect(store_url), migrate=False)
    try:
        fill(old, chunks)
        assert old.schema_version == 1
    finally:
        old.close()
    with analyzer.store.open(store_url) as store:
        assert store.schema_version == analyzer.store.SCHEMA_VERSION == 3
        assert_frame_equal(store.claims()[list(COLUMNS)], all_claims(chunks))
        assert store.verdicts().empty
        assert store.entities().empty  # stored before version 3: no document entities
        assert store.verify() == []


def test_a_store_from_a_newer_geoclaims_is_refused(store_url):
    with analyzer.store.open(store_url) as store:
        store.db.execute("INSERT INTO geoclaims.schema_migrations VALUES (99, 'future', 'x', 'now', '9.9')")
    with pytest.raises(StoreError, match="newer geoclaims"):
        analyzer.store.open(store_url)


def test_a_changed_migration_is_refused(store_url):
    with analyzer.store.open(store_url) as store:
        store.db.execute("UPDATE geoclaims.schema_migrations SET sha256 = 'edited' WHERE version = 1")
    with pytest.raises(StoreError, match="differs"):
        analyzer.store.open(store_url)


def test_verify_finds_missing_claim_rows(store_url, chunks):
    with analyzer.store.open(store_url) as store:
        fill(store, chunks)
        assert store.verify() == []
        store.db.execute("DELETE FROM geoclaims.claims WHERE doc_id = 'tass-1'")
        problems = store.verify()
    assert len(problems) == 1 and "tass-1" in problems[0] and "0 claim rows" in problems[0]


def test_write_refuses_rows_of_documents_not_given(store_url, chunks):
    with analyzer.store.open(store_url) as store:
        run = store.begin_run(VERSION)
        with pytest.raises(InputError, match="not given"):
            store.write(run, VERSION, chunks[0].documents[:1], all_claims(chunks))
        assert store.info()["documents"] == 0  # nothing half-written


def test_nul_characters(store_url):
    """PostgreSQL text cannot hold U+0000: such a document is not stored there, and says why; DuckDB keeps it."""
    records = [{"id": "nul", "text": "Russia exported 5\x00 million tons of oil in 2023."},
               {"id": "fine", "text": "Russia exported 7 million tons of oil in 2023."}]
    with analyzer.store.open(store_url) as store:
        written = fill(store, analysed(records))
        stored = set(store.documents()["doc_id"])
        backend = store.db.name
    if backend == "postgresql":
        assert stored == {"fine"} and [d for d, _ in written.rejected] == ["nul"]
        assert "U+0000" in written.rejected[0][1]
    else:
        assert stored == {"nul", "fine"} and written.rejected == []


def test_bad_targets_are_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        analyzer.store.open(tmp_path)
    not_duckdb = tmp_path / "notes.duckdb"
    not_duckdb.write_text("hello, this is not a database\n" * 100, encoding="utf8")
    with pytest.raises(StoreError, match="cannot open as a DuckDB database"):
        analyzer.store.open(not_duckdb)
    with pytest.raises(StoreError, match="unknown kind of store 'mysql'"):
        analyzer.store.open("mysql://me:secret@localhost/db")
    with pytest.raises(StoreError, match="does not exist"):
        analyzer.store.open(tmp_path / "missing" / "claims.duckdb")


def test_unreachable_postgres_names_the_url_without_its_password():
    with pytest.raises(StoreError) as e:
        analyzer.store.open("postgresql://someone:hunter2@127.0.0.1:1/nothing?connect_timeout=2")
    assert "cannot connect" in str(e.value) and "hunter2" not in str(e.value) and "***" in str(e.value)
