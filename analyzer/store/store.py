"""The claim store: documents, their claims and entities, `check` verdicts and the runs that wrote them, kept
across runs in one database (`analyzer.store.backends`: a DuckDB file, or PostgreSQL), so that a figure's
first appearance, its repeats, its sources and its verdicts can be asked for.

Writing is idempotent and transactional. A document is known by its id, the SHA-256 of its text and the
pipeline version (`analyzer.store.version`): analysed again by the same pipeline it adds nothing; analysed by
a new one it is kept beside its old rows, so versions can be compared. Each batch of documents is written in
one transaction, so a run killed at any moment leaves whole documents only, and the run stays ``running``
until `verify` (or the next writer on the same machine) marks it ``interrupted``; `RunWriter` with
``resume=True`` continues it."""
from __future__ import annotations

import json
import math
from collections import Counter
import os
import socket
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from ..claims.table import COLUMNS
from ..errors import InputError
from ..verify.metrics import Metrics, metrics
from . import schema
from .backends import Backend, connect
from .clusters import cluster_key, metric_key
from .times import now

KEYS = ("doc_id", "text_sha256", "pipeline_version")
DOCUMENTS_PER_STATEMENT = 1000  # 13,000 parameters a statement: PostgreSQL takes at most 65,535
LIST_COLUMNS = tuple(c for c, t in COLUMNS.items() if t == "object")  # JSON text in the store
STORE_COLUMNS = ("text_sha256", "pipeline_version", "run_id", "source", "stored_at", "metric", "cluster")
VERDICT_FIELDS = ("verdict", "explanation", "relative_difference", "ref_metric", "ref_value", "ref_unit",
                  "ref_period", "ref_source", "ref_source_url", "ref_line", "metric_score")


