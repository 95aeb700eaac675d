"""Writing the claim table as a stream: CSV, JSON Lines or Parquet, a chunk at a time, so a corpus of any
size is written with flat memory, and so that an interrupted run can resume where it stopped.

Guarantees (issue 15):
- The output is opened without truncating it and under an exclusive lock (``flock``): a second run writing
  the same file fails at once; the kernel releases the lock when a process dies, so a killed run never
  leaves a stale lock. A run that overwrites the file (no ``resume``) empties it only when it writes its
  first rows (or finishes), and, when ``protect`` is set, only if the file is a claim table already.
- ``resume`` reads back which documents the file holds (`StreamWriter.done`) and repairs only what a crash
  can leave: JSON Lines keeps every line that parses (blank lines are skipped) and drops an unfinished last
  line; CSV drops an unfinished last record (the writer ends every record with CRLF). A file that is not a
  claim table is refused. The last document of the file is analysed again (a hard kill may have cut its
  rows short) and only its rows the file lacks are written.
- Parquet keeps its footer at the end, so a file being written is unreadable until closed. Rows are
  therefore written to a journal beside it (``claims.parquet.journal``: each chunk one length-prefixed Arrow
  IPC stream, flushed as it is written) and merged into the Parquet file (row groups of `ROW_GROUP_ROWS`)
  when the writer closes. After a hard kill the Parquet file is as the run found it (empty for a new run)
  and the journal holds every chunk written whole; ``resume`` reads both and merges them at the end."""
from __future__ import annotations

import csv
import json
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from ..claims.table import COLUMNS, CONTRACT
from ..errors import InputError
from .cells import FORMULA_TRIGGERS, neutralise, records
from .formats import STREAMABLE

STREAM_FORMATS = STREAMABLE  # analyzer/io/formats.py
LIST_TYPES = {"entities": "string", "entity_mentions": "int64", "entity_stance": "string", "subject": "string"}
ROW_GROUP_ROWS = 10_000  # Parquet: rows per row group of the finished file
JOURNAL_MAGIC = b"geoclaims journal 1\n"  # then a 32-hex-digit token and a newline, then the chunks
TOKEN_KEY = b"geoclaims.journal"  # Parquet metadata: the token of the journal merged into the file
REFUSE = "--resume appends only to a claim table written by geoclaims analyze; write to another file"


def arrow_schema() -> Any:
    """The claim table's columns as an Arrow schema (list columns as lists)."""
    import pyarrow as pa

    types = {"string": pa.string(), "float64": pa.float64(), "int64": pa.int64(), "bool": pa.bool_()}
    return pa.schema([(name, pa.list_(types[LIST_TYPES[name]]) if dtype == "object" else types[dtype])
                      for name, dtype in COLUMNS.items()])


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """List columns as '; '-joined text, the way CSV shows them; then string cells neutralised against
    formula injection (`analyzer.io.cells.neutralise`)."""
    joined = frame.assign(**{c: frame[c].map(lambda xs: "; ".join(map(str, xs))) for c in LIST_TYPES if c in frame})
    return neutralise(joined)


# ---- locking -------------------------------------------------------------------------------------------
_LOCKED: set[int] = set()  # descriptors this process locked


def _forget_locks() -> None:
    """In a forked child (a worker of `analyzer.batch`): close its copies of the locked descriptors, so that
    the lock dies with the process that took it, not with the last of its workers."""
    for fd in _LOCKED:
        try:
            os.close(fd)
        except OSError:
            pass
    _LOCKED.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks)


def unlock(fd: int) -> None:
    """Close ``fd``, which `lock` gave: the lock goes with it."""
    _LOCKED.discard(fd)
    os.close(fd)


