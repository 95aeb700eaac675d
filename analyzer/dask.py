"""Analysing a corpus on a Dask cluster (the optional 'dask' extra: ``pip install 'geoclaims[dask]'``).

Two ways in:

- `analyze` / `analyze_with_errors`: a ``dask.bag.Bag`` of records or a ``dask.dataframe.DataFrame`` of
  articles in, a lazy ``dask.dataframe.DataFrame`` of claims out (plus one of errors), to compute, join or
  write with Dask (``.to_parquet(...)``). Each input partition is analysed by one task.
- `stream`: the engine of ``geoclaims analyze ... --scheduler ADDRESS``. This process reads the records,
  sends them to the cluster in batches and yields each batch's `analyzer.batch.Chunk` in input order, so
  the caller writes claims as they come.

Each worker process loads the pipeline once, on its first task, and keeps it for the life of the process:
a module-level cache keyed by ``(model, tuple(gazetteer))`` (`worker_pipeline`). The model must be
installed and the gazetteer files readable at the same paths on every worker. One thread per worker
process: spaCy's parse is CPU-bound and holds the GIL, and a process's pipeline is used by one thread at
a time.
"""
from __future__ import annotations

import dataclasses
import logging
import signal
import socket
import threading
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import GeoclaimsError, InputError


class MissingExtraError(GeoclaimsError, ImportError):
    """An optional dependency of a geoclaims feature is not installed."""


class SchedulerError(GeoclaimsError, ConnectionError):
    """The Dask cluster cannot be reached or started."""


try:
    import dask
    import dask.bag as db
    import dask.dataframe as dd
    import distributed
except ImportError as e:  # pragma: no cover - exercised in a subprocess by the tests
    raise MissingExtraError("the Dask backend needs the 'dask' extra: pip install 'geoclaims[dask]'") from e

from spacy.language import Language  # noqa: E402

from .api import get_pipeline, normalize_published  # noqa: E402
from .batch import DEFAULT_BATCH_SIZE, Chunk, Screen, as_document  # noqa: E402
from .batch import stream as batch_stream  # noqa: E402
from .claims.table import to_frame  # noqa: E402
from .io.readers import Document, Fields, RecordError  # noqa: E402

__all__ = ["ERROR_COLUMNS", "MissingExtraError", "SchedulerError", "analyze", "analyze_with_errors", "stream",
           "worker_pipeline"]

#: The columns of the error table of `analyze_with_errors` (the keys of ``geoclaims analyze --errors``).
ERROR_COLUMNS: dict[str, str] = {"source": "string", "id": "string", "error": "string"}
CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler

log = logging.getLogger(__name__)

# ---- the pipeline of a worker process ------------------------------------------------------------------
# (model, gazetteer paths, check-worthiness mode) -> (pipeline, lock). Filled on a worker's first task and kept
# for the life of the process, so a worker loads spaCy once however many tasks it runs. The lock lets one thread
# at a time use a pipeline (spaCy's Language is not meant to be shared by threads).
_PIPELINES: dict[tuple[str | None, tuple[str, ...], str], tuple[Language, threading.Lock]] = {}
_LOAD_LOCK = threading.Lock()


def _gazetteer_key(gazetteer: str | Path | Iterable[str | Path] | None) -> tuple[str, ...]:
    if gazetteer is None:
        return ()
    if isinstance(gazetteer, (str, Path)):
        return (str(gazetteer),)
    return tuple(str(p) for p in gazetteer)


def worker_pipeline(model: str | Path | None = None,
                    gazetteer: str | Path | Iterable[str | Path] | None = None,
                    checkworthiness: str = "default") -> tuple[Language, threading.Lock]:
    """This process's pipeline for ``(model, gazetteer, checkworthiness)``, loaded on first use and then
    reused, with the lock to hold while using it. The default pipeline is the one `analyzer.get_pipeline`
    shares. The model's source was checked where the run was set up (`_options`)."""
    key = (None if model is None else str(model), _gazetteer_key(gazetteer), checkworthiness)
    with _LOAD_LOCK:
        if key not in _PIPELINES:
            if key == (None, (), "default"):
                nlp = get_pipeline()
            else:
                from .pipeline import load

                nlp = load(key[0], gazetteer=list(key[1]) or None, trust_path=True,  # checked by _options
                           checkworthiness=checkworthiness)
            _PIPELINES[key] = (nlp, threading.Lock())
        return _PIPELINES[key]


@dataclasses.dataclass(frozen=True)
class _Options:
    """What a task needs besides its records (small: sent with every task)."""

    model: str | None = None
    gazetteer: tuple[str, ...] = ()
    published: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    force: bool = False  # analyse documents that are not English
    checkworthiness: str = "default"  # the check-worthiness mode


