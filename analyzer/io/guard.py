"""Guards for the files a command writes: every output is writable, is not one of the inputs (compared by file
identity, so another spelling, a symbolic link or a hard link is caught too), and no two outputs are the same
file. Also: recognising the files geoclaims itself wrote (claim tables, error files, reports), which a folder
of articles must not feed back in as articles."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..claims.table import CONTRACT
from ..errors import InputError

#: the claim-table columns every claim table geoclaims writes starts with (a public contract)
_CLAIM_KEYS = tuple(CONTRACT)[:6]  # doc_id, claim_id, kind, text, start_char, end_char
_ERROR_KEYS = {"source", "id", "error"}
_DRIFT_KEYS = ("status", "explanation", "metric", "period", "documents")
_HEAD_BYTES = 65536
_JSONL_CLAIM = re.compile(r'\{"doc_id": (?:null|"(?:[^"\\]|\\.)*"), "claim_id": ')
_TABLE_TITLE = re.compile(r"\d[\d,]* claims?( in .*)?")


def identity(path: str | Path) -> tuple[int, int] | None:
    """(device, inode) of the file ``path`` names after symbolic links, or None when there is none."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def same_file(a: str | Path, b: str | Path) -> bool:
    """Do ``a`` and ``b`` name the same file: one inode (hard links, symbolic links, other spellings), or,
    for files not created yet, one resolved path?"""
    ia, ib = identity(a), identity(b)
    if ia is not None or ib is not None:
        return ia == ib
    return os.path.realpath(a) == os.path.realpath(b)


def check_writable(path: Path, option: str) -> None:
    """InputError (one line, naming ``option``) unless ``path`` can be written: not a folder, its folder
    exists, it can be opened for writing. A file created only to find out is removed again."""
    if path.is_dir():
        raise InputError(f"{option} {path}: is a directory")
    if path.exists() and not path.is_file():  # opening a FIFO to write waits for a reader
        raise InputError(f"{option} {path}: not a regular file (a FIFO or a device); write to a file")
    if not path.parent.exists():
        raise InputError(f"{option} {path}: folder {path.parent} does not exist")
    existed = os.path.lexists(path)
    try:
        with path.open("a"):
            pass
    except OSError as e:
        raise InputError(f"{option} {path}: cannot write: {e.strerror or e}") from None
    if not existed:
        try:
            path.unlink()
        except OSError:
            pass


def check_outputs(outputs: Sequence[tuple[str, Path | None]], inputs: Iterable[tuple[str, str | Path, bool]]) -> None:
    """InputError naming both options when one of ``outputs`` ((option, path); None: not given) is the same
    file as another output or as one of ``inputs`` ((option, path, found): ``found`` for a file found in a
    folder or by a pattern), or cannot be written. A found file that geoclaims wrote (or an empty one) may
    be an output: the run leaves it out of its inputs (see `written_by_geoclaims`)."""
    given = [(option, path) for option, path in outputs if path is not None]
    for i, (option, path) in enumerate(given):
        for other, other_path in given[:i]:
            if same_file(path, other_path):
                raise InputError(f"{other} {other_path} and {option} {path} are the same file; give each its own")
    existing = {identity(path): (option, path) for option, path in given if identity(path) is not None}
    if existing:
        for source, name, found in inputs:
            clash = existing.get(identity(name))
            if clash is None or (found and (os.path.getsize(name) == 0 or written_by_geoclaims(name))):
                continue
            option, path = clash
            where = f" (found in {source})" if found else ""
            label = "the input" if found else source
            raise InputError(f"{option} {path} is the same file as {label} {name}{where}; write to another file")
    for option, path in given:
        check_writable(path, option)


def written_by_geoclaims(path: str | Path) -> str | None:
    """What ``path`` is when geoclaims wrote it ("a geoclaims claim table", "a geoclaims error file", "a
    geoclaims report", ...), from its first bytes; None for anything else (an article). Cheap: reads at
    most the first 64 KB of the file."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would block: the reader reports it
            return None
        with open(path, "rb") as f:
            head = f.read(_HEAD_BYTES)
    except (OSError, ValueError):
        return None
    text = head.decode("utf-8-sig", "replace")
    line, newline, _ = text.partition("\n")
    first = line.strip()
    if first.startswith("{"):
        return _jsonl_kind(first, whole_line=bool(newline))
    if first.startswith("[") and '"doc_id": ' in text[:4096] and '"claim_id": ' in text[:4096]:
        return "a geoclaims claim table"
    if first.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in text[:4096] \
            and re.search(r"<title>geoclaims (report|compare)", text[:4096]):
        return "a geoclaims report"
    if first.startswith("# geoclaims report"):
        return "a geoclaims report"
    if "," in first:
        kind = _csv_kind(first)
        if kind is not None:
            return kind
    lines = text.splitlines()
    if len(lines) >= 3 and _TABLE_TITLE.fullmatch(lines[0].strip()) and lines[1].startswith("┏") \
            and lines[2].startswith(("┃ claim ", "┃ doc ")):
        return "a geoclaims claim table"
    return None


def _jsonl_kind(first: str, whole_line: bool) -> str | None:
    """What a file whose first line opens a JSON object is: a claim table, an error file, or neither."""
    if not whole_line:  # a first line longer than the head: its opening keys tell
        return "a geoclaims claim table" if _JSONL_CLAIM.match(first) else None
    try:
        record = json.loads(first)
    except (ValueError, RecursionError):
        return None
    if isinstance(record, dict):
        if all(k in record for k in _CLAIM_KEYS):
            return "a geoclaims claim table"
        if set(record) == _ERROR_KEYS:
            return "a geoclaims error file"
    return None


def _csv_kind(first: str) -> str | None:
    """What a CSV file is by its header line: a claim table, a compare table, or neither."""
    try:
        header = next(csv.reader(io.StringIO(first)))
    except (csv.Error, StopIteration):
        return None
    if all(k in header for k in _CLAIM_KEYS):
        return "a geoclaims claim table"
    if all(k in header for k in _DRIFT_KEYS):
        return "a geoclaims compare table"
    return None