def source_of(url: str | None) -> str:
    """The publisher of a document: its URL's host without ``www.`` ("" without a URL)."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


@dataclass
class Written:
    documents: int = 0  # documents added (already stored: not counted)
    claims: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, why) of documents the store cannot hold


class Store:
    """A claim store; open one with `analyzer.store.open`. Use it as a context manager, or `close` it."""

    def __init__(self, db: Backend, *, migrate: bool = True) -> None:
        self.db = db
        try:
            if migrate:
                schema.migrate(db)
            else:
                schema.check(db)
        except BaseException:
            db.close()
            raise
        self._metrics: Metrics | None = None
        self._tables = db.tables()

    # ---- opening ----------------------------------------------------------------------------------------
    @classmethod
    def open(cls, target: str | os.PathLike[str], *, migrate: bool = True) -> Store:
        return cls(connect(target if isinstance(target, str) else os.fspath(target)), migrate=migrate)

    @property
    def location(self) -> str:
        return self.db.location

    @property
    def schema_version(self) -> int:
        return schema.version(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<geoclaims Store {self.db.name} {self.location}>"

    @property
    def metrics(self) -> Metrics:
        if self._metrics is None:
            self._metrics = metrics()
        return self._metrics

    # ---- runs ----------------------------------------------------------------------------------------------
    def begin_run(self, pipeline_version: str, command: str = "", *, resume: bool = False) -> str:
        """A new run's id, or with ``resume`` the last unfinished run of ``pipeline_version`` (else a new one)."""
        from .._version import __version__

        self.mark_interrupted()
        with self.db.transaction():
            if resume:
                # an interrupted run only: a run still going on (another writer of a PostgreSQL store) is its own
                rows = self.db.execute("SELECT run_id FROM geoclaims.runs WHERE pipeline_version = ? AND status = "
                                       "'interrupted' ORDER BY started_at DESC LIMIT 1", [pipeline_version])
                if rows:
                    self.db.execute("UPDATE geoclaims.runs SET status = 'running', finished_at = NULL, host = ?, "
                                    "pid = ? WHERE run_id = ?", [socket.gethostname(), os.getpid(), rows[0][0]])
                    return str(rows[0][0])
            run_id = uuid.uuid4().hex
            self.db.execute("INSERT INTO geoclaims.runs VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 'running', 0, 0)",
                            [run_id, pipeline_version, __version__, command, socket.gethostname(), os.getpid(),
                             now()])
        return run_id

    def end_run(self, run_id: str, status: str = "complete") -> None:
        with self.db.transaction():
            self.db.execute("UPDATE geoclaims.runs SET status = ?, finished_at = ? WHERE run_id = ?",
                            [status, now(), run_id])
        self.db.analyze()

    def mark_interrupted(self) -> int:
        """Mark the runs left ``running`` by a process of this machine that no longer exists as ``interrupted``;
        how many."""
        host = socket.gethostname()
        dead = [r for r, pid in self.db.execute("SELECT run_id, pid FROM geoclaims.runs WHERE status = 'running' "
                                                "AND host = ?", [host]) if not _alive(int(pid))]
        for run_id in dead:
            self.end_run(run_id, "interrupted")
        return len(dead)

    def stored_ids(self, pipeline_version: str) -> set[str]:
        """The ids of the documents stored by ``pipeline_version`` (what `--resume` passes over)."""
        return {str(r[0]) for r in self.db.execute("SELECT DISTINCT doc_id FROM geoclaims.documents WHERE "
                                                   "pipeline_version = ?", [pipeline_version])}

    # ---- writing -------------------------------------------------------------------------------------------
    def write(self, run_id: str, pipeline_version: str, documents: Sequence[Any], claims: pd.DataFrame) -> Written:
        """Store the analysed ``documents`` (`analyzer.batch.DocumentInfo`: id, text hash, metadata) and their
        ``claims`` (claim table rows, ``doc_id`` naming one of them) in one transaction. Documents already
        stored by this pipeline version, with the same text, are left as they are, and so are their claims."""
        if not documents:
            return Written()
        missing = set(COLUMNS) - set(claims.columns)
        if missing:
            raise InputError(f"claims: not a claim table, missing column(s) {', '.join(sorted(missing))}")
        by_doc = {d.doc_id: d for d in documents}
        if len(by_doc) < len(documents):
            twice = sorted({d.doc_id for d in documents if sum(e.doc_id == d.doc_id for e in documents) > 1})
            raise InputError(f"documents: id {twice[0]!r} given twice; ids must be unique")
        stray = set(claims["doc_id"]) - set(by_doc)
        if stray:
            raise InputError(f"claims: rows of document(s) not given: {', '.join(sorted(map(str, stray))[:3])}")
        rejected = [] if self.db.holds_nul else _with_nul(documents, claims)
        if rejected:
            bad = {d for d, _ in rejected}
            documents = [d for d in documents if d.doc_id not in bad]
            claims = claims[~claims["doc_id"].isin(bad)]
            if not documents:
                return Written(rejected=rejected)
        counts = claims["doc_id"].value_counts().to_dict()
        with self.db.transaction():
            # the documents this transaction adds, as the database says: a concurrent writer's insert of the same
            # document (PostgreSQL) makes this one wait, then skip it
            new = self._insert_documents(documents, counts, run_id, pipeline_version, now())
            if not new:
                return Written(rejected=rejected)
            self._write_entities(new, pipeline_version)
            rows = claims[claims["doc_id"].isin({d.doc_id for d in new})]
            if len(rows):
                self._write_claims(rows, {d.doc_id: d.sha256 for d in new}, pipeline_version)
            added = Written(len(new), len(rows), rejected)
            self.db.execute("UPDATE geoclaims.runs SET documents = documents + ?, claims = claims + ? "
                            "WHERE run_id = ?", [added.documents, added.claims, run_id])
        return added

    def _insert_documents(self, documents: Sequence[Any], counts: dict[str, int], run_id: str,
                          pipeline_version: str, stamp: str) -> list[Any]:
        """Insert the rows of ``documents`` that are not stored yet; those inserted, in their order."""
        inserted: set[tuple[str, str]] = set()
        for start in range(0, len(documents), DOCUMENTS_PER_STATEMENT):
            part = documents[start:start + DOCUMENTS_PER_STATEMENT]
            values = [v for k, d in enumerate(part, start) for v in (
                d.doc_id, d.sha256, pipeline_version, run_id, d.title or "", d.url or "", source_of(d.url),
                d.published or "", d.language or "", int(d.chars), int(counts.get(d.doc_id, 0)), stamp, k)]
            marks = ", ".join(["(" + ", ".join(["?"] * 13) + ")"] * len(part))
            inserted |= {(str(a), str(b)) for a, b in self.db.execute(
                f"INSERT INTO geoclaims.documents VALUES {marks} ON CONFLICT DO NOTHING RETURNING doc_id, text_sha256",
                values)}
        return [d for d in documents if (d.doc_id, d.sha256) in inserted]

    def _write_entities(self, documents: Sequence[Any], pipeline_version: str) -> None:
        if "document_entities" not in self._tables:  # a store opened without migrating it, older than version 3
            return
        rows = [(d.doc_id, d.sha256, name, label, entity_id, int(mentions))
                for d in documents for name, label, entity_id, mentions in getattr(d, "entities", ())]
        if rows:
            self.db.insert_frame("geoclaims.document_entities", pd.DataFrame({
                "doc_id": [r[0] for r in rows], "text_sha256": [r[1] for r in rows],
                "pipeline_version": pipeline_version, "name": [r[2] for r in rows],
                "name_lower": [r[2].lower() for r in rows], "label": [r[3] for r in rows],
                "entity_id": [r[4] for r in rows], "mentions": pd.array([r[5] for r in rows], dtype="int64")}))

    def _write_claims(self, rows: pd.DataFrame, sha: dict[str, str], pipeline_version: str) -> None:
        rows = rows.reset_index(drop=True)
        out = pd.DataFrame({"doc_id": rows["doc_id"].astype(object),
                            "text_sha256": [sha[d] for d in rows["doc_id"]],
                            "pipeline_version": pipeline_version, "claim_id": rows["claim_id"].astype(object),
                            "row_number": rows.groupby("doc_id", sort=False).cumcount().astype("int64")})
        for column, dtype in COLUMNS.items():
            if column in ("doc_id", "claim_id"):
                continue
            values = rows[column]
            if dtype == "object":
                out[column] = [json.dumps(list(v), ensure_ascii=False) for v in values]
            elif dtype == "float64":
                out[column] = [None if math.isnan(v) else float(v) for v in values.astype(float)]
            elif dtype == "string":
                out[column] = values.fillna("").astype(object)
            else:
                out[column] = values.astype(dtype)
        table = self.metrics
        tuples = list(rows.itertuples(index=False))
        metrics = [metric_key(r.quantity_of or "", table) if r.kind == "quantity" else "" for r in tuples]
        out["metric"] = metrics
        out["cluster"] = pd.Series([cluster_key(r, m) for r, m in zip(tuples, metrics, strict=True)],
                                   dtype=object)  # None: no cluster
        self.db.insert_frame("geoclaims.claims", out)
        names = [(r.doc_id, sha[r.doc_id], r.claim_id, role, k, str(name))
                 for r in tuples for role, names in (("entity", r.entities), ("subject", r.subject))
                 for k, name in enumerate(list(names))]
        if names:
            self.db.insert_frame("geoclaims.claim_entities", pd.DataFrame({
                "doc_id": [n[0] for n in names], "text_sha256": [n[1] for n in names],
                "pipeline_version": pipeline_version, "claim_id": [n[2] for n in names],
                "role": [n[3] for n in names], "position": [n[4] for n in names], "name": [n[5] for n in names],
                "name_lower": [n[5].lower() for n in names]}))

    @contextmanager
    def writer(self, pipeline_version: str, command: str = "", *, resume: bool = False) -> Iterator[RunWriter]:
        """A run: ``with store.writer(version) as w: w.write(documents, claims)``; the run is ``complete`` when
        the block ends, ``interrupted`` when it raises (Ctrl-C included)."""
        run = RunWriter(self, pipeline_version, self.begin_run(pipeline_version, command, resume=resume))
        try:
            yield run
        except BaseException:
            self.end_run(run.run_id, "interrupted")
            raise
        self.end_run(run.run_id, "complete")

    # ---- verdicts ------------------------------------------------------------------------------------------
    def record_verdicts(self, verdicts: pd.DataFrame, *, reference_name: str, reference_sha256: str,
                        tolerance: float) -> int:
        """Keep `analyzer.verify.check`'s verdicts on claims of this store (the frame carries the store's
        ``text_sha256`` and ``pipeline_version``); a verdict already recorded for the same claim, reference file
        and tolerance is kept as it was. How many were added."""
        if verdicts.empty:
            return 0
        before = self._count("verdicts")
        frame = pd.DataFrame({k: verdicts[k].astype(object) for k in (*KEYS, "claim_id")})
        frame["reference_sha256"] = reference_sha256
        frame["reference_name"] = reference_name
        frame["tolerance"] = float(tolerance)
        for name in VERDICT_FIELDS:
            values = verdicts[name]
            frame[name] = [None if isinstance(v, float) and math.isnan(v) else v for v in values.astype(object)] \
                if values.dtype.kind == "f" else values.fillna("").astype(object)
        frame["checked_at"] = now()
        with self.db.transaction():
            self.db.insert_frame("geoclaims.verdicts", frame)
        return self._count("verdicts") - before

    def check(self, reference: Any, *, rates: Any = None, tolerance: float | None = None,
              metrics_files: Iterable[Any] = (), reference_name: str | None = None) -> pd.DataFrame:
        """Check the store's current quantity claims against ``reference`` (a file, as `geoclaims check
        --reference`) and record the verdicts; the verdict table, with a ``recorded`` count in ``attrs``."""
        import hashlib
        from pathlib import Path

        from ..verify import check as run_check
        from ..verify.check import TOLERANCE

        tolerance = TOLERANCE if tolerance is None else tolerance
        claims = self.claims(kind="quantity").drop(columns=["verdict", "verdict_explanation", "checked_at"])
        verdicts = run_check(claims, reference, rates=rates, tolerance=tolerance, metrics_files=metrics_files)
        if isinstance(reference, (str, Path)):
            digest = hashlib.sha256(Path(reference).read_bytes()).hexdigest()
            name = reference_name or Path(reference).name
        else:
            frame = reference if isinstance(reference, pd.DataFrame) else pd.DataFrame([vars(r) for r in reference])
            digest = hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()
            name = reference_name or "reference"
        verdicts.attrs["recorded"] = self.record_verdicts(verdicts, reference_name=name, reference_sha256=digest,
                                                          tolerance=tolerance)
        return verdicts

    # ---- reading -------------------------------------------------------------------------------------------
    def _count(self, table: str) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM geoclaims.{table}")[0][0])

    def runs(self) -> pd.DataFrame:
        return self.db.frame("SELECT * FROM geoclaims.runs ORDER BY started_at")

    def pipeline_versions(self) -> pd.DataFrame:
        return self.db.frame("SELECT pipeline_version, count(*) AS documents, min(stored_at) AS first_stored, "
                             "max(stored_at) AS last_stored FROM geoclaims.documents GROUP BY pipeline_version "
                             "ORDER BY first_stored")

    def documents(self, *, pipeline_version: str | None = None, versions: str = "latest") -> pd.DataFrame:
        """The stored documents: of each id, the latest stored (``versions="latest"``), every version
        (``"all"``), or those of one ``pipeline_version``."""
        scope, params = _scope(pipeline_version, versions)
        return self.db.frame(f"{scope} SELECT d.* FROM geoclaims.documents d JOIN scope s ON d.doc_id = s.doc_id "
                             "AND d.text_sha256 = s.text_sha256 AND d.pipeline_version = s.pipeline_version "
                             "ORDER BY d.stored_at, d.ordinal", params)

    def claims(self, *, entity: str | None = None, metric: str | None = None, period: str | None = None,
               speaker: str | None = None, source: str | None = None, verdict: str | None = None,
               contradicted: bool = False, min_repeats: int | None = None, cluster: str | None = None,
               kind: str | None = None, doc_id: str | None = None, pipeline_version: str | None = None,
               versions: str = "latest", limit: int | None = None) -> pd.DataFrame:
        """Claim rows as a DataFrame: the claim table's columns (lists as lists, NaN where unknown) and the
        store's (`STORE_COLUMNS`, ``verdict``: the claim's latest verdict, ``checked_at``). Filters (all
        optional, combined with AND):

        - ``entity``: a canonical entity name the claim names or is about (case-insensitive);
        - ``metric``: what is measured ("trade", "trade turnover": its synonym group, or words of ``quantity_of``);
        - ``period``: ``2023``, ``2023-03`` or ``2023-01-01..2023-06-30``: claims whose period overlaps it;
        - ``speaker``, ``source`` (the publisher's host): words they contain, case-insensitive;
        - ``verdict``: the claim's latest verdict (consistent, inconsistent, unverifiable, or ``none``);
        - ``contradicted``: only claims whose latest verdict is inconsistent with a reference;
        - ``min_repeats``: only claims of clusters claimed more than this many times;
        - ``cluster``, ``kind``, ``doc_id``: exact;
        - ``versions``: "latest" (each document's latest stored analysis) or "all"; ``pipeline_version``: one.
        """
        sql, params = self._claims_sql(entity=entity, metric=metric, period=period, speaker=speaker, source=source,
                                       verdict=verdict, contradicted=contradicted, min_repeats=min_repeats,
                                       cluster=cluster, kind=kind, doc_id=doc_id,
                                       pipeline_version=pipeline_version, versions=versions)
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return _as_claim_table(self.db.frame(sql, params))

    def _claims_sql(self, *, entity: str | None, metric: str | None, period: str | None, speaker: str | None,
                    source: str | None, verdict: str | None, contradicted: bool, min_repeats: int | None,
                    cluster: str | None, kind: str | None, doc_id: str | None, pipeline_version: str | None,
                    versions: str) -> tuple[str, list[Any]]:
        scope, params = _scope(pipeline_version, versions)
        where: list[str] = []
        if entity:
            where.append("EXISTS (SELECT 1 FROM geoclaims.claim_entities e WHERE e.doc_id = c.doc_id AND "
                         "e.text_sha256 = c.text_sha256 AND e.pipeline_version = c.pipeline_version AND "
                         "e.claim_id = c.claim_id AND e.name_lower = ?)")
            params.append(entity.strip().lower())
        if metric:
            where.append("(c.metric = ? OR lower(c.quantity_of) LIKE ? ESCAPE '\\')")
            params += [metric_key(metric, self.metrics), _contains(metric)]
        if period:
            start, end = parse_period_filter(period)
            where.append("(c.period_start <> '' AND c.period_start <= ? AND c.period_end >= ?)")
            params += [end, start]
        for column, value in (("c.speaker", speaker), ("d.source", source)):
            if value:
                where.append(f"lower({column}) LIKE ? ESCAPE '\\'")
                params.append(_contains(value))
        if verdict:
            if verdict not in ("consistent", "inconsistent", "unverifiable", "none"):
                raise InputError(f"verdict: expected consistent, inconsistent, unverifiable or none, got {verdict!r}")
            if verdict == "none":
                where.append("v.verdict IS NULL")
            else:
                where.append("v.verdict = ?")
                params.append(verdict)
        if contradicted:
            where.append("v.verdict = 'inconsistent'")
        if min_repeats is not None:
            if min_repeats < 0:
                raise InputError(f"min_repeats: expected 0 or more, got {min_repeats}")
            where.append("c.cluster IN (SELECT c2.cluster FROM geoclaims.claims c2 JOIN scope s2 ON "
                         "c2.doc_id = s2.doc_id AND c2.text_sha256 = s2.text_sha256 AND "
                         "c2.pipeline_version = s2.pipeline_version WHERE c2.cluster IS NOT NULL "
                         "GROUP BY c2.cluster HAVING count(*) > ?)")
            params.append(int(min_repeats))
        for column, value in (("c.cluster", cluster), ("c.kind", kind), ("c.doc_id", doc_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        # each claim's latest verdict by an index look-up per claim (LATERAL ... LIMIT 1): PostgreSQL estimates a row
        # or two for the claims of a three-column join and, given a table of latest verdicts to join, picked a nested
        # loop that re-read them all for each claim (seconds for 11,160 claims)
        sql = (f"{scope} SELECT c.*, d.run_id, d.source, d.stored_at, v.verdict, v.explanation AS verdict_explanation, "
               "v.checked_at FROM geoclaims.claims c JOIN scope s ON c.doc_id = s.doc_id AND "
               "c.text_sha256 = s.text_sha256 AND c.pipeline_version = s.pipeline_version "
               "JOIN geoclaims.documents d ON c.doc_id = d.doc_id AND c.text_sha256 = d.text_sha256 AND "
               "c.pipeline_version = d.pipeline_version LEFT JOIN LATERAL (SELECT v0.verdict, v0.explanation, "
               "v0.checked_at FROM geoclaims.verdicts v0 WHERE v0.doc_id = c.doc_id AND v0.text_sha256 = "
               "c.text_sha256 AND v0.pipeline_version = c.pipeline_version AND v0.claim_id = c.claim_id ORDER BY "
               "v0.checked_at DESC, v0.reference_sha256 LIMIT 1) v ON TRUE"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY d.stored_at, d.ordinal, c.row_number")
        return sql, params

    def clusters(self, *, min_claims: int = 1, tolerance: float | None = None, rates: Any = None,
                 **filters: Any) -> pd.DataFrame:
        """One row per claim cluster among the claims the ``filters`` of `claims` select (a cluster is kept
        when at least ``min_claims`` of its claims are): its subjects, metric, measure and period, how many claims,
        documents and sources, its first appearance (``first_published``, ``first_doc_id``, ``first_source``)
        and last, the smallest and largest figure, its verdicts, and ``status`` (`compare`'s logic, with
        ``tolerance``): ``agree``, ``disagree``, or ``single`` when one document says it."""
        from ..verify.check import TOLERANCE, about
        from ..verify.compare import group_row
        from ..verify.reference import read_rates

        tolerance = TOLERANCE if tolerance is None else tolerance
        if isinstance(rates, (str, os.PathLike)):
            rates = read_rates(os.fspath(rates))
        claims = self.claims(**filters)
        claims = claims[claims["cluster"].notna()]
        claims = claims.assign(when=[p or s[:10] for p, s in zip(claims["published"], claims["stored_at"],
                                                                 strict=True)])
        members_of: dict[str, list[Any]] = {}
        for r in claims.sort_values("when", kind="stable").itertuples(index=False):  # once: not per cluster
            members_of.setdefault(r.cluster, []).append(r)
        rows = []
        for key, members in members_of.items():
            if len(members) < min_claims:
                continue
            first, last = members[0], members[-1]
            group = group_row(0, members, tolerance, rates)
            values = [float(r.value) for r in members]
            subjects, metric, measure, period = str(key).rsplit(" | ", 3)
            verdicts = Counter(r.verdict if isinstance(r.verdict, str) else "none" for r in members)
            rows.append({
                "cluster": key, "subjects": "; ".join(about(first)) or subjects, "metric": metric,
                "measure": measure, "period": period, "claims": len(members),
                "documents": len({r.doc_id for r in members}),
                "sources": sorted({r.source for r in members if isinstance(r.source, str) and r.source}),
                "status": group["status"] if group else "single",
                "explanation": group["explanation"] if group else "one document",
                "low": min(values), "high": max(values), "unit": str(first.unit),
                "first_published": first.when, "first_doc_id": first.doc_id, "first_source": first.source,
                "first_text": first.text, "last_published": last.when,
                "consistent": verdicts["consistent"], "inconsistent": verdicts["inconsistent"],
                "unverifiable": verdicts["unverifiable"], "unchecked": verdicts["none"],
            })
        frame = pd.DataFrame(rows, columns=list(CLUSTER_COLUMNS)).astype(CLUSTER_COLUMNS)
        return frame.sort_values(["claims", "first_published"], ascending=[False, True],
                                 kind="stable").reset_index(drop=True)

    def entities(self, *, name: str | None = None, pipeline_version: str | None = None,
                 versions: str = "latest") -> pd.DataFrame:
        """The entities the stored documents name (one row per document, entity and label: ``mentions``), with
        each document's ``source``, ``published`` and ``title``; ``name``: one entity (case-insensitive). Of each
        document's latest stored analysis unless ``versions="all"`` or one ``pipeline_version``."""
        scope, params = _scope(pipeline_version, versions)
        where = ""
        if name:
            where = " WHERE e.name_lower = ?"
            params.append(name.strip().lower())
        return self.db.frame(
            f"{scope} SELECT e.doc_id, d.source, d.published, d.title, e.name, e.label, e.entity_id, e.mentions, "
            "e.text_sha256, e.pipeline_version FROM geoclaims.document_entities e JOIN scope s ON e.doc_id = s.doc_id "
            "AND e.text_sha256 = s.text_sha256 AND e.pipeline_version = s.pipeline_version JOIN geoclaims.documents d "
            "ON e.doc_id = d.doc_id AND e.text_sha256 = d.text_sha256 AND e.pipeline_version = d.pipeline_version"
            f"{where} ORDER BY d.stored_at, d.ordinal, e.mentions DESC, e.name", params)

    def history(self, cluster: str, **filters: Any) -> pd.DataFrame:
        """The claims of one claim cluster (its key, as `clusters` gives it), oldest first by publication date
        (else when stored): its first appearance, then every repeat, with their sources and verdicts."""
        claims = self.claims(cluster=cluster, **filters)
        when = [p or s[:10] for p, s in zip(claims["published"], claims["stored_at"], strict=True)]
        return claims.assign(date=pd.array(when, dtype="string")).sort_values("date", kind="stable").reset_index(
            drop=True)

    def verdicts(self) -> pd.DataFrame:
        return self.db.frame("SELECT * FROM geoclaims.verdicts ORDER BY checked_at, doc_id, claim_id")

    # ---- integrity -----------------------------------------------------------------------------------------
    def verify(self) -> list[str]:
        """The store's problems ([] when none): documents whose claim rows are not the number written with them,
        claims or entities of no document, verdicts of no claim. Runs of dead processes of this machine are
        marked interrupted first."""
        self.mark_interrupted()
        problems = []
        join = "x.doc_id = d.doc_id AND x.text_sha256 = d.text_sha256 AND x.pipeline_version = d.pipeline_version"
        for doc_id, want, got in self.db.execute(
                "SELECT d.doc_id, d.claims, count(x.claim_id) FROM geoclaims.documents d LEFT JOIN geoclaims.claims x "
                f"ON {join} GROUP BY d.doc_id, d.text_sha256, d.pipeline_version, d.claims "
                "HAVING count(x.claim_id) <> d.claims"):
            problems.append(f"document {doc_id}: {got} claim rows, {want} written")
        for table in sorted({"claims", "claim_entities", "verdicts", "document_entities"} & self._tables):
            n = self.db.execute(f"SELECT count(*) FROM geoclaims.{table} x WHERE NOT EXISTS (SELECT 1 FROM "
                                f"geoclaims.documents d WHERE {join})")[0][0]
            if n:
                problems.append(f"{n} row(s) of {table} belong to no stored document")
        return problems

    def info(self) -> dict[str, Any]:
        runs = self.db.execute("SELECT status, count(*) FROM geoclaims.runs GROUP BY status")
        return {"location": self.location, "backend": self.db.name, "schema_version": self.schema_version,
                "documents": self._count("documents"), "claims": self._count("claims"),
                "verdicts": self._count("verdicts"),
                "document_entities": self._count("document_entities") if "document_entities" in self._tables else 0,
                "clusters": int(self.db.execute("SELECT count(DISTINCT cluster) FROM geoclaims.claims")[0][0]),
                "pipeline_versions": int(self.db.execute("SELECT count(DISTINCT pipeline_version) FROM "
                                                         "geoclaims.documents")[0][0]),
                "runs": {str(s): int(n) for s, n in runs}}


CLUSTER_COLUMNS: dict[str, str] = {
    "cluster": "string", "subjects": "string", "metric": "string", "measure": "string", "period": "string",
    "claims": "int64", "documents": "int64", "sources": "object", "status": "string", "explanation": "string",
    "low": "float64", "high": "float64", "unit": "string", "first_published": "string", "first_doc_id": "string",
    "first_source": "string", "first_text": "string", "last_published": "string", "consistent": "int64",
    "inconsistent": "int64", "unverifiable": "int64", "unchecked": "int64",
}


class RunWriter:
    """The writing end of one run (`Store.writer`)."""

    def __init__(self, store: Store, pipeline_version: str, run_id: str) -> None:
        self.store, self.pipeline_version, self.run_id = store, pipeline_version, run_id
        self.written = Written()

    def write(self, documents: Sequence[Any], claims: pd.DataFrame) -> Written:
        added = self.store.write(self.run_id, self.pipeline_version, documents, claims)
        self.written.documents += added.documents
        self.written.claims += added.claims
        self.written.rejected += added.rejected
        return added


def _with_nul(documents: Sequence[Any], claims: pd.DataFrame) -> list[tuple[str, str]]:
    """(doc_id, why) of the documents with U+0000 in their metadata or claim rows (PostgreSQL text cannot hold it;
    the store does not change text to fit)."""
    bad = {d.doc_id for d in documents if any("\x00" in (v or "") for v in (d.doc_id, d.title, d.url))}
    for column, dtype in COLUMNS.items():
        if dtype == "string":
            hit = claims[column].fillna("").str.contains("\x00", regex=False)
            bad |= set(claims.loc[hit, "doc_id"])
        elif dtype == "object":
            bad |= {d for d, v in zip(claims["doc_id"], claims[column], strict=True)
                    if any("\x00" in str(x) for x in v)}
    return [(d, "not stored: its text holds the NUL character (U+0000), which PostgreSQL text cannot hold")
            for d in sorted(bad)]


def _scope(pipeline_version: str | None, versions: str) -> tuple[str, list[Any]]:
    """A ``WITH scope AS (...)`` of the (doc_id, text_sha256, pipeline_version) rows a read covers."""
    if pipeline_version is not None:
        return ("WITH scope AS (SELECT doc_id, text_sha256, pipeline_version FROM geoclaims.documents "
                "WHERE pipeline_version = ?)", [pipeline_version])
    if versions == "all":
        return "WITH scope AS (SELECT doc_id, text_sha256, pipeline_version FROM geoclaims.documents)", []
    if versions != "latest":
        raise InputError(f"versions: expected 'latest' or 'all', got {versions!r}")
    return ("WITH scope AS (SELECT DISTINCT ON (doc_id) doc_id, text_sha256, pipeline_version FROM "
            "geoclaims.documents ORDER BY doc_id, stored_at DESC, pipeline_version DESC, text_sha256)", [])


def _contains(words: str) -> str:
    escaped = words.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def parse_period_filter(period: str) -> tuple[str, str]:
    """``2023`` -> (2023-01-01, 2023-12-31); ``2023-03`` -> that month; ``A..B`` -> from A's start to B's end."""
    from ..verify.reference import parse_period

    text = period.strip()
    try:
        if ".." in text:
            a, b = text.split("..", 1)
            return parse_period(a.strip())[0], parse_period(b.strip())[1]
        start, end = parse_period(text)[:2]
        return start, end
    except (InputError, ValueError) as e:
        raise InputError(f"period: {period!r} is not a year (2023), a month (2023-03), a date or A..B: {e}") from None


def _as_claim_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows read from the store as the claim table has them: its columns first with its dtypes (lists decoded,
    NULL floats as NaN), then the store's."""
    out = {}
    for column, dtype in COLUMNS.items():
        values = frame[column] if column in frame else pd.Series([], dtype=object)
        if dtype == "object":
            cells = np.empty(len(values), dtype=object)
            for i, v in enumerate(values):
                cells[i] = json.loads(v)
            out[column] = cells
        elif dtype == "float64":
            out[column] = pd.to_numeric(values, errors="coerce").astype("float64").to_numpy()
        elif dtype == "string":
            out[column] = pd.array(values.astype(object), dtype="string")
        else:
            out[column] = values.astype(dtype).to_numpy()
    for column in (*STORE_COLUMNS, "verdict", "verdict_explanation", "checked_at"):
        if column in frame:
            out[column] = pd.array([None if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
                                    for v in frame[column]], dtype="string")
    return pd.DataFrame(out)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
