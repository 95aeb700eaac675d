"""The claim store (issue 20) on a corpus: rows/s written to DuckDB and to PostgreSQL against writing Parquet,
the write time as a share of the analysis time (target <= 10%), an idempotent re-write, query latency of each
filter of `Store.claims` and of `Store.clusters`, and store size per 1,000 claims.

    python bench/store.py [--shared ../shared] [--bodies N] [--repeats 3] [--query-runs 5] [--postgres URL]
                          [--no-write]

The FNC-1 test bodies are analysed once with the full pipeline (`analyzer.batch.stream`, batches of 32, one
process, timed) and the chunks kept in memory; the same chunks are then written, ``--repeats`` times each into
a fresh store: (a) a DuckDB file (`analyzer.store.open`, ``store.writer(...).write(chunk.documents,
chunk.frame)`` per chunk, as ``geoclaims analyze --store`` does), (b) a PostgreSQL database, (c) Parquet through
`analyzer.io.writers.StreamWriter` (how ``geoclaims analyze --out x.parquet`` writes: an Arrow journal per chunk,
merged into the Parquet file at close) and (c') a bare ``pyarrow.parquet.ParquetWriter`` over the same frames.
The repeats interleave the backends so that a change in the machine's load hits all alike.

PostgreSQL: ``--postgres URL`` (the bench creates and drops a database per repeat on that server, so the role
needs CREATEDB), else a throwaway server started with `tests/store/pgserver.py` (PostgreSQL's initdb/pg_ctl
must be installed); when neither works, PostgreSQL is skipped and the section says why.

Data (read from ../shared, never copied into the repo): fnc1_test/competition_test_bodies.csv (``Body ID``,
``articleBody``). The bodies carry no URL; each is given a made-up one on one of 20 hosts (``news<k>.example``,
k = body id mod 20) so that the ``source`` filter selects something. Temporary stores are written under
bench/out/store/ (git-ignored) and removed.
"""
from __future__ import annotations

import argparse
import collections
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "store"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import write_section  # noqa: E402
from corpus import read_bodies  # noqa: E402

BATCH = 32
WARMUP = 10
HOSTS = 20
TARGET = 0.10
REFERENCE = ROOT / "data" / "examples" / "reference.csv"
BUILT_CLUSTERS = 12  # clusters of two or more claims a built reference row is made from
KiB = 1024
SLOW_QUERY_S = 3.0  # a query whose first call takes longer is timed twice, not --query-runs times


# ---- analysis ---------------------------------------------------------------------------------------------
def analyse(bodies: list[tuple[str, str]]) -> dict:
    """The full pipeline over the bodies in batches: the chunks, the analysis time (pipeline loaded and warmed up
    first, not timed)."""
    import analyzer
    from analyzer.batch import stream

    t0 = time.perf_counter()
    nlp = analyzer.load()
    load = time.perf_counter() - t0
    for _ in stream([t for _, t in bodies[:WARMUP]], nlp=nlp, batch_size=BATCH):
        pass
    records = [{"id": body_id, "text": text, "url": f"https://news{int(body_id) % HOSTS}.example/{body_id}"}
               for body_id, text in bodies]
    t0 = time.perf_counter()
    chunks = list(stream(records, nlp=nlp, batch_size=BATCH))
    seconds = time.perf_counter() - t0
    errors = sum(len(c.errors) for c in chunks)
    claims = sum(len(c.frame) for c in chunks)
    documents = sum(len(c.documents) for c in chunks)
    return {"chunks": chunks, "seconds": seconds, "load": load, "claims": claims, "documents": documents,
            "errors": errors}


# ---- writers ----------------------------------------------------------------------------------------------
def write_store(target: str, chunks: list, version: str) -> dict:
    """Open a store at ``target`` (created and migrated), write every chunk in one run, close it: the seconds of
    each step and what the run added."""
    import analyzer.store

    t0 = time.perf_counter()
    store = analyzer.store.open(target)
    t1 = time.perf_counter()
    with store.writer(version, "bench/store.py") as w:
        for c in chunks:
            w.write(c.documents, c.frame)
    t2 = time.perf_counter()
    store.close()
    t3 = time.perf_counter()
    return {"open": t1 - t0, "write": t2 - t1, "close": t3 - t2, "total": t3 - t0,
            "documents": w.written.documents, "claims": w.written.claims}


