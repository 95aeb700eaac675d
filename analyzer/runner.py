"""One batch run of the command line: read the inputs, analyse them (here, on worker processes or on Dask),
write claims as they come, report progress, errors and a summary. Kept out of cli.py so the command stays
a thin parser of options."""
from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from .errors import InputError
from .io.formats import FORMATS, FormatName
from .io.readers import Fields, RecordError
from .report.escape import safe as safe_for_terminal

SHOWN_ERRORS = 20  # error lines printed to stderr; all of them go to --errors


@dataclass
class RunSummary:
    records: int = 0
    documents: int = 0
    claims: int = 0
    errors: int = 0
    skipped: int = 0
    not_articles: int = 0  # files in input folders that geoclaims wrote (claim tables, reports...), skipped
    stored_documents: int | None = None  # with --store: documents and claims the store did not have yet
    stored_claims: int = 0
    not_stored: int = 0  # analysed documents the store cannot hold (said on stderr, each)
    store: str = ""
    interrupted: bool = False
    seconds: float = 0.0

    def line(self, out: Path | None) -> str:
        text = (f"{self.documents:,} document{'s' if self.documents != 1 else ''} analysed, "
                f"{self.claims:,} claim{'s' if self.claims != 1 else ''} "
                f"{'found' if self.store and out is None else 'written'}"
                f"{f' to {out}' if out else ''}, {self.errors:,} error{'s' if self.errors != 1 else ''}")
        if self.skipped:
            text += f", {self.skipped:,} skipped (already in {out or self.store})"
        if self.stored_documents is not None:
            text += (f", {self.stored_documents:,} new document{'s' if self.stored_documents != 1 else ''} and "
                     f"{self.stored_claims:,} claim{'s' if self.stored_claims != 1 else ''} stored in {self.store}")
            if self.not_stored:
                text += f" ({self.not_stored:,} document{'s' if self.not_stored != 1 else ''} could not be stored)"
        if self.not_articles:
            text += f", {self.not_articles:,} file{'s' if self.not_articles != 1 else ''} skipped (not articles)"
        text += f" in {self.seconds:.1f} s"
        return ("interrupted: " if self.interrupted else "") + text


@dataclass
class _Collected:
    """What a run keeps while it streams: the claims of a whole-file --out, the documents of a --report, and
    how many error rows it has shown."""

    frames: list[pd.DataFrame] = field(default_factory=list)
    views: list = field(default_factory=list)
    report_frames: list[pd.DataFrame] = field(default_factory=list)
    shown: int = 0