def lock(path: Path) -> int:
    """A descriptor of ``path`` (created if missing, never truncated) under an exclusive lock; InputError at
    once when another process holds it. The lock goes with the descriptor (and with the process)."""
    for _ in range(20):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as e:
            raise InputError(f"{path}: cannot write: {e.strerror or e}") from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise InputError(f"{path}: not a regular file (a FIFO or a device); write to a file")
            _flock(fd, path)
            now = os.stat(path)
        except FileNotFoundError:
            os.close(fd)  # replaced or removed while we waited: open it again
            continue
        except BaseException:
            os.close(fd)
            raise
        if (st.st_dev, st.st_ino) == (now.st_dev, now.st_ino):
            _LOCKED.add(fd)
            return fd
        os.close(fd)  # another writer replaced the file (a Parquet merge) between open and lock
    raise InputError(f"{path}: keeps being replaced by another process; write to another file")


def _flock(fd: int, path: Path) -> None:
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise InputError(f"{path}: another geoclaims run is writing this file (it is locked; or this run "
                         "writes it twice); wait for that run to finish or write to another file") from None
    except OSError:
        return  # a file system without locks: write unlocked, as before


class OwnedFile:
    """A text file the run writes from the start (the ``--errors`` file): locked when opened, emptied at the
    first write or at a successful close, so a run that fails before it writes leaves the file as it was.
    ``kind`` and ``keys``: with ``keys``, an existing non-empty file must be JSON Lines whose first record
    has them (a file geoclaims wrote), else InputError."""

    def __init__(self, path: str | Path, *, keys: tuple[str, ...] = (), kind: str = "file") -> None:
        self.path = Path(path)
        self._fd: int | None = lock(self.path)
        self._started = False
        try:
            if keys and os.fstat(self._fd).st_size:
                _own_jsonl(self._fd, self.path, keys, kind)
        except BaseException:
            self.close(ok=False)
            raise

    def write(self, text: str) -> None:
        assert self._fd is not None, "closed"
        if not self._started:
            os.ftruncate(self._fd, 0)
            self._started = True
        os.lseek(self._fd, 0, os.SEEK_END)  # reading the file checked moved the offset
        _write_all(self._fd, text.encode("utf8"))

    def close(self, ok: bool = True) -> None:
        if self._fd is None:
            return
        try:
            if ok and not self._started:
                os.ftruncate(self._fd, 0)
        finally:
            unlock(self._fd)
            self._fd = None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


