"""Analysing many documents: streamed through ``nlp.pipe`` (optionally on several processes), yielding the
claim table in chunks so memory stays flat however large the corpus. A bad record becomes an error and
the run goes on: records in == documents analysed + errors."""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import multiprocessing
import signal
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pandas as pd
from spacy.language import Language

from .api import ENTITY_LABELS, entity_frame, get_pipeline, make_doc, normalize_published, parse
from .claims.model import doc_id_of, text_id
from .claims.table import to_frame
from .errors import InputError
from .core import Document, DocumentView, Fields, RecordError, unicode_error
from .io.readers import record_document
from .language import detect as detect_language
from .pieces import in_pieces, piece_limit
from .report.escape import safe as safe_for_terminal
from .text import entity_name, original_text

DEFAULT_BATCH_SIZE = 32


@dataclass
class Chunk:
    """What one batch of documents gave: the claims of ``doc_ids`` (in input order), and the records of
    the same stretch of input that could not be analysed."""

    frame: pd.DataFrame
    doc_ids: list[str]
    errors: list[RecordError]
    skipped: int = 0  # documents passed over because their id was in ``skip``
    views: list[DocumentView] | None = None  # with ``keep_text``: each document's text and entities
    documents: list[DocumentInfo] = dataclasses.field(default_factory=list)  # of ``doc_ids``, in the same order


@dataclass(frozen=True)
class DocumentInfo:
    """What a run knows of an analysed document besides its claims (the claim store keeps it, and a document
    without claims is known by it alone): its id, the SHA-256 of its text (UTF-8), and its metadata."""

    doc_id: str
    sha256: str
    title: str | None
    url: str | None
    published: str | None
    language: str | None
    chars: int
    entities: tuple[tuple[str, str, str, int], ...] = ()  # (name, label, entity id or "", mentions), first seen first

    @classmethod
    def of(cls, doc: Any, doc_id: str) -> DocumentInfo:
        text = original_text(doc)
        return cls(doc_id, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), doc._.title, doc._.url,
                   doc._.published, doc._.language, len(text), document_entities(doc))


def document_entities(doc: Any) -> tuple[tuple[str, str, str, int], ...]:
    """The entities a Doc names, as `analyzer.entities` counts them: (name, label, entity id, mentions), one per
    name (canonical, else as written) and label, in order of first mention."""
    found: dict[tuple[str, str], list] = {}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        x = ent._
        name = x.canonical or x.name or entity_name(ent)
        row = found.get((name, ent.label_))
        if row is None:
            found[name, ent.label_] = [name, ent.label_, x.entity_id or "", 1]
        else:
            row[3] += 1
    return tuple((n, label, e, k) for n, label, e, k in found.values())


def as_document(record: Any, index: int, *, fields: Fields = Fields()) -> Document | RecordError:
    """A Document from a str, a mapping with ``fields.text`` (and optional id, title, url, published; read
    as a JSONL record is, `analyzer.io.record_document`) or a Document; anything else is a RecordError
    naming the record by its position."""
    if isinstance(record, Document):
        return record
    where = f"record {index}"
    if isinstance(record, str):  # str() turns a str subclass (numpy's str_) into the str spaCy takes
        return Document(id=None, text=str(record), source=where)
    if not isinstance(record, Mapping):
        return RecordError(where, f"expected a str or a dict with '{fields.text}', got {type(record).__name__}")
    return record_document(record, source=where, default_id=None, fields=fields, published=None)


def stream(records: Iterable[Any], *, nlp: Language | None = None, n_process: int = 1,
           batch_size: int = DEFAULT_BATCH_SIZE, published: str | None = None, fields: Fields = Fields(),
           skip: set[str] | frozenset[str] = frozenset(), keep_text: bool = False,
           force: bool = False) -> Iterator[Chunk]:
    """The claim table of ``records`` (str, dict, Document or RecordError), a Chunk per ``batch_size``
    documents, in input order. ``published`` is the date of records that carry none; documents whose id
    is in ``skip`` are passed over (resuming). ``keep_text``: each Chunk also carries its documents' text
    and entity tables (``views``), for reports. Records are screened first (`Screen`): ``force`` analyses
    documents shown to be in another language than English instead of reporting them as errors.

    ``n_process`` > 1 analyses whole batches in that many worker processes, forked with the loaded
    pipeline: each runs ``nlp.pipe`` over its batch and sends back only the claim rows, so this process
    only reads and writes. (spaCy's own ``nlp.pipe(n_process=...)`` sends every Doc to a worker and back
    serialised, work that stays in this process and held two workers to 1.4x; it is used where processes
    cannot be forked.) Same rows, same order as one process."""
    check_records(records)
    if n_process < 1:
        raise InputError(f"n_process: expected 1 or more, got {n_process}")
    if batch_size < 1:
        raise InputError(f"batch_size: expected 1 or more, got {batch_size}")
    nlp = get_pipeline(nlp)
    default_date = normalize_published(published)
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        return _stream_forked(records, nlp, n_process, batch_size, default_date, fields, skip, keep_text, force)
    return _stream_here(records, nlp, n_process, batch_size, default_date, fields, skip, keep_text, force)