@dataclass
class Run:
    paths: list[str]
    fmt: FormatName
    out: Path | None = None
    errors_path: Path | None = None
    published: str | None = None
    fields: Fields = field(default_factory=Fields)
    workers: int = 1
    batch_size: int = 32
    resume: bool = False
    quiet: bool = False
    scheduler: str | None = None
    model: str | None = None
    trust_model_path: bool = False  # --model may be a pipeline folder
    force: bool = False  # analyse documents that are not English
    gazetteer: list[str] = field(default_factory=list)
    checkworthiness: str = "default"  # the check-worthiness mode: "default" or "accurate" (--accurate)
    report: Path | None = None  # an .html or .md report of the documents, written at the end
    store: str | None = None  # a claim store (DuckDB file or postgresql:// URL) the claims go into as well
    command: str = ""  # the command line, kept with the store's run
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    summary: RunSummary = field(default_factory=RunSummary)

    # ---- the run ---------------------------------------------------------------------------------
    def execute(self) -> int:
        """Run; the exit code: 0 all analysed, 1 some records failed (or interrupted), 2 is raised as an
        InputError/GeoclaimsError by the caller's handler."""
        from .io.readers import iter_records

        # folders are expanded now, before any output exists: this run never reads what it writes
        records = iter_records(self.paths, fields=self.fields, published=self.published, on_skip=self._not_article,
                               outputs=[self.out, self.errors_path, self.report])
        self._check_writable()
        if self.report is not None and self.scheduler:
            raise InputError("--report is not available with --scheduler yet: write claims with --out, then report")
        self._store = self._open_store()
        try:
            writer, errors_fh, chunks = self._open(records)
        except BaseException:
            self._close_store(ok=False)
            raise
        got = _Collected()
        t0 = time.perf_counter()
        guard = _Guard()
        try:
            with self._progress() as advance, _deferred_interrupt(guard):
                ended = False
                try:
                    for chunk in chunks:
                        self._take(chunk, writer, errors_fh, got, guard)
                        advance(len(chunk.doc_ids) + len(chunk.errors) + chunk.skipped, self.summary.claims)
                    ended = True
                except KeyboardInterrupt:
                    ended = self.summary.interrupted = True
                finally:
                    with guard:  # a signal now waits until the files are closed whole
                        self._close(writer, errors_fh, ok=ended)
                        self._close_store(ok=ended and not self.summary.interrupted)
        except KeyboardInterrupt:
            self.summary.interrupted = True
        finally:
            self._close(writer, errors_fh, ok=False)  # after an error: what is still open
            self._close_store(ok=False)
        self.summary.seconds = time.perf_counter() - t0
        return self._conclude(writer, got, guard)

    def _open(self, records: Iterator) -> tuple[Any, Any, Iterator]:
        """The claim stream writer (for a streamable --out), the --errors file and the chunks to analyse. The
        outputs are locked (a second run on them fails here, at once) and checked before the model loads;
        nothing in them is emptied before this run writes its first rows."""
        from .io.readers import FileIds
        from .io.writers import OwnedFile, StreamWriter

        streamed = self.out is not None and FORMATS[self.fmt].streamable
        writer = StreamWriter(self.out, self.fmt, resume=self.resume, protect=True) \
            if streamed and self.out is not None else None
        errors_fh = None
        try:
            if self.errors_path is not None:
                errors_fh = OwnedFile(self.errors_path, keys=("source", "error"), kind="--errors file")
            # resuming: what --out holds, else what the store holds for this pipeline (a document in the store but
            # not in --out is analysed again; the store adds nothing for it)
            skip = writer.done if writer is not None else \
                self._store.store.stored_ids(self._store.pipeline_version) \
                if self.resume and self._store is not None else set()
            if skip or (writer is not None and writer.tail is not None):  # ids an earlier version spelled otherwise
                ids = FileIds()
                skip = ids.also_known_as(skip)
                if writer is not None and writer.tail is not None:
                    writer.tail_names |= ids.also_known_as({writer.tail})
            return writer, errors_fh, self._chunks(records, skip)
        except BaseException:
            for f in (writer, errors_fh):
                if f is not None:
                    f.close(ok=False)
            raise

    def _take(self, chunk: Any, writer: Any, errors_fh: Any, got: _Collected, guard: _Guard) -> None:
        """Write one analysed chunk (its claims and its error rows) and count it."""
        written = len(chunk.frame)
        with guard:  # Ctrl-C and SIGTERM wait until this chunk is written: the file stays valid
            if self._store is not None:  # first: a run killed between the two writes resumes from --out
                added = self._store.write(chunk.documents, chunk.frame)
                self.summary.stored_documents = (self.summary.stored_documents or 0) + added.documents
                self.summary.stored_claims += added.claims
                self.summary.not_stored += len(added.rejected)
                for doc_id, why in added.rejected:
                    self.stderr.write(f"geoclaims: {safe_for_terminal(doc_id)}: {why}\n")
            if writer is not None:
                written = writer.write(chunk.frame)
            elif not (self._store is not None and self.out is None):  # --store alone prints no table
                got.frames.append(chunk.frame)
            for e in chunk.errors:
                if errors_fh is not None:
                    errors_fh.write(json.dumps(error_record(e), ensure_ascii=False) + "\n")
                if got.shown < SHOWN_ERRORS:
                    self.stderr.write(f"geoclaims: error: {safe_for_terminal(e)}\n")
                got.shown += 1
        if self.report is not None:
            got.views.extend(chunk.views or ())
            got.report_frames.append(chunk.frame)
        s = self.summary
        s.documents += len(chunk.doc_ids)
        s.claims += written
        s.errors += len(chunk.errors)
        s.skipped += chunk.skipped

    def _conclude(self, writer: Any, got: _Collected, guard: _Guard) -> int:
        """After the stream: the errors not shown, the whole-file output and the report, the summary line, and
        the exit code."""
        s = self.summary
        s.records = s.documents + s.errors + s.skipped + s.not_articles
        if got.shown > SHOWN_ERRORS:
            self.stderr.write(safe_for_terminal(f"geoclaims: ... {got.shown - SHOWN_ERRORS:,} more error(s)"
                              f"{f' in {self.errors_path}' if self.errors_path else '; use --errors FILE'}") + "\n")
        if writer is None and not s.interrupted and not (self.store is not None and self.out is None):
            self._write_whole(got.frames)
        if self.report is not None:
            self._write_report(got.views, got.report_frames)
        if not self.quiet or s.interrupted:
            self.stderr.write(f"geoclaims: {safe_for_terminal(s.line(self.out))}\n")
        if s.interrupted:
            if self.resume or self.out is not None or self.store is not None:
                self.stderr.write("geoclaims: rerun with --resume to go on where this run stopped\n")
            return 128 + (guard.signum or signal.SIGINT)  # 130 after Ctrl-C, 143 after SIGTERM
        return 1 if s.errors or s.not_stored else 0

    def _open_store(self) -> Any:
        """With --store: the store (its schema brought up to date) and this run in it (`RunWriter`), opened before
        the model loads; with --resume, the last unfinished run of this pipeline goes on."""
        if self.store is None:
            return None
        from .store import RunWriter, open as open_store, pipeline_version

        self.summary.store = self.store
        self.summary.stored_documents = 0
        version = pipeline_version(self.model, self.checkworthiness, self.gazetteer)
        store = open_store(self.store)
        try:
            return RunWriter(store, version, store.begin_run(version, self.command or "geoclaims analyze",
                                                             resume=self.resume))
        except BaseException:
            store.close()
            raise

    def _close_store(self, ok: bool) -> None:
        """End the store's run (complete, or interrupted) and close the store; once."""
        run, self._store = getattr(self, "_store", None), None
        if run is None:
            return
        try:
            run.store.end_run(run.run_id, "complete" if ok else "interrupted")
        finally:
            run.store.close()

    @staticmethod
    def _close(writer: Any, errors_fh: Any, ok: bool) -> None:
        try:
            if writer is not None:
                writer.close(ok=ok)
        finally:
            if errors_fh is not None:
                errors_fh.close(ok=ok)

    def _chunks(self, records: Iterator, skip: set[str]) -> Iterator:
        if self.scheduler:
            from .dask import stream as dask_stream

            return dask_stream(records, scheduler=self.scheduler, n_workers=self.workers, model=self.model,
                               trust_model_path=self.trust_model_path,
                               gazetteer=self.gazetteer or None, batch_size=self.batch_size,
                               published=self.published, fields=self.fields, skip=skip, force=self.force,
                               checkworthiness=self.checkworthiness)
        from .batch import stream
        from .pipeline import load

        nlp = load(self.model, gazetteer=self.gazetteer or None, trust_path=self.trust_model_path,
                   checkworthiness=self.checkworthiness)
        return stream(records, nlp=nlp, n_process=self.workers, batch_size=self.batch_size,
                      published=self.published, fields=self.fields, skip=skip, keep_text=self.report is not None,
                      force=self.force)

    # ---- output ----------------------------------------------------------------------------------
    def _check_writable(self) -> None:
        from .io.guard import check_writable

        for path, option in ((self.out, "--out"), (self.errors_path, "--errors"), (self.report, "--report")):
            if path is not None:
                check_writable(path, option)

    def _not_article(self, path: str, why: str) -> None:
        """A file of an input folder that is not read (`iter_records`' ``on_skip``): say so, count it."""
        self.stderr.write(f"geoclaims: skipped {safe_for_terminal(path)}: {why}\n")
        self.summary.not_articles += 1

    def _write_report(self, views: list, frames: list[pd.DataFrame]) -> None:
        """The HTML or Markdown report of the documents analysed in this run (kept in memory until the end:
        a report is for reading, not for corpora of millions)."""
        from .claims.table import to_frame
        from .report.page import report_html, report_markdown

        claims = pd.concat(frames, ignore_index=True) if frames else to_frame([])
        title = f"geoclaims report: {len(views)} document{'s' if len(views) != 1 else ''}"
        report = self.report
        assert report is not None, "called with --report only"
        text = report_markdown(views, claims, title=title) if report.suffix.lower() == ".md" else \
            report_html(views, claims, title=title)
        report.write_text(text, encoding="utf8")
        if not self.quiet:
            self.stderr.write(f"geoclaims: report written to {safe_for_terminal(self.report)}\n")

    def _write_whole(self, frames: list[pd.DataFrame]) -> None:
        import shutil

        from .claims.table import to_frame
        from .report.export import save, write

        frame = pd.concat(frames, ignore_index=True) if frames else to_frame([])
        if self.fmt == "xlsx" and self.out is None:  # binary
            raise InputError("--format xlsx needs --out FILE (Excel files are binary)")
        if self.out is not None:
            save(frame, self.out, self.fmt)
        else:
            width = shutil.get_terminal_size((160, 24)).columns if sys.stdout.isatty() else None
            write(frame, self.fmt, sys.stdout, console_width=width)
            sys.stdout.flush()

    @contextmanager
    def _progress(self) -> Iterator:
        """A rich progress bar on a terminal (documents, claims, documents/s, ETA); nothing in a pipe."""
        if self.quiet or not getattr(self.stderr, "isatty", lambda: False)():
            yield lambda n, claims: None
            return
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        from .io.readers import count_records

        total = count_records(self.paths, fields=self.fields)
        columns = [TextColumn("documents"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[claims]:,} claims"),
                   TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn(), TextColumn("ETA"),
                   TimeRemainingColumn()]
        t0 = time.perf_counter()
        with Progress(*columns, console=Console(file=self.stderr), transient=False) as bar:
            task = bar.add_task("analyse", total=total, claims=0, rate="-")

            def advance(n: int, claims: int) -> None:
                done = bar.tasks[0].completed + n
                rate = done / max(time.perf_counter() - t0, 1e-9)
                bar.update(task, advance=n, claims=claims, rate=f"{rate:,.1f}")

            yield advance