def rewrite_store(target: str, chunks: list, version: str) -> dict:
    """The same chunks again into the filled store: seconds, what it added (nothing, when idempotent) and the
    store's counts before and after."""
    import analyzer.store

    with analyzer.store.open(target) as store:
        before = store.info()
        t0 = time.perf_counter()
        with store.writer(version, "bench/store.py (again)") as w:
            for c in chunks:
                w.write(c.documents, c.frame)
        seconds = time.perf_counter() - t0
        after = store.info()
        problems = store.verify()
    return {"write": seconds, "documents": w.written.documents, "claims": w.written.claims,
            "same": (before["documents"], before["claims"]) == (after["documents"], after["claims"]),
            "counts": (after["documents"], after["claims"]), "problems": problems}


def write_parquet_stream(path: Path, chunks: list) -> dict:
    from analyzer.io.writers import StreamWriter

    t0 = time.perf_counter()
    w = StreamWriter(path, "parquet")
    rows = 0
    for c in chunks:
        rows += w.write(c.frame)
    t1 = time.perf_counter()
    w.close()
    t2 = time.perf_counter()
    return {"open": 0.0, "write": t1 - t0, "close": t2 - t1, "total": t2 - t0, "claims": rows}


def write_parquet_bare(path: Path, chunks: list) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analyzer.io.writers import arrow_schema

    schema = arrow_schema()
    t0 = time.perf_counter()
    out = pq.ParquetWriter(path, schema)
    rows = 0
    for c in chunks:
        if len(c.frame):
            out.write_table(pa.Table.from_pandas(c.frame, schema=schema, preserve_index=False))
            rows += len(c.frame)
    t1 = time.perf_counter()
    out.close()
    t2 = time.perf_counter()
    return {"open": 0.0, "write": t1 - t0, "close": t2 - t1, "total": t2 - t0, "claims": rows}


# ---- PostgreSQL ---------------------------------------------------------------------------------------------
class Postgres:
    """Fresh databases on a server: ``--postgres URL``'s or a throwaway one (tests/store/pgserver.py)."""

    def __init__(self, url: str | None) -> None:
        self.server: Any = None
        self.url: str | None = None
        self.skipped = ""
        self.how = ""
        self.version_text = ""
        try:
            import psycopg  # noqa: F401
        except ImportError:
            self.skipped = "psycopg is not installed (pip install 'geoclaims[postgres]')"
            return
        try:
            from tests.store import pgserver
        except ImportError as e:
            self.pgserver = None
            if not url:
                self.skipped = (f"no `--postgres URL` and tests/store/pgserver.py cannot be imported ({e}) to start "
                                "a throwaway server")
                return
        else:
            self.pgserver = pgserver
        if url:
            self.url, self.how = url, "the server of `--postgres` (a database created and dropped per store)"
            return
        try:
            t0 = time.perf_counter()
            self.server = pgserver.start()
            self.url = self.server.url
            self.how = (f"a throwaway server started by tests/store/pgserver.py in {time.perf_counter() - t0:.1f} s "
                        "(initdb --no-sync, `fsync=off`, TCP on 127.0.0.1)")
        except pgserver.PostgresUnavailable as e:
            self.skipped = f"no `--postgres URL`, and a throwaway server could not start: {e}"

    @property
    def available(self) -> bool:
        return self.url is not None

    def version(self) -> str:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as con:
            row = con.execute("SHOW server_version").fetchone()
            fsync = con.execute("SHOW fsync").fetchone()
        return f"PostgreSQL {row[0] if row else '?'} (fsync {fsync[0] if fsync else '?'})"

    def new_database(self) -> str:
        if self.pgserver is not None:
            return self.pgserver.new_database(self.url, prefix="geoclaims_bench")
        raise RuntimeError("tests/store/pgserver.py is needed to create databases")

    def drop_database(self, url: str) -> None:
        if self.pgserver is not None:
            self.pgserver.drop_database(url)

    def size(self, url: str) -> tuple[int, dict[str, int]]:
        import psycopg

        with psycopg.connect(url, autocommit=True) as con:
            con.execute("VACUUM ANALYZE")
            rows = con.execute("SELECT tablename, pg_total_relation_size(format('%I.%I', schemaname, tablename)) "
                               "FROM pg_tables WHERE schemaname = 'geoclaims'").fetchall()
        tables = {str(t): int(n) for t, n in rows}
        return sum(tables.values()), tables

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