def check_records(records: object) -> None:
    """InputError unless ``records`` is an iterable of records: a str would be read a character at a time, a
    dict key by key, a DataFrame column name by column name, a 2-D array row by row."""
    kind = type(records).__name__
    if isinstance(records, (str, bytes, bytearray)):
        raise InputError(f"records: expected an iterable of texts or dicts, got one {kind} (it would be read a "
                         "character at a time); analyse one text with analyze(text), or pass [text]")
    if isinstance(records, Mapping):
        raise InputError(f"records: expected an iterable of texts or dicts, got one {kind} (it would be read key "
                         "by key); pass a list of dicts: [record]")
    if isinstance(records, pd.DataFrame):
        raise InputError("records: got a DataFrame (it would be read column name by column name); use "
                         "analyze_frame(df, text_col=...)")
    ndim = getattr(records, "ndim", 1)
    if ndim != 1:
        raise InputError(f"records: expected a one-dimensional sequence of texts, got a {ndim}-dimensional "
                         f"{kind}")
    if not isinstance(records, Iterable):
        raise InputError(f"records: expected an iterable of texts or dicts, got {kind}")


class Screen:
    """What a batch run does with each record before analysis: the Document to analyse (its language
    detected); a RecordError for a record that has no text (empty or only whitespace), repeats an id seen
    earlier in the run (a record without an id is named by its text's hash, so the same text twice is a
    repeat), or is shown to be in another language than English (unless ``force``); or None for a
    document whose id is in ``skip`` (already written, when resuming)."""

    def __init__(self, fields: Fields = Fields(), skip: set[str] | frozenset[str] = frozenset(),
                 force: bool = False) -> None:
        self.fields, self.skip, self.force = fields, skip, force
        self.seen: dict[str, str] = {}  # id -> where it was first seen

    def __call__(self, record: Any, index: int) -> Document | RecordError | None:
        d = record if isinstance(record, RecordError) else as_document(record, index, fields=self.fields)
        if not isinstance(d, Document):
            return d
        where = d.source or f"record {index}"
        broken = unicode_error(((n, getattr(d, n)) for n in ("text", "id", "title", "url")), where, d.id, "id")
        if broken is not None:  # also for strs and Documents given directly, which no reader has checked
            return broken
        if not d.text.strip():
            return RecordError(where, "no text to analyse (empty or only whitespace)", d.id)
        if d.id is None:
            d = dataclasses.replace(d, id=text_id(d.text))
            repeat = "the same text as"
        else:
            repeat = "the same id as"
        doc_id = d.id
        assert doc_id is not None
        if doc_id in self.seen:
            return RecordError(where, f"duplicate document id {doc_id!r}: {repeat} {self.seen[doc_id]}; ids must be "
                               "unique (this record was not analysed)", doc_id)
        self.seen[doc_id] = where
        if doc_id in self.skip:
            return None
        if d.language is None:
            found = detect_language(d.text)
            d = dataclasses.replace(d, language=found.code)
            if not found.is_english and not self.force:
                return RecordError(where, f"not English: looks like {found.code!r} ({found.reason}); not analysed "
                                   "(--force, or force=True, analyses it anyway)", d.id)
        return d


def _documents(records: Iterable[Any], fields: Fields, skip: set[str] | frozenset[str],
               force: bool = False) -> Iterator:
    """Each record as `Screen` has it: a Document, a RecordError, or None when its id is in ``skip``."""
    screen = Screen(fields, skip, force)
    for i, record in enumerate(records):
        yield screen(record, i)


_LONG = "geoclaims.long_text"  # user_data key of a stand-in Doc for a text parsed in pieces