# ---- the writer ----------------------------------------------------------------------------------------
class StreamWriter:
    """Appends claim-table chunks to ``path`` in ``fmt``; ``resume`` keeps what the file holds (`done`: the
    documents not to analyse again). ``protect``: refuse to overwrite a file that is not a claim table."""

    def __init__(self, path: str | Path, fmt: str, *, resume: bool = False, protect: bool = False) -> None:
        if fmt not in STREAM_FORMATS:
            raise InputError(f"format: {fmt!r} cannot be streamed; use one of {', '.join(STREAM_FORMATS)}")
        self.path = Path(path)
        self.fmt = fmt
        self.resume = resume
        self.rows = 0
        self.done: set[str] = set()
        self.tail: str | None = None  # the last document of a resumed file, analysed again
        self.tail_names: set[str] = set()  # its id, and its ids under other spellings
        self._tail_claims: set[str] = set()  # ... and the claims of it the file holds, less its id
        self._started = False  # the file is being written (a fresh file: emptied)
        self._prefix = b""  # written before the first rows: a missing final newline
        self._header = fmt == "csv"
        self._journal: Any = None
        self._token = ""
        self._fd: int | None = lock(self.path)
        try:
            size = os.fstat(self.fd).st_size
            if fmt == "parquet":
                self._open_parquet(size, protect)
            elif resume and size:
                self._resume_text(size)
            elif protect and size:
                (_own_jsonl if fmt == "jsonl" else _own_csv)(self.fd, self.path, tuple(CONTRACT), "claim table")
        except BaseException:
            self._release()
            raise

    # ---- JSON Lines and CSV --------------------------------------------------------------------------
    @property
    def fd(self) -> int:
        """The open file's descriptor; AssertionError once the writer is closed."""
        assert self._fd is not None, "the writer is closed"
        return self._fd

    def _resume_text(self, size: int) -> None:
        scan = _scan_jsonl if self.fmt == "jsonl" else _scan_csv
        keep, ids, tail, tail_claims, newline = scan(self.fd, self.path, size)
        if keep < size:
            os.ftruncate(self.fd, keep)  # an unfinished last line or record: its document is redone
        self.done = ids - {tail} if tail is not None else ids
        self.tail, self.tail_names = tail, {tail} if tail is not None else set()
        # a claim id is "<doc_id>:<start>-<end>": kept as its offsets, so the document may be named otherwise now
        self._tail_claims = {c.rpartition(":")[2] for c in tail_claims}
        self._prefix = newline
        self._header = self.fmt == "csv" and keep == 0
        self._started = True

    def _start(self) -> None:
        if self._started:
            return
        self._started = True
        if self.fmt == "parquet":
            self._start_journal()
        else:
            os.ftruncate(self.fd, 0)

    def write(self, frame: pd.DataFrame) -> int:
        """Append ``frame`` (claim-table columns); the number of rows written (rows of the resumed last
        document that the file holds already are not written again)."""
        self._start()
        if self.tail is not None and len(frame):
            mine = frame["doc_id"].isin(self.tail_names).to_numpy(dtype=bool)
            if mine.any():
                held = [m and c.rpartition(":")[2] in self._tail_claims
                        for m, c in zip(mine, frame["claim_id"], strict=True)]
                frame = frame[~pd.Series(held, index=frame.index, dtype=bool)]
                self.tail = None
        self.rows += len(frame)
        if self.fmt == "parquet":
            if len(frame):
                self._write_journal(frame)
            return len(frame)
        if self.fmt == "csv":
            if self._header or len(frame):
                text = csv_frame(frame).to_csv(index=False, header=self._header, lineterminator="\r\n")
                self._header = False
            else:
                text = ""
        else:
            encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps's, made once, not once per row
            text = "".join(encode(r) + "\n" for r in records(frame))
        if text:
            os.lseek(self.fd, 0, os.SEEK_END)
            _write_all(self.fd, self._prefix + text.encode("utf8"))
            self._prefix = b""
        return len(frame)

    # ---- Parquet -------------------------------------------------------------------------------------
    @property
    def journal_path(self) -> Path:
        return self.path.with_name(self.path.name + ".journal")

    @property
    def _merge_path(self) -> Path:
        return self.path.with_name(self.path.name + ".merging")

    def _open_parquet(self, size: int, protect: bool) -> None:
        import pyarrow.parquet as pq

        self._merge_path.unlink(missing_ok=True)  # a merge a hard kill cut short (we hold the lock)
        token = None
        if size:
            try:
                pf = pq.ParquetFile(self.path)
            except Exception as e:  # noqa: BLE001 - any reader failure means the same thing to the user
                if self.resume or (protect and not _starts_with(self.fd, b"PAR1")):
                    raise InputError(f"{self.path}: not a readable Parquet file ({type(e).__name__}); "
                                     f"{REFUSE if self.resume else 'remove it or write to another file'}") from None
                return  # overwritten: a Parquet file a killed writer of an older version left unfinished
            problem = _schema_problem(pf.schema_arrow)
            if problem and (self.resume or (protect and not set(CONTRACT) <= set(pf.schema_arrow.names))):
                raise InputError(f"{self.path}: not this version's claim table ({problem}); "
                                 f"{REFUSE if self.resume else 'remove it or write to another file'}")
            if not self.resume:
                return
            self.done = set(pf.read(columns=["doc_id"]).column("doc_id").to_pylist())
            token = (pf.schema_arrow.metadata or {}).get(TOKEN_KEY, b"").decode("ascii", "replace")
        if not self.resume or not self.journal_path.exists():
            return
        ids, keep, journal_token = _scan_journal(self.journal_path)
        if journal_token is None or journal_token == token:  # empty, or merged before the kill removed it
            self.journal_path.unlink()
            return
        self.done |= ids
        self._journal = self.journal_path.open("r+b")
        self._journal.truncate(keep)  # a chunk cut by the kill: its documents are redone
        self._journal.seek(keep)
        self._token = journal_token
        self._started = True

    def _start_journal(self) -> None:
        self._token = secrets.token_hex(16)
        self._journal = self.journal_path.open("wb")
        self._journal.write(JOURNAL_MAGIC + self._token.encode("ascii") + b"\n")
        self._journal.flush()
        if not self.resume:
            os.ftruncate(self.fd, 0)  # a new run: after the journal exists, so a kill between keeps the old file

    def _write_journal(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa

        table = pa.Table.from_pandas(frame, schema=arrow_schema(), preserve_index=False)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as ipc:
            ipc.write_table(table)
        payload = sink.getvalue().to_pybytes()
        self._journal.write(len(payload).to_bytes(8, "little") + payload)
        self._journal.flush()  # in the kernel now: a kill -9 of this process cannot lose it

    def _merge(self) -> None:
        """The Parquet file's row groups and the journal's chunks into a new file, which then replaces it
        (locked before it does); then the journal goes."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = arrow_schema()
        self._journal.close()
        self._journal = None
        fd = os.open(self._merge_path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o666)
        _LOCKED.add(fd)
        try:
            _flock(fd, self._merge_path)
            with open(fd, "wb", closefd=False) as fh:
                out = pq.ParquetWriter(fh, schema.with_metadata({TOKEN_KEY: self._token.encode("ascii")}))
                if os.fstat(self.fd).st_size:
                    old = pq.ParquetFile(self.path)
                    for i in range(old.num_row_groups):
                        out.write_table(old.read_row_group(i).cast(schema))
                pending: list = []
                for _, table in _journal_tables(self.journal_path):
                    pending.append(table)
                    if sum(len(t) for t in pending) >= ROW_GROUP_ROWS:
                        out.write_table(pa.concat_tables(pending).cast(schema))
                        pending = []
                if pending:
                    out.write_table(pa.concat_tables(pending).cast(schema))
                out.close()
            os.fsync(fd)
            os.replace(self._merge_path, self.path)
        except BaseException:
            unlock(fd)
            self._merge_path.unlink(missing_ok=True)
            raise
        unlock(self.fd)
        self._fd = fd  # the new file, locked since before it took the name
        self.journal_path.unlink(missing_ok=True)

    # ---- closing -------------------------------------------------------------------------------------
    def close(self, ok: bool = True) -> None:
        """Finish the file (Parquet: merge the journal). ``ok`` False (the run failed): a file not written
        to yet is left as it was. Safe to call twice."""
        if self._fd is None:
            return
        try:
            if ok and not self._started and (not self.resume or not os.fstat(self.fd).st_size):
                self._start()  # a run without rows still leaves a valid (empty) table
            if self._journal is not None:
                self._merge()
        finally:
            self._release()

    def _release(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if self._fd is not None:
            unlock(self._fd)
            self._fd = None

    def __enter__(self) -> StreamWriter:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self.close(ok=kind is None)


# ---- reading back what a file holds --------------------------------------------------------------------
def _lines(fd: int) -> Iterator[bytes]:
    with open(fd, "rb", closefd=False) as fh:
        fh.seek(0)
        yield from fh


def _starts_with(fd: int, magic: bytes) -> bool:
    with open(fd, "rb", closefd=False) as fh:
        fh.seek(0)
        return fh.read(len(magic)) == magic


def _own_jsonl(fd: int, path: Path, keys: tuple[str, ...], kind: str) -> None:
    """InputError unless the first record of the JSON Lines file ``fd`` has ``keys`` (or is a line cut short)."""
    for n, line in enumerate(_lines(fd), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            if line.endswith(b"\n"):
                raise InputError(f"{path}, line {n}: not JSON, so not a {kind} geoclaims wrote; it is not "
                                 "overwritten: remove it or write to another file") from None
            return  # a first line cut by a kill
        missing = [k for k in keys if not isinstance(row, dict) or k not in row]
        if missing:
            raise InputError(f"{path}, line {n}: not a {kind} geoclaims wrote (no {missing[0]!r}); it is not "
                             "overwritten: remove it or write to another file")
        return


def _own_csv(fd: int, path: Path, keys: tuple[str, ...], kind: str) -> None:
    first = next(_lines(fd), b"").decode("utf8", "replace")
    header, expected = first.rstrip("\r\n"), ",".join(keys)
    if not (header.startswith(expected) or (first == header and ",".join(COLUMNS).startswith(header))):
        raise InputError(f"{path}: line 1 is not the header of a {kind} geoclaims wrote; it is not overwritten: "
                         "remove it or write to another file")


def _scan_jsonl(fd: int, path: Path, size: int) -> tuple[int, set[str], str | None, set[str], bytes]:
    """(bytes to keep, doc ids, last doc id, its claim ids, b'\\n' when the kept part lacks its final newline)."""
    ids: set[str] = set()
    tail: str | None = None
    tail_claims: set[str] = set()
    pos = keep = 0
    newline = b""
    for n, line in enumerate(_lines(fd), 1):
        pos += len(line)
        if not line.strip():  # a blank line: skipped, kept
            keep, newline = pos, b"" if line.endswith(b"\n") else b"\n"
            continue
        try:
            row = json.loads(line)
        except ValueError:
            if pos >= size and not line.endswith(b"\n"):
                break  # the last line, cut by a kill: dropped, its document is analysed again
            raise InputError(f"{path}, line {n}: not valid JSON; resume never drops a line of the file (only an "
                             "unfinished last one): fix or remove this line, or write to another file") from None
        missing = [k for k in CONTRACT if not isinstance(row, dict) or k not in row]
        if missing or not isinstance(row["doc_id"], str) or not isinstance(row["claim_id"], str):
            what = f"no {missing[0]!r}" if missing else "doc_id and claim_id must be text"
            raise InputError(f"{path}, line {n}: not a claim-table row ({what}); {REFUSE}")
        if row["doc_id"] != tail:
            tail, tail_claims = row["doc_id"], set()
        ids.add(tail)
        tail_claims.add(row["claim_id"])
        keep, newline = pos, b"" if line.endswith(b"\n") else b"\n"
    return keep, ids, tail, tail_claims, newline


def _scan_csv(fd: int, path: Path, size: int) -> tuple[int, set[str], str | None, set[str], bytes]:
    """As `_scan_jsonl` for CSV: the last record counts only when it ends with its line break (the writer
    ends every record with CRLF); it is dropped otherwise, quoted newlines and all."""
    state = _ScannedLines(fd, path, size)
    reader = csv.reader(iter(state), strict=True)
    ids: set[str] = set()
    tail: str | None = None
    tail_claims: set[str] = set()
    keep, header, newline = 0, None, b""
    while True:
        start = state.line + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            if state.pos >= size:
                break  # a quoted field cut by a kill
            raise InputError(f"{path}, line {start}: not valid CSV ({e}); {REFUSE}") from None
        whole = state.last.endswith(b"\n")
        if not record:  # a blank line
            if whole:
                keep = state.pos
            continue
        if header is None:
            header = record
            if not _csv_header(record, whole, state.pos >= size, path, start):
                break  # a header cut by a kill: written again
            keep, newline = state.pos, b"" if whole else b"\r\n"
            continue
        if not whole or len(record) != len(COLUMNS):
            if state.pos >= size:
                break  # the last record, cut by a kill: dropped, its document is analysed again
            raise InputError(f"{path}, line {start}: {len(record)} fields, expected {len(COLUMNS)}; {REFUSE}")
        doc_id = _plain_cell(record[0])
        if doc_id != tail:
            tail, tail_claims = doc_id, set()
        ids.add(doc_id)
        tail_claims.add(_plain_cell(record[1]))
        keep, newline = state.pos, b""
    return keep, ids, tail, tail_claims, newline


class _ScannedLines:
    """The lines of a CSV claim table as text, for csv.reader, keeping how far they reached: the byte
    position, the line number and the last line's bytes."""

    def __init__(self, fd: int, path: Path, size: int) -> None:
        self.fd, self.path, self.size = fd, path, size
        self.pos, self.line, self.last = 0, 0, b""

    def __iter__(self) -> Iterator[str]:
        for raw in _lines(self.fd):
            self.pos += len(raw)
            self.line += 1
            self.last = raw
            try:
                yield raw.decode("utf8")
            except UnicodeDecodeError:
                if self.pos >= self.size:
                    yield raw.decode("utf8", "replace")  # a character cut by a kill: the record is dropped
                else:
                    raise InputError(f"{self.path}, line {self.line}: not UTF-8 text; {REFUSE}") from None


def _plain_cell(cell: str) -> str:
    """A cell as it was before the writer neutralised it as a formula ('-1' -> "'-1")."""
    return cell[1:] if cell[:1] == "'" and cell[1:].startswith(FORMULA_TRIGGERS) else cell


def _csv_header(record: list[str], whole: bool, at_end: bool, path: Path, line: int) -> bool:
    """Is ``record`` the claim table's header? False for a header cut by a kill (the last bytes of the file);
    InputError naming the first column that differs for anything else."""
    if record == list(COLUMNS):
        return True
    if not whole and at_end and ",".join(COLUMNS).startswith(",".join(record)):
        return False
    got = next((f"column {k + 1} is {c!r}, expected {e!r}" for k, (c, e) in
                enumerate(zip(record, COLUMNS, strict=False)) if c != e),
               f"{len(record)} columns, expected {len(COLUMNS)}")
    raise InputError(f"{path}, line {line}: not the claim table's header ({got}); {REFUSE}")


def _schema_problem(schema: Any) -> str:
    """What keeps ``schema`` from being the claim table's ('' when nothing does)."""
    import pyarrow as pa

    expected = arrow_schema()
    if schema.names != expected.names:
        extra = [n for n in schema.names if n not in expected.names]
        lacking = [n for n in expected.names if n not in schema.names]
        return (f"no column {lacking[0]!r}" if lacking else f"an unknown column {extra[0]!r}" if extra
                else "its columns in another order")
    for f, e in zip(schema, expected, strict=True):
        same = (pa.types.is_list(f.type) and pa.types.is_list(e.type) and f.type.value_type == e.type.value_type) \
            or f.type == e.type
        if not same:
            return f"column {f.name!r} is {f.type}, expected {e.type}"
    return ""


def _journal_tables(path: Path) -> Iterator[tuple[int, Any]]:
    """(end offset, Arrow table) of each whole chunk of the journal at ``path``; a chunk cut by a kill ends it."""
    import pyarrow as pa

    with path.open("rb") as fh:
        pos = len(fh.read(len(JOURNAL_MAGIC) + 33))
        while True:
            size = fh.read(8)
            payload = fh.read(int.from_bytes(size, "little")) if len(size) == 8 else b""
            if len(size) < 8 or len(payload) < int.from_bytes(size, "little"):
                return
            pos += 8 + len(payload)
            yield pos, pa.ipc.open_stream(payload).read_all()


def _scan_journal(path: Path) -> tuple[set[str], int, str | None]:
    """(doc ids, bytes of whole chunks, token) of the journal at ``path``; token None for a journal cut in
    its first line (it holds nothing)."""
    ids: set[str] = set()
    with path.open("rb") as fh:
        head = fh.read(len(JOURNAL_MAGIC) + 33)
    if not (JOURNAL_MAGIC.startswith(head) or head.startswith(JOURNAL_MAGIC)):
        raise InputError(f"{path}: not a geoclaims journal; remove it or write to another file")
    if len(head) < len(JOURNAL_MAGIC) + 33 or not head.endswith(b"\n"):
        return ids, 0, None
    keep = len(head)
    try:
        for end, table in _journal_tables(path):
            if _schema_problem(table.schema):
                raise InputError(f"{path}: a chunk is not this version's claim table; remove it or write "
                                 "to another file")
            ids.update(table.column("doc_id").to_pylist())
            keep = end
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - any reader failure means the same thing to the user
        raise InputError(f"{path}: cannot read the journal ({type(e).__name__}: {e}); remove it or write "
                         "to another file") from None
    return ids, keep, head[len(JOURNAL_MAGIC):-1].decode("ascii", "replace")