def duckdb_size(path: Path) -> int:
    """The DuckDB file's size after CHECKPOINT (the store closed first), with its WAL if one is left."""
    import duckdb

    con = duckdb.connect(str(path))
    con.execute("CHECKPOINT")
    con.close()
    wal = path.with_name(path.name + ".wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


# ---- verdicts and queries -----------------------------------------------------------------------------------
def built_reference(target: str) -> Any:
    """A small reference table made from the store's own clusters of two or more claims (the example reference
    is about Russia and Azerbaijan, not FNC-1's news): for the first BUILT_CLUSTERS clusters with a currency or
    count measure, the median figure (even rows: should come out consistent) or 1.5 times it (odd rows: claims
    contradicted)."""
    import pandas as pd

    import analyzer.store

    with analyzer.store.open(target) as store:
        clusters = store.clusters(min_claims=2)
        rows = []
        for cl in clusters.itertuples(index=False):
            if len(rows) == BUILT_CLUSTERS:
                break
            members = store.claims(cluster=cl.cluster)
            value = float(members["value"].median())
            if not value or not cl.subjects:
                continue
            factor = 1.0 if len(rows) % 2 == 0 else 1.5
            start, _, end = cl.period.partition("/")
            period = start[:4] if cl.period != "no period" and start[:4] == end[:4] and start.endswith("01-01") \
                and end.endswith("12-31") else ""
            if cl.period != "no period" and not period:
                continue
            rows.append({"entities": cl.subjects, "metric": cl.metric, "value": f"{value * factor:.10g}",
                         "unit": cl.unit, "period": period, "source": "bench/store.py: built from the store's figures",
                         "source_url": "", "retrieved": "", "note": f"{'x1.5 ' if factor != 1 else ''}{cl.cluster}"})
    return pd.DataFrame(rows, dtype=str)


def record_verdicts(target: str, reference: Any) -> dict:
    import analyzer.store

    out = {}
    with analyzer.store.open(target) as store:
        for name, ref in (("example", REFERENCE), ("built", reference)):
            ref_name = "reference.csv" if name == "example" else "bench-built-reference"
            t0 = time.perf_counter()
            verdicts = store.check(ref, reference_name=ref_name)
            seconds = time.perf_counter() - t0
            counts = verdicts["verdict"].value_counts().to_dict()
            out[name] = {"seconds": seconds, "recorded": int(verdicts.attrs.get("recorded", 0)),
                         "counts": {k: int(counts.get(k, 0)) for k in ("consistent", "inconsistent", "unverifiable")}}
    return out


def query_values(target: str) -> dict[str, Any]:
    """Filter values found in the data: the most frequent entity, metric, period year and speaker of the stored
    claims, and one source host."""
    import analyzer.store

    with analyzer.store.open(target) as store:
        db = store.db
        entity = db.execute("SELECT name, count(*) AS n FROM geoclaims.claim_entities GROUP BY name "
                            "ORDER BY n DESC, name LIMIT 1")[0][0]
        metric = db.execute("SELECT metric, count(*) AS n FROM geoclaims.claims WHERE metric <> '' GROUP BY metric "
                            "ORDER BY n DESC, metric LIMIT 1")[0][0]
        year = db.execute("SELECT substr(period_start, 1, 4) AS y, count(*) AS n FROM geoclaims.claims WHERE "
                          "period_start <> '' GROUP BY y ORDER BY n DESC, y LIMIT 1")[0][0]
        speaker = db.execute("SELECT speaker, count(*) AS n FROM geoclaims.claims WHERE speaker NOT IN ('', 'author') "
                             "GROUP BY speaker ORDER BY n DESC, speaker LIMIT 1")[0][0]
    return {"entity": str(entity), "metric": str(metric), "period": str(year), "speaker": str(speaker),
            "source": "news7.example"}


def queries(values: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(label, method, keyword arguments) of each timed read."""
    return [
        ("all claims (no filter)", "claims", {}),
        (f"entity={values['entity']!r}", "claims", {"entity": values["entity"]}),
        (f"metric={values['metric']!r}", "claims", {"metric": values["metric"]}),
        (f"period={values['period']!r}", "claims", {"period": values["period"]}),
        (f"speaker={values['speaker']!r}", "claims", {"speaker": values["speaker"]}),
        (f"source={values['source']!r}", "claims", {"source": values["source"]}),
        ("verdict='consistent'", "claims", {"verdict": "consistent"}),
        ("verdict='none' (unchecked)", "claims", {"verdict": "none"}),
        ("min_repeats=1 (claimed more than once)", "claims", {"min_repeats": 1}),
        ("min_repeats=3 (more than 3 times)", "claims", {"min_repeats": 3}),
        ("contradicted=True", "claims", {"contradicted": True}),
        ("entity + min_repeats=1", "claims", {"entity": values["entity"], "min_repeats": 1}),
        ("clusters()", "clusters", {}),
        ("clusters(min_claims=2)", "clusters", {"min_claims": 2}),
    ]


def time_queries(target: str, values: dict[str, Any], runs: int) -> dict[str, dict]:
    """Median and best ms of ``runs`` calls of each query on one open store (a first, untimed call warms it),
    and the rows each returns."""
    import analyzer.store

    out = {}
    with analyzer.store.open(target) as store:
        for label, method, kwargs in queries(values):
            call = getattr(store, method)
            t0 = time.perf_counter()
            try:
                rows = len(call(**kwargs))
            except Exception as e:  # noqa: BLE001 - reported in the table, the other queries still run
                out[label] = {"error": f"{type(e).__name__}: {e}"}
                print(f"    {label}: fails, {out[label]['error']}", flush=True)
                continue
            first = time.perf_counter() - t0
            times = []
            n = runs if first < SLOW_QUERY_S else min(runs, 2)  # a query of many seconds: 2 timed calls
            for _ in range(n):
                t0 = time.perf_counter()
                call(**kwargs)
                times.append(1000 * (time.perf_counter() - t0))
            out[label] = {"median": statistics.median(times), "best": min(times), "rows": rows, "runs": n}
            print(f"    {label}: {out[label]['median']:.1f} ms, {rows:,} rows", flush=True)
    return out


# ---- main ---------------------------------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--bodies", type=int, default=0, help="only the first N bodies (default: all 904)")
    ap.add_argument("--repeats", type=int, default=3, help="fresh stores written per backend")
    ap.add_argument("--query-runs", type=int, default=5, help="timed calls of each query")
    ap.add_argument("--postgres", metavar="URL", help="a PostgreSQL server (the role creates databases); default: "
                                                      "a throwaway server (tests/store/pgserver.py)")
    ap.add_argument("--no-write", action="store_true", help="print the section, do not write RESULTS.md")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "datasets" / "fnc1_test" / "competition_test_bodies.csv").exists():
        sys.exit(f"need {shared}/datasets/fnc1_test/competition_test_bodies.csv")
    t_start = time.perf_counter()
    load_start = os.getloadavg()
    bodies = read_bodies(shared, args.bodies or None)
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)

    print(f"1. analysing {len(bodies)} FNC-1 bodies (full pipeline, batches of {BATCH})", flush=True)
    an = analyse(bodies)
    chunks = an["chunks"]
    print(f"  {an['seconds']:.1f} s, {an['claims']:,} claims, {an['documents']} documents, {an['errors']} errors",
          flush=True)
    import analyzer.store

    t0 = time.perf_counter()
    version = analyzer.store.pipeline_version()
    version_s = time.perf_counter() - t0

    pg = Postgres(args.postgres)
    if pg.available:
        pg.version_text = pg.version()
        print(f"  PostgreSQL: {pg.how}; {pg.version_text}", flush=True)
    else:
        print(f"  PostgreSQL skipped: {pg.skipped}", flush=True)
    try:
        results = run_writes(args, chunks, version, pg, an)
    finally:
        pg.stop()
    total = time.perf_counter() - t_start
    load_end = os.getloadavg()
    body = report(args, bodies, an, version, version_s, pg, results, total, (load_start, load_end))
    print(body)
    command = "python bench/store.py" + (f" --bodies {args.bodies}" if args.bodies else "") + \
        (f" --repeats {args.repeats}" if args.repeats != 3 else "") + \
        (f" --query-runs {args.query_runs}" if args.query_runs != 5 else "") + \
        (" --postgres URL" if args.postgres else "")
    if not args.no_write:
        write_section("store", command, body)
    shutil.rmtree(OUT, ignore_errors=True)


def run_writes(args, chunks: list, version: str, pg: Postgres, an: dict) -> dict:
    print(f"2. writing the same chunks, {args.repeats} fresh stores each (interleaved)", flush=True)
    times: dict[str, list[dict]] = collections.defaultdict(list)
    duck = pg_url = None
    for r in range(args.repeats):
        last = r == args.repeats - 1
        duck = OUT / f"claims-{r}.duckdb"
        times["duckdb"].append(write_store(str(duck), chunks, version))
        if pg.available:
            if pg_url is not None:
                pg.drop_database(pg_url)
            pg_url = pg.new_database()
            times["postgresql"].append(write_store(pg_url, chunks, version))
        times["parquet"].append(write_parquet_stream(OUT / f"claims-{r}.parquet", chunks))
        times["parquet_bare"].append(write_parquet_bare(OUT / f"bare-{r}.parquet", chunks))
        print(f"  repeat {r + 1}: " + ", ".join(f"{k} {v[-1]['total']:.2f} s" for k, v in times.items()), flush=True)
        if not last:
            duck.unlink()
            duck.with_name(duck.name + ".wal").unlink(missing_ok=True)
            (OUT / f"claims-{r}.parquet").unlink()
            (OUT / f"bare-{r}.parquet").unlink()
    last = args.repeats - 1
    sizes = {"duckdb": duckdb_size(duck), "parquet": (OUT / f"claims-{last}.parquet").stat().st_size,
             "parquet_bare": (OUT / f"bare-{last}.parquet").stat().st_size}
    pg_tables: dict[str, int] = {}
    if pg.available:
        sizes["postgresql"], pg_tables = pg.size(pg_url)

    print("  idempotent re-write into the filled stores", flush=True)
    rewrite = {"duckdb": rewrite_store(str(duck), chunks, version)}
    if pg.available:
        rewrite["postgresql"] = rewrite_store(pg_url, chunks, version)
    for k, v in rewrite.items():
        print(f"    {k}: {v['write']:.2f} s, added {v['documents']} documents, {v['claims']} claims", flush=True)

    print("3. verdicts and queries", flush=True)
    reference = built_reference(str(duck))
    targets = {"duckdb": str(duck)}
    if pg.available:
        targets["postgresql"] = pg_url
    verdicts = {k: record_verdicts(t, reference) for k, t in targets.items()}
    values = query_values(str(duck))
    latency = {}
    for k, t in targets.items():
        print(f"  {k}", flush=True)
        latency[k] = time_queries(t, values, args.query_runs)
    with analyzer_store_open(str(duck)) as store:
        info = store.info()
        entity_rows = int(store.db.execute("SELECT count(*) FROM geoclaims.claim_entities")[0][0])
    nan_clusters = {}
    for k, t in targets.items():  # a claim without a cluster must be NULL, not the text 'NaN'
        with analyzer_store_open(t) as store:
            nan_clusters[k] = int(store.db.execute("SELECT count(*) FROM geoclaims.claims WHERE cluster = 'NaN'")[0][0])
    if pg.available:
        pg.drop_database(pg_url)
    return {"nan_clusters": nan_clusters, "times": dict(times), "sizes": sizes, "pg_tables": pg_tables, "rewrite": rewrite, "verdicts": verdicts,
            "values": values, "latency": latency, "reference": reference, "info": info, "entity_rows": entity_rows}


def analyzer_store_open(target: str):
    import analyzer.store

    return analyzer.store.open(target)


# ---- the section --------------------------------------------------------------------------------------------
def report(args, bodies, an, version, version_s, pg: Postgres, res: dict, total: float, loads) -> str:
    n_claims = an["claims"]
    times = res["times"]
    names = {"duckdb": "(a) DuckDB store", "postgresql": "(b) PostgreSQL store",
             "parquet": "(c) Parquet, `StreamWriter` (as `--out x.parquet`)",
             "parquet_bare": "(c') Parquet, bare `pq.ParquetWriter`"}

    def share(s: float) -> str:
        return f"{100 * s / an['seconds']:.1f}%"

    out = [
        f"Data: the {len(bodies)} news article bodies of the FNC-1 test set (`fnc1_test/competition_test_bodies.csv`"
        + (f"; **`--bodies {args.bodies}`: only the first {len(bodies)}**" if args.bodies else "")
        + f"), each given a made-up URL on one of {HOSTS} hosts (`news<id mod {HOSTS}>.example`: the bodies carry "
        "none, and the `source` filter needs one). Total bench time " f"{total / 60:.1f} min.",
        "",
        "### Analysis (once)",
        "",
        f"`analyzer.batch.stream` over the bodies, batches of {BATCH}, one process, the full pipeline (loaded in "
        f"{an['load']:.1f} s and warmed up on {WARMUP} bodies first, not timed): **{an['seconds']:.1f} s**, "
        f"{an['documents']} documents, {n_claims:,} claims ({n_claims / max(an['documents'], 1):.1f} per document), "
        f"{an['errors']} records not analysed. Pipeline version `{version}` (computed in {version_s:.2f} s: it "
        "hashes the package). The chunks are kept in memory and written below.",
        "",
        "### Writing the same chunks",
        "",
        f"Each writer, {args.repeats} times into a fresh store or file, the repeats interleaving the writers. "
        "Store: `analyzer.store.open(target)` (creates it and runs the migrations), then `with "
        "store.writer(pipeline_version(), ...) as w:` and `w.write(chunk.documents, chunk.frame)` per chunk (one "
        f"transaction per chunk of {BATCH} documents), then `close()`. Parquet (c): `StreamWriter(path, "
        "\"parquet\")`, `.write(chunk.frame)` per chunk (an Arrow IPC journal, flushed per chunk), `.close()` (merges "
        "the journal into the Parquet file, fsync). (c'): `pq.ParquetWriter` with the claim table's Arrow schema, one "
        "`write_table` per chunk. *write* = the chunks; *total* = open + write + close. Rows/s = claims / total. "
        "Share = total time / analysis time (target <= 10%).",
        "",
        "| writer | total, best | total, median | of which open / write / close (median) | rows/s (median) | "
        "share of analysis (median) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key, label in names.items():
        if key not in times:
            out.append(f"| {label} | skipped | | | | |")
            continue
        runs = times[key]
        tot = [r["total"] for r in runs]
        med = statistics.median(tot)
        parts = " / ".join(f"{statistics.median(r[p] for r in runs):.2f}" for p in ("open", "write", "close"))
        out.append(f"| {label} | {min(tot):.2f} s | {med:.2f} s | {parts} s | {n_claims / med:,.0f} | "
                   f"**{share(med)}** |")
    verdict_lines = []
    for key in ("duckdb", "postgresql"):
        if key in times:
            med = statistics.median(r["total"] for r in times[key])
            ok = med / an["seconds"] <= TARGET
            verdict_lines.append(f"{names[key]}: {share(med)} of the analysis time, "
                                 f"{'**meets**' if ok else '**misses**'} the 10% target")
    out += ["", "; ".join(verdict_lines) + "."]
    if not pg.available:
        out += ["", f"PostgreSQL was **skipped**: {pg.skipped}."]
    else:
        out += ["", f"PostgreSQL: {pg.how}; {pg.version_text}. With `fsync=off` a commit does not wait for the "
                    "disk, which a production server would: its figures are a lower bound."]
    out += ["", "Re-writing the same chunks into the filled store (same documents, same pipeline version: "
                "idempotent, adds nothing):", "",
            "| store | time | share of analysis | documents added | claims added | counts unchanged | "
            "`verify()` problems |",
            "|---|---:|---:|---:|---:|---|---:|"]
    for key, rw in res["rewrite"].items():
        out.append(f"| {names[key]} | {rw['write']:.2f} s | {share(rw['write'])} | {rw['documents']} | {rw['claims']} "
                   f"| {'yes' if rw['same'] else '**no**'} ({rw['counts'][0]} documents, {rw['counts'][1]:,} claims) "
                   f"| {len(rw['problems'])} |")

    out += verdict_section(res, names)
    out += query_section(args, res, names)
    out += size_section(res, names, n_claims)
    (l1, _, _), (l2, _, _) = loads
    shared = "The machine was shared with other work" if l1 > 0.5 else "The machine was idle at the start"
    out += ["", f"{shared}: load average {l1:.1f} when the bench started and {l2:.1f} when it ended, on "
                f"{os.cpu_count()} cores. Absolute times are noisy; the shares compare times measured in one process, "
                "the writers interleaved."]
    return "\n".join(out) + "\n"


def verdict_section(res: dict, names: dict[str, str]) -> list[str]:
    ref = res["reference"]
    out = ["", "### Verdicts recorded before the queries", "",
            f"`store.check(reference)` with (1) the repository's example reference `data/examples/reference.csv` "
            f"(5 illustrative rows about Russia, Azerbaijan and Iran: little to do with FNC-1's news) and (2), since "
            f"that leaves `verdict`/`contradicted` nearly empty, a reference DataFrame **built by the bench** from "
            f"the store's own clusters of two or more claims: {len(ref)} rows, the cluster's median figure for even "
            f"rows and 1.5 times it for odd rows (so some claims are contradicted).", "",
            "| store | reference | check time | consistent | inconsistent | unverifiable | verdicts recorded |",
            "|---|---|---:|---:|---:|---:|---:|"]
    for key, vs in res["verdicts"].items():
        for name, v in vs.items():
            c = v["counts"]
            out.append(f"| {names[key]} | {name} | {v['seconds']:.2f} s | {c['consistent']} | {c['inconsistent']} | "
                       f"{c['unverifiable']:,} | {v['recorded']:,} |")
    out += ["", "Recorded by `Store.check` (the check time includes reading the store's claims)."]

    return out


def query_section(args, res: dict, names: dict[str, str]) -> list[str]:
    lat = res["latency"]
    keys = [k for k in ("duckdb", "postgresql") if k in lat]
    info = res["info"]
    out = ["", "### Query latency", "",
            f"On the filled store ({info['documents']} documents, {info['claims']:,} claims, "
            f"{res['entity_rows']:,} claim-entity rows, {info['clusters']:,} clusters, {info['verdicts']:,} "
            f"verdicts), one open store, each call once untimed, then {args.query_runs} timed calls: median (best) "
            "ms of `Store.claims(**filter)` / `Store.clusters(...)`, returning a DataFrame. Filter values are the "
            "most frequent in the data (entity, metric, period year, speaker). A query whose untimed call took more than "
            f"{SLOW_QUERY_S:.0f} s is timed {min(args.query_runs, 2)} times (said in its cell).", "",
            "| query | rows | " + " | ".join(f"{names[k]} ms" for k in keys) + " |",
            "|---|---:|" + "---:|" * len(keys)]
    def cell(q: dict) -> str:
        if "error" in q:
            return f"**fails**: `{q['error'][:120]}`"
        runs = f", {q['runs']} calls" if q["runs"] != args.query_runs else ""
        return f"{q['median']:,.1f} ({q['best']:,.1f}{runs})"

    for label in lat[keys[0]]:
        counts = [lat[k][label].get("rows") for k in keys]
        shown = " / ".join("-" if n is None else f"{n:,}" for n in counts) if len(set(counts)) > 1 else \
            f"{counts[0]:,}" if counts[0] is not None else "-"
        differs = " (**differs across stores**)" if len(set(counts)) > 1 else ""
        out.append(f"| `{label}` | {shown}{differs} | " + " | ".join(cell(lat[k][label]) for k in keys) + " |")

    for k, n in res["nan_clusters"].items():
        if n:
            out += ["", f"{names[k]}: **{n:,} claims have the text `'NaN'` as their cluster** instead of NULL (claims "
                        "without a cluster), so they count as one big cluster in `min_repeats` and `clusters()` "
                        "cannot split its key."]
    return out


def size_section(res: dict, names: dict[str, str], n_claims: int) -> list[str]:
    sizes = res["sizes"]
    out = ["", "### Size", "",
            f"After writing the {n_claims:,} claims (before the verdicts). DuckDB: the file after `CHECKPOINT` (store "
            "closed, then opened with duckdb). PostgreSQL: `pg_total_relation_size` (tables, indexes, TOAST) summed "
            "over the `geoclaims` schema's tables after `VACUUM ANALYZE`. Parquet: the file.", "",
            "| store | size | per 1,000 claims |", "|---|---:|---:|"]
    for key, label in names.items():
        if key in sizes:
            out.append(f"| {label} | {sizes[key] / KiB ** 2:,.2f} MiB | {sizes[key] / KiB / (n_claims / 1000):,.0f} "
                       "KiB |")
    if res["pg_tables"]:
        out += ["", "PostgreSQL by table: " + ", ".join(f"{t} {s / KiB:,.0f} KiB" for t, s in
                                                        sorted(res["pg_tables"].items(), key=lambda x: -x[1])) + "."]
    return out



if __name__ == "__main__":
    main()