def _analyze_items(items: Sequence[Document | RecordError], options: _Options) -> Chunk:
    """One Chunk of Documents and RecordErrors (in input order), analysed by this process's pipeline."""
    if not any(isinstance(d, Document) for d in items):  # nothing to analyse: no pipeline needed
        return Chunk(to_frame([]), [], [e for e in items if isinstance(e, RecordError)], 0)
    nlp, lock = worker_pipeline(options.model, options.gazetteer, options.checkworthiness)
    frames, ids, errors, infos = [], [], [], []
    with lock:
        for chunk in batch_stream(items, nlp=nlp, batch_size=options.batch_size, published=options.published,
                                  force=options.force):
            frames.append(chunk.frame)
            ids.extend(chunk.doc_ids)
            errors.extend(chunk.errors)
            infos.extend(chunk.documents)
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True) if frames else to_frame([])
    return Chunk(frame, ids, errors, 0, documents=infos)


def _options(model: str | Path | None, gazetteer: str | Path | Iterable[str | Path] | None,
             published: str | None, batch_size: int, trust_model_path: bool = False,
             force: bool = False, checkworthiness: str = "default") -> _Options:
    from .checkworthiness.component import check_mode
    from .pipeline import check_model_source

    check_model_source(model, trust_model_path)
    check_mode(checkworthiness)  # here (with the extra it needs), not on every worker
    if batch_size < 1:
        raise InputError(f"batch_size: expected 1 or more, got {batch_size}")
    return _Options(None if model is None else str(model), _gazetteer_key(gazetteer),
                    normalize_published(published), batch_size, force, checkworthiness)


# ---- lazy Dask collections -------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class _FrameColumns:
    text: str
    id: str | None
    title: str | None
    url: str | None
    published: str | None

    def present(self) -> list[str]:
        return [c for c in (self.text, self.id, self.title, self.url, self.published) if c is not None]


_INDEX_FIELD = "\0index"


def _bag_items(records: Iterable[Any], partition: int, fields: Fields) -> list[Document | RecordError]:
    items: list[Document | RecordError] = []
    for i, record in enumerate(records):
        if isinstance(record, (Document, RecordError)):
            items.append(record)
        else:  # as_document names it "record i": i counts from the partition's start
            items.append(dataclasses.replace(as_document(record, i, fields=fields),
                                             source=f"partition {partition}, record {i}"))
    return items


def _frame_items(df: pd.DataFrame, columns: _FrameColumns) -> list[Document | RecordError]:
    """Rows as Documents, like `analyzer.batch.analyze_frame`: without an id column the doc_id is the row's
    index label; a row that cannot be analysed is named by its label; a missing value (None, NaN, pd.NA) is
    no value."""
    fields = Fields(text=columns.text, id=columns.id or _INDEX_FIELD, title=columns.title or "\0",
                    url=columns.url or "\0", published=columns.published or "\0")
    cols = columns.present()
    items: list[Document | RecordError] = []
    for i, (label, values) in enumerate(zip(df.index, df[cols].itertuples(index=False, name=None), strict=True)):
        # Dask stores text columns as pyarrow strings whose missing values are pd.NA: missing, like None
        record = {c: None if v is pd.NA or v is pd.NaT else v for c, v in zip(cols, values, strict=True)}
        if columns.id is None:
            record[_INDEX_FIELD] = str(label)
        d = as_document(record, i, fields=fields)
        if isinstance(d, RecordError):
            known = record.get(fields.id)
            d = dataclasses.replace(d, source=f"row {label}", id=str(known) if isinstance(known, (str, int)) else None)
        else:
            d = dataclasses.replace(d, source=f"row {label}")
        items.append(d)
    return items


def _error_frame(errors: Iterable[RecordError]) -> pd.DataFrame:
    errors = list(errors)
    return pd.DataFrame({"source": pd.array([e.source for e in errors], dtype="string"),
                         "id": pd.array([e.id for e in errors], dtype="string"),
                         "error": pd.array([e.message for e in errors], dtype="string")})