class _Guard:
    """While active, Ctrl-C and SIGTERM are held back and raised at the end of the block (as
    KeyboardInterrupt); ``signum`` is the signal that stopped the run (0: none)."""

    def __init__(self) -> None:
        self.active = False
        self.pending = False
        self.signum = 0

    def __enter__(self) -> _Guard:
        self.active = True
        return self

    def __exit__(self, *exc: object) -> None:
        self.active = False
        if self.pending:
            self.pending = False
            _interrupt()


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)  # Ctrl-C; docker stop, Slurm, timeout and kill


@contextmanager
def _deferred_interrupt(guard: _Guard | None = None) -> Iterator[_Guard]:
    guard = guard or _Guard()
    if not _is_main_thread():  # signals are delivered to the main thread only
        yield guard
        return

    owner = os.getpid()

    def handler(signum: int, frame: Any) -> None:
        # spaCy's worker processes are forked with this handler: they ignore the signal and are stopped by
        # this process, which ends the pipe in order
        if os.getpid() != owner:
            return
        guard.signum = guard.signum or signum
        if guard.active:
            guard.pending = True
        else:
            _interrupt()

    previous = {s: signal.getsignal(s) for s in STOP_SIGNALS}
    for s in STOP_SIGNALS:
        signal.signal(s, handler)
    try:
        yield guard
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def _interrupt() -> None:
    """Stop the run: end spaCy's worker processes first (they may be blocked writing results this process
    will not read any more, and spaCy joins them), then raise KeyboardInterrupt here. The workers of our own
    pool (`analyzer.batch`, named ...PoolWorker-N) are left to the pool's terminate(): a worker killed while it
    holds the pool's queue lock would make that wait forever."""
    import multiprocessing
    import warnings

    for child in multiprocessing.active_children():
        if "PoolWorker" not in child.name:
            child.terminate()
    warnings.filterwarnings("ignore", message=".*W127.*")  # spaCy: 'not all processes exited with code 0'
    raise KeyboardInterrupt


def _is_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def error_record(e: RecordError) -> dict[str, Any]:
    return {"source": e.source, "id": e.id, "error": e.message}