@contextmanager
def _old_objects_frozen() -> Iterator[None]:
    """Leave the objects that exist when a batch run starts (the pipeline, the modules, the caller's data: some
    350,000 of them) out of the cyclic garbage collector's passes while it runs, and give them back to it after
    (`gc.freeze`, `gc.unfreeze`). A run makes many objects that live for a batch or two; they set off full
    collections, which walked all of those each time: 1.5% of the run's time. Objects made during the run are
    collected as usual. Nothing is done when the collector is off or the process has frozen objects itself."""
    if not gc.isenabled() or gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _stream_here(records: Iterable[Any], nlp: Language, n_process: int, batch_size: int, default_date: str | None,
                 fields: Fields, skip: set[str] | frozenset[str], keep_text: bool = False,
                 force: bool = False) -> Iterator[Chunk]:
    """`stream` in this process (``n_process`` > 1: spaCy's multiprocessing pipe), the objects older than the run
    frozen (`_old_objects_frozen`)."""
    with _old_objects_frozen():
        yield from _analyse_here(records, nlp, n_process, batch_size, default_date, fields, skip, keep_text, force)


def _analyse_here(records: Iterable[Any], nlp: Language, n_process: int, batch_size: int, default_date: str | None,
                  fields: Fields, skip: set[str] | frozenset[str], keep_text: bool = False,
                  force: bool = False) -> Iterator[Chunk]:
    pending: list[RecordError] = []
    skipped = [0]

    def docs() -> Iterator:
        for d in _documents(records, fields, skip, force):
            if d is None:
                skipped[0] += 1
            elif isinstance(d, RecordError):
                pending.append(d)
            else:
                try:
                    doc = None if len(d.text) > limit else \
                        make_doc(nlp, d.text, published=d.published or default_date, doc_id=d.id, title=d.title,
                                 url=d.url, language=d.language)
                except InputError as e:
                    pending.append(RecordError(d.source or str(d.id), str(e), d.id))
                    continue
                if doc is None or in_pieces(nlp, d.text, doc):
                    # parsed in pieces below (too long, or too many tokens); an empty stand-in keeps its place
                    stand_in = nlp.make_doc("")
                    stand_in.user_data[_LONG] = (d.text, d.published or default_date, d.id, d.title, d.url,
                                                 d.language)
                    yield stand_in
                else:
                    yield doc

    limit = piece_limit(nlp)
    claims: list = []
    ids: list[str] = []
    infos: list[DocumentInfo] = []
    views: list[DocumentView] | None = [] if keep_text else None
    for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
        if _LONG in doc.user_data:
            text, date, doc_id, title, url, language = doc.user_data[_LONG]
            doc = parse(nlp, text, published=date, doc_id=doc_id, title=title, url=url, language=language)
        claims.extend(doc._.claims)
        ids.append(doc_id_of(doc))
        infos.append(DocumentInfo.of(doc, ids[-1]))
        if views is not None:
            views.append(DocumentView(ids[-1], original_text(doc), entity_frame(doc), doc._.title, doc._.url,
                                      doc._.published))
        if len(ids) >= batch_size:
            errors, pending[:] = list(pending), []
            yield Chunk(to_frame(claims), ids, errors, skipped[0], views, infos)
            claims, ids, infos, skipped[0] = [], [], [], 0
            views = [] if keep_text else None
    if ids or pending or skipped[0]:
        yield Chunk(to_frame(claims), ids, list(pending), skipped[0], views, infos)


_FORKED_NLP: Language | None = None  # the pipeline a forked worker inherits


def _ignore_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers; no traceback from each


def _analyze_batch(documents: list[Document], default_date: str | None, keep_text: bool = False) -> Chunk:
    """In a worker: one batch of documents through the inherited pipeline, as one Chunk."""
    assert _FORKED_NLP is not None, "a worker inherits the pipeline when it is forked"
    chunks = list(_stream_here(documents, _FORKED_NLP, 1, len(documents) + 1, default_date, Fields(), frozenset(),
                               keep_text))
    frames = [c.frame for c in chunks]
    return Chunk(pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0] if frames else to_frame([]),
                 [i for c in chunks for i in c.doc_ids], [e for c in chunks for e in c.errors],
                 views=[v for c in chunks for v in c.views or ()] if keep_text else None,
                 documents=[d for c in chunks for d in c.documents])