def _analyze_partition(part: Any, partition: int, options: _Options, fields: Fields | None,
                       columns: _FrameColumns | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The task of one input partition: (claims, errors)."""
    items = _frame_items(part, columns) if columns is not None else _bag_items(part, partition, fields or Fields())
    chunk = _analyze_items(items, options)
    for e in chunk.errors:
        log.warning("geoclaims: skipped %s", e)
    return chunk.frame, _error_frame(chunk.errors)


def analyze_with_errors(data: db.Bag | dd.DataFrame, *, text_col: str = "text", id_col: str | None = None,
                        title_col: str | None = None, url_col: str | None = None, published_col: str | None = None,
                        model: str | Path | None = None, gazetteer: str | Path | Iterable[str | Path] | None = None,
                        published: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                        trust_model_path: bool = False, force: bool = False,
                        checkworthiness: str = "default") -> tuple[dd.DataFrame, dd.DataFrame]:
    """``(claims, errors)``: two lazy Dask DataFrames. ``claims`` has the columns and dtypes of
    `analyzer.COLUMNS`, in input order; ``errors`` has one row per record that could not be analysed,
    with the columns ``source`` (where it was: ``"partition 3, record 17"`` in a bag, ``"row <index label>"``
    in a frame), ``id`` and ``error``.

    Compute both in one go, ``claims_df, errors_df = dask.compute(claims, errors)``, or write them with
    ``dask.compute(claims.to_parquet(path, schema=analyzer.io.writers.arrow_schema(), compute=False),
    errors.to_parquet(path2, compute=False))``: they share the analysis of each partition, which computing
    them one after the other would run twice. Each partition's rows are numbered from 0 (the index is not
    unique: ``reset_index(drop=True)`` after computing).

    ``data``: a ``dask.bag.Bag`` of records (str, or dicts with ``text`` and optional ``id``, ``title``,
    ``url``, ``published``; other key names through the ``*_col`` arguments), or a ``dask.dataframe.DataFrame``
    of articles, one per row: ``text_col`` holds the text, the other ``*_col`` the metadata; without
    ``id_col`` a document's ``doc_id`` is its row's index label (as `analyzer.batch.analyze_frame`), so keep
    the index unique (``read_json``/``read_csv`` number the rows of each file from 0) or pass ``id_col``.
    ``published``: the date of records that carry none.

    ``checkworthiness``: the check-worthiness mode, "default" or "accurate" (`analyzer.load`).

    One task per input partition; each worker process loads the pipeline of ``(model, gazetteer,
    checkworthiness)`` once (`worker_pipeline`) — the model installed and the gazetteer files readable on
    every worker."""
    options = _options(model, gazetteer, published, batch_size, trust_model_path, force, checkworthiness)
    columns: _FrameColumns | None = None
    fields: Fields | None = None
    if isinstance(data, dd.DataFrame):
        columns = _FrameColumns(text_col, id_col, title_col, url_col, published_col)
        missing = [c for c in columns.present() if c not in data.columns]
        if missing:
            raise InputError(f"{missing[0]!r}: no such column (columns: {', '.join(map(str, data.columns))})")
        data = data[columns.present()]
    elif isinstance(data, db.Bag):
        fields = Fields(text=text_col, id=id_col or "id", title=title_col or "title", url=url_col or "url",
                        published=published_col or "published")
    else:
        raise InputError(f"data: expected a dask.bag.Bag or a dask.dataframe.DataFrame, got {type(data).__name__}")
    task = dask.delayed(_analyze_partition, pure=True, nout=2)
    results = [task(part, i, options, fields, columns) for i, part in enumerate(data.to_delayed())]
    # from_delayed would turn the object columns (entities: lists) into strings under Dask's default
    # 'dataframe.convert-string'; the claim table keeps its own dtypes
    with dask.config.set({"dataframe.convert-string": False}):
        claims = dd.from_delayed([r[0] for r in results], meta=to_frame([]), verify_meta=False)
        errors = dd.from_delayed([r[1] for r in results], meta=_error_frame([]), verify_meta=False)
    return claims, errors


def analyze(data: db.Bag | dd.DataFrame, *, text_col: str = "text", id_col: str | None = None,
            title_col: str | None = None, url_col: str | None = None, published_col: str | None = None,
            model: str | Path | None = None, gazetteer: str | Path | Iterable[str | Path] | None = None,
            published: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
            trust_model_path: bool = False, force: bool = False, checkworthiness: str = "default") -> dd.DataFrame:
    """The claim table of ``data`` as a lazy Dask DataFrame (columns and dtypes of `analyzer.COLUMNS`); see
    `analyze_with_errors` for the arguments. Records that cannot be analysed are left out (and logged as
    warnings by the worker): use `analyze_with_errors` to get them."""
    return analyze_with_errors(data, text_col=text_col, id_col=id_col, title_col=title_col, url_col=url_col,
                               published_col=published_col, model=model, gazetteer=gazetteer, published=published,
                               batch_size=batch_size, trust_model_path=trust_model_path, force=force,
                               checkworthiness=checkworthiness)[0]


# ---- streaming to a cluster ------------------------------------------------------------------------------
def stream(records: Iterable[Any], *, scheduler: str, n_workers: int = 2, model: str | Path | None = None,
           gazetteer: str | Path | Iterable[str | Path] | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
           published: str | None = None, fields: Fields = Fields(), skip: set[str] | frozenset[str] = frozenset(),
           timeout: float = CONNECT_TIMEOUT, trust_model_path: bool = False,
           force: bool = False, checkworthiness: str = "default") -> Iterator[Chunk]:
    """`analyzer.batch.stream` on a Dask cluster: the same rows, a Chunk per ``batch_size`` documents, in
    input order.

    ``scheduler``: ``"local"`` starts a cluster of ``n_workers`` processes on this machine (one thread each)
    for the run; otherwise the address of a running scheduler (``tcp://host:8786``), reached within
    ``timeout`` seconds or SchedulerError (``n_workers`` is then ignored). This process reads ``records``
    lazily and sends them in batches, at most two per worker thread in flight, so memory stays flat; the
    cluster (or the connection) is closed when the iteration ends, fails or is abandoned. Workers need
    geoclaims, the model, and the gazetteer files at the same paths.

    The arguments are checked now; the cluster is reached on the first ``next()``."""
    if n_workers < 1:
        raise InputError(f"n_workers: expected 1 or more, got {n_workers}")
    options = _options(model, gazetteer, published, batch_size, trust_model_path, force, checkworthiness)
    return _stream(records, scheduler, n_workers, options, fields, skip, timeout)


def _batches(records: Iterable[Any], batch_size: int, fields: Fields, skip: set[str] | frozenset[str],
             force: bool = False) -> Iterator[tuple[list[Document | RecordError], int]]:
    """(items, skipped) per ``batch_size`` documents to analyse; records are turned into Documents here, so
    errors keep their position in the input ("record 12") and skipped documents are never sent."""
    items: list[Document | RecordError] = []
    docs = skipped = 0
    screen = Screen(fields, skip, force)
    for i, record in enumerate(records):
        d = screen(record, i)
        if d is None:
            skipped += 1
        else:
            items.append(d)
            docs += isinstance(d, Document)
        if docs >= batch_size or len(items) + skipped >= 4 * batch_size:
            yield items, skipped
            items, docs, skipped = [], 0, 0
    if items or skipped:
        yield items, skipped


def _stream(records: Iterable[Any], scheduler: str, n_workers: int, options: _Options, fields: Fields,
            skip: set[str] | frozenset[str], timeout: float) -> Iterator[Chunk]:
    cluster, client = _connect(scheduler, n_workers, timeout)
    pending: deque[tuple[Any, int]] = deque()  # (Future or Chunk, skipped), oldest first
    try:
        threads = sum(client.nthreads().values())
        in_flight = max(2 * threads, 4)  # two batches per worker thread: one running, one queued
        for items, skipped in _batches(records, options.batch_size, fields, skip, options.force):
            if any(isinstance(d, Document) for d in items):
                pending.append((client.submit(_analyze_items, items, options, pure=False), skipped))
            else:
                pending.append((Chunk(to_frame([]), [], list(items), 0), skipped))  # type: ignore[arg-type]
            while len(pending) >= in_flight:
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())
    finally:
        pending.clear()  # the scheduler forgets the futures of a closed client
        _close(client, cluster)


def _result(entry: Any, skipped: int) -> Chunk:
    chunk = entry if isinstance(entry, Chunk) else entry.result()
    chunk.skipped = skipped
    return chunk


def _connect(scheduler: str, n_workers: int, timeout: float) -> tuple[Any, distributed.Client]:
    if scheduler == "local":
        try:
            with warnings.catch_warnings(), _workers_ignore_sigint():
                # the scheduler's HTTP server moves off a busy port 8787: fine
                warnings.filterwarnings("ignore", message="Port .* is already in use")
                cluster = distributed.LocalCluster(n_workers=max(n_workers, 1), threads_per_worker=1,
                                                   processes=True, dashboard_address=None,
                                                   silence_logs=logging.CRITICAL)  # task errors reach us anyway
        except Exception as e:
            raise SchedulerError(f"cannot start a local Dask cluster: {e}") from None
        try:
            return cluster, distributed.Client(cluster, set_as_default=False)
        except BaseException:
            cluster.close()
            raise
    _check_reachable(scheduler, timeout)
    try:
        return None, distributed.Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, ValueError, TypeError) as e:
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None


@contextmanager
def _workers_ignore_sigint() -> Iterator[None]:
    """Worker processes started in here ignore Ctrl-C (SIG_IGN is inherited by a spawned process and kept by
    Python): the terminal sends it to them too, and they would die with tracebacks; this process stops them
    when the run ends. Ctrl-C is ignored for the few seconds the cluster takes to start."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _check_reachable(address: str, timeout: float) -> None:
    """Fail fast on a TCP address nobody listens at (the Client would retry until its timeout)."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        if scheme != "tcp":
            return
        host, port = parse_host_port(location)
    except (ValueError, TypeError) as e:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {e}") from None
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as e:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {e.strerror or e}") from None


def _close(client: distributed.Client, cluster: Any) -> None:
    """Best effort: a failed close must not hide the error (or the interrupt) that ended the run."""
    for step in (client.close, cluster.close) if cluster is not None else (client.close,):
        try:
            step()
        except Exception as e:
            log.debug("closing the Dask client: %s", e)