def _stream_forked(records: Iterable[Any], nlp: Language, n_process: int, batch_size: int,
                   default_date: str | None, fields: Fields, skip: set[str] | frozenset[str],
                   keep_text: bool = False, force: bool = False) -> Iterator[Chunk]:
    """`stream` on ``n_process`` forked workers. The pool is started here, before the caller's threads
    (a progress bar) are; batches are read lazily, at most two per worker in flight (flat memory), and
    come back in input order."""
    global _FORKED_NLP
    _FORKED_NLP = nlp
    pool = multiprocessing.get_context("fork").Pool(n_process, initializer=_ignore_interrupt)

    def batches() -> Iterator[tuple[list[Document], list[RecordError], int]]:
        docs: list[Document] = []
        errors: list[RecordError] = []
        skipped = 0
        for d in _documents(records, fields, skip, force):
            if d is None:
                skipped += 1
            elif isinstance(d, RecordError):
                errors.append(d)
            else:
                docs.append(d)
                if len(docs) >= batch_size:
                    yield docs, errors, skipped
                    docs, errors, skipped = [], [], 0
        if docs or errors or skipped:
            yield docs, errors, skipped

    def results() -> Iterator[Chunk]:
        window: deque = deque()
        try:
            for docs, errors, skipped in batches():
                job = pool.apply_async(_analyze_batch, (docs, default_date, keep_text)) if docs else None
                window.append((job, errors, skipped))
                if len(window) >= 2 * n_process:
                    yield _collect(*window.popleft())
            while window:
                yield _collect(*window.popleft())
            pool.close()
        finally:
            pool.terminate()
            pool.join()

    return results()


def _collect(job: Any, errors: list[RecordError], skipped: int) -> Chunk:
    chunk = job.get() if job is not None else Chunk(to_frame([]), [], [])
    return Chunk(chunk.frame, chunk.doc_ids, errors + chunk.errors, skipped, chunk.views, chunk.documents)


def analyze_many(records: Iterable[Any], *, nlp: Language | None = None, n_process: int = 1,
                 batch_size: int = DEFAULT_BATCH_SIZE, published: str | None = None, fields: Fields = Fields(),
                 errors: list[RecordError] | None = None, force: bool = False) -> Iterator[pd.DataFrame]:
    """Claim-table chunks (DataFrames with the columns of `analyzer.COLUMNS`) of many documents, in input
    order, one per ``batch_size`` documents; concatenate them or write each as it comes.

    ``records``: strings, or dicts with ``text`` and optional ``id``, ``title``, ``url``, ``published``
    (other key names through ``fields``). A record that cannot be analysed does not stop the run: it is
    appended to ``errors`` when you pass a list, else reported with a warning: no text, a repeated id or
    text, a text shown to be in another language than English (analysed anyway with ``force=True``; the
    ``language`` column says what was detected). ``n_process`` > 1 analyses batches in that many forked
    processes (same rows, same order)."""
    chunks = stream(records, nlp=nlp, n_process=n_process, batch_size=batch_size, published=published,
                    fields=fields, force=force)  # checks the arguments now, not at the first chunk

    def frames() -> Iterator[pd.DataFrame]:
        for chunk in chunks:
            for e in chunk.errors:
                if errors is not None:
                    errors.append(e)
                else:
                    warnings.warn(f"geoclaims: skipped {safe_for_terminal(e)}", stacklevel=3)
            yield chunk.frame

    return frames()


def analyze_frame(df: pd.DataFrame, text_col: str = "text", *, id_col: str | None = None,
                  title_col: str | None = None, url_col: str | None = None, published_col: str | None = None,
                  nlp: Language | None = None, n_process: int = 1, batch_size: int = DEFAULT_BATCH_SIZE,
                  errors: list[RecordError] | None = None, force: bool = False) -> pd.DataFrame:
    """The claim table of a DataFrame of articles, one article per row. Without ``id_col`` a document's
    ``doc_id`` is its row's index label, so claims join back to ``df``. Rows that cannot be analysed (text
    not a string, a repeated index label, not English unless ``force``...) go to ``errors`` (or a
    warning), named by their index label."""
    missing = [c for c in (text_col, id_col, title_col, url_col, published_col) if c is not None and c not in df]
    if missing:
        raise InputError(f"{missing[0]!r}: no such column (columns: {', '.join(map(str, df.columns))})")
    fields = Fields(text=text_col, id=id_col or "\0", title=title_col or "\0", url=url_col or "\0",
                    published=published_col or "\0")
    cols = [c for c in (text_col, id_col, title_col, url_col, published_col) if c is not None]

    def rows() -> Iterator[Document | RecordError]:
        for label, values in zip(df.index, df[cols].itertuples(index=False, name=None), strict=True):
            yield record_document(dict(zip(cols, values, strict=True)), source=f"row {label!r}",
                                  default_id=None if id_col else str(label), fields=fields, published=None)

    chunks = list(analyze_many(rows(), nlp=nlp, n_process=n_process, batch_size=batch_size, fields=fields,
                               errors=errors, force=force))
    return pd.concat(chunks, ignore_index=True) if chunks else to_frame([])
