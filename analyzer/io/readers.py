"""Reading documents from files. Every failure is an InputError whose message names the file and the
problem in one line.

For batch runs, `iter_records` turns paths (files, folders, glob patterns, '-' for standard input) into a
stream of `Document` and `RecordError`: one bad record or file never stops the run."""
from __future__ import annotations

import csv
import glob
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TextIO

import pandas as pd

from ..core import Document, Fields, RecordError, normalize_published, unicode_error
from ..errors import InputError
from .files import SNIFF_BYTES, check_regular, os_error, read_text

#: Suffixes a folder is searched for (case-insensitive); an explicitly named file of another suffix is read
#: as plain text.
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")

_HTML_SUFFIXES = (".html", ".htm")
_GLOB_CHARS = re.compile(r"[*?\[]")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # undecodable bytes, as decoded with errors="surrogateescape"
def read_document(path: str | Path, *, published: str | None = None) -> Document:
    """A Document from a text file; its id is the path as given."""
    return Document(id=str(path), text=read_text(path), published=published, source=str(path))


# --- paths -------------------------------------------------------------------------------------------------


class FileIds:
    """Document ids of files, the same however the path is spelled: the path of the file in its folder with
    symbolic links resolved (so ``corpus/a.txt``, ``./corpus/a.txt``, ``$PWD/corpus/a.txt`` and
    ``link-to-corpus/a.txt`` are one id), relative to the current folder when under it, else absolute. The
    file's own name is kept (a symbolic link to a file is named as itself). Folders are resolved once."""

    def __init__(self) -> None:
        self.cwd = os.path.realpath(os.getcwd())
        self.folders: dict[str, str] = {}

    def __call__(self, path: str | Path) -> str:
        folder, name = os.path.split(os.fspath(path))
        real = self.folders.get(folder)
        if real is None:  # resolved as the system does: links first, then '..'
            real = self.folders[folder] = os.path.realpath(os.path.join(self.cwd, folder))
        full = os.path.join(real, name)
        if full.startswith(self.cwd.rstrip(os.sep) + os.sep):
            return os.path.relpath(full, self.cwd)
        return full

    def also_known_as(self, ids: Iterable[str]) -> set[str]:
        """``ids`` (document ids already written, when resuming) with, for each that names an existing file
        under another spelling (an earlier version wrote the path as given) or a record of one ("x.jsonl:3"),
        its id under this scheme too."""
        out = set(ids)
        for i in list(out):
            if not isinstance(i, str) or not i or i == "stdin":
                continue
            base, colon, line = i.rpartition(":")
            path, suffix = (base, colon + line) if colon and line.isdigit() else (i, "")
            if not path:
                continue
            try:
                canonical = self(path) + suffix
            except (OSError, ValueError):
                continue
            if canonical != i and os.path.lexists(path):
                out.add(canonical)
        return out


def file_id(path: str | Path) -> str:
    """The document id of the file ``path`` (see `FileIds`)."""
    return FileIds()(path)


def _as_list(paths: Iterable[str | Path] | str | Path) -> Iterable[str | Path]:
    return [paths] if isinstance(paths, (str, Path)) else paths


def _folder_files(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, f) for f in files
                     if not f.startswith(".") and f.lower().endswith(SUPPORTED_SUFFIXES))
    if not found:
        raise InputError(f"{folder}: no file to read in the folder ({', '.join(SUPPORTED_SUFFIXES)})")
    return sorted(found)


def _expand_one(p: str | Path) -> list:
    if str(p) == "-":
        return ["-"]
    path = Path(p)
    try:
        if path.is_dir():
            return _folder_files(path)
        if path.exists():
            return [path]
    except OSError as e:  # a name too long for the file system, ...
        raise InputError(f"{p}: {e.strerror or e}") from None
    if _GLOB_CHARS.search(str(p)):
        matches = sorted(Path(m) for m in glob.glob(str(p), recursive=True) if os.path.isfile(m))
        if not matches:
            raise InputError(f"{p}: the pattern matches no file")
        return matches
    raise InputError(f"{p}: no such file or directory")


def expanded_from(p: str | Path, files: list) -> bool:
    """Were ``files`` found in the folder or by the pattern ``p`` (rather than ``p`` naming one file)?"""
    return str(p) != "-" and files != [Path(p)]


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """The files ``paths`` name, in order: '-' (standard input) as the string '-'; a file as is; a folder as
    every file under it with a supported suffix (hidden files and folders skipped), sorted; a glob pattern
    (``**`` allowed) as the files it matches, sorted. InputError for a missing path, a pattern that matches
    no file or a folder with no file to read."""
    for p in _as_list(paths):
        yield from _expand_one(p)


# --- records -----------------------------------------------------------------------------------------------


def _strip_prefix(message: str, prefix: str) -> str:
    return message[len(prefix) + 2:] if message.startswith(f"{prefix}: ") else message


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _blank(value: object) -> bool:
    """A missing field: absent, blank, or pandas' NA / NaN."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value) \
        or (isinstance(value, str) and not value.strip())


def _bad_utf8(text: str) -> str | None:
    """A description of the first undecodable byte in ``text`` (read with surrogateescape), else None."""
    m = _ESCAPED_BYTE.search(text)
    if m is None:
        return None
    offset = len(text[:m.start()].encode("utf-8", "surrogateescape"))
    return f"not valid UTF-8 (byte {offset}: {bytes([ord(m.group()) - 0xDC00])!r})"


def _open_text(path: Path) -> TextIO:
    """``path`` opened for reading lines: UTF-8 with undecodable bytes escaped (see `_bad_utf8`), or UTF-16
    when it starts with a BOM; InputError for a binary or unreadable file."""
    try:
        with open(path, "rb") as f:
            head = f.read(SNIFF_BYTES)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return open(path, encoding="utf-16", newline="")
        if b"\x00" in head:
            raise InputError(f"{path}: looks like a binary file, not text")
        return open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as e:
        raise os_error(path, e) from None


def record_document(values: Mapping[str, object], *, source: str, default_id: str | None, fields: Fields,
                    published: str | None) -> Document | RecordError:
    """A Document from one record (a JSONL object, a CSV row, a dict given to `analyzer.analyze_many`), or
    the RecordError saying which field is wrong. ``default_id``: the id of a record without one (None: the
    text's hash, set later)."""

    doc_id = values.get(fields.id)
    if _blank(doc_id):
        doc_id = default_id
    elif isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        return RecordError(source, f"field '{fields.id}' must be a string or an integer, got {_type_name(doc_id)}")
    doc_id = None if doc_id is None else str(doc_id)

    if fields.text not in values:
        return RecordError(source, f"missing field '{fields.text}'", doc_id)
    text = values[fields.text]
    if text is pd.NA or (isinstance(text, float) and text != text):  # pandas' missing value, not a number
        return RecordError(source, f"field '{fields.text}' is missing (NA)", doc_id)
    if not isinstance(text, str):
        return RecordError(source, f"field '{fields.text}' must be a string, got {_type_name(text)}", doc_id)
    text = str(text)  # a str subclass (numpy's str_) as the str spaCy takes

    meta: dict[str, str | None] = {}
    for attr in ("title", "url"):
        name = getattr(fields, attr)
        value = values.get(name)
        if _blank(value):
            value = None
        elif not isinstance(value, str):
            return RecordError(source, f"field '{name}' must be a string, got {_type_name(value)}", doc_id)
        meta[attr] = value

    raw_date = values.get(fields.published)
    date: str | None
    if _blank(raw_date):
        date = published
    else:
        try:
            date = normalize_published(raw_date)  # type: ignore[arg-type]  # anything: a wrong type is an error row
        except InputError as e:
            message = _strip_prefix(str(e), "published")
            return RecordError(source, f"field '{fields.published}': {message}", doc_id)
    broken = unicode_error(((fields.text, text), (fields.id, doc_id), (fields.title, meta["title"]),
                            (fields.url, meta["url"])), source, doc_id, fields.id)
    if broken is not None:
        return broken
    return Document(id=doc_id, text=text, title=meta["title"], url=meta["url"], published=date, source=source)


def _jsonl_line(line: str, *, source: str, fields: Fields, published: str | None,
                default_id: str | None = None) -> Document | RecordError:
    bad = _bad_utf8(line)
    if bad:
        return RecordError(source, bad)
    try:
        value = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as e:
        return RecordError(source, f"invalid JSON ({e.msg.removesuffix(' at')} at column {e.colno})")
    except (ValueError, RecursionError) as e:  # an integer of too many digits, nesting too deep
        return RecordError(source, f"invalid JSON ({e})")
    if not isinstance(value, dict):
        return RecordError(source, f"expected a JSON object, got {_type_name(value)}")
    return record_document(value, source=source, default_id=default_id or source, fields=fields,
                           published=published)


def _jsonl_records(lines: Iterable[str], name: str, *, fields: Fields, published: str | None,
                   id_name: str | None = None) -> Iterator[Document | RecordError]:
    """The records of JSONL ``lines`` of the file ``name``; a record without an id is named
    "``id_name``:line" (``id_name``: the file's document id, by default ``name``)."""
    number = 0
    try:
        for number, line in enumerate(lines, 1):
            if line.strip():
                yield _jsonl_line(line, source=f"{name}:{number}", fields=fields, published=published,
                                  default_id=f"{id_name or name}:{number}")
    except UnicodeDecodeError as e:  # UTF-16 or standard input: the rest of the stream is lost
        yield RecordError(f"{name}:{number + 1}", f"cannot decode the text ({e.reason}); the rest is skipped")


def _read_jsonl(path: Path, *, fields: Fields, published: str | None,
                doc_id: str) -> Iterator[Document | RecordError]:
    with _open_text(path) as f:
        yield from _jsonl_records(f, str(path), fields=fields, published=published, id_name=doc_id)


def _raise_csv_field_limit() -> None:
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # a C long is 32 bits on Windows
            limit //= 2


def _csv_row(row: dict, *, header: list[str], source: str, fields: Fields,
             published: str | None, default_id: str) -> Document | RecordError:
    extra = row.pop(None, None)
    if extra:
        return RecordError(source, f"{len(header) + len(extra)} cells, but the header has {len(header)} columns")
    for column, cell in row.items():
        bad = cell and _bad_utf8(cell)
        if bad:
            return RecordError(source, f"column '{column}': {bad}")
    text = row.get(fields.text)
    if text is None:  # a short row
        return RecordError(source, f"no cell in column '{fields.text}' (the row has fewer cells than the header)")
    values = {k: (None if k != fields.text and _blank(v) else v) for k, v in row.items()}
    values[fields.text] = text.replace("\r\n", "\n").replace("\r", "\n")
    return record_document(values, source=source, default_id=default_id, fields=fields, published=published)


CSV_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(f: TextIO, text_field: str) -> str:
    """The delimiter of the CSV file ``f`` (left at its start): the first of `CSV_DELIMITERS` (RFC 4180's comma;
    the semicolon of Excel in much of Europe; a tab; a bar) whose header row holds the text column; a comma when
    none does (the error then lists the columns read)."""
    line = f.readline()
    f.seek(0)
    for delimiter in CSV_DELIMITERS:
        try:
            names = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            continue
        if text_field in (name.strip() for name in names):
            return delimiter
    return ","


def _read_csv(path: Path, *, fields: Fields, published: str | None,
              doc_id: str) -> Iterator[Document | RecordError]:
    _raise_csv_field_limit()
    with _open_text(path) as f:
        reader = csv.DictReader(f, delimiter=_delimiter(f, fields.text))
        try:
            header = [name.strip() for name in reader.fieldnames or []]
        except csv.Error as e:
            yield RecordError(str(path), f"invalid CSV header ({e})")
            return
        if fields.text not in header:
            columns = f"columns: {', '.join(header)}" if header else "no header row"
            yield RecordError(str(path), f"no column '{fields.text}' ({columns})")
            return
        reader.fieldnames = header
        number = 0
        rows = iter(reader)
        while True:
            number += 1
            source = f"{path}:{number}"
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as e:
                yield RecordError(source, f"invalid CSV ({e})")
                continue
            except UnicodeDecodeError as e:
                yield RecordError(source, f"cannot decode the text ({e.reason}); the rest is skipped")
                return
            yield _csv_row(row, header=header, source=source, fields=fields, published=published,
                           default_id=f"{doc_id}:{number}")


def _read_html(path: Path, *, published: str | None, doc_id: str) -> Document | RecordError:
    from .html_text import read_html_text

    html = read_html_text(path)  # in the charset the page declares
    try:
        import trafilatura
    except ImportError as e:  # the real cause: trafilatura itself, or one of its dependencies (lxml_html_clean)
        return RecordError(str(path), f"reading HTML needs trafilatura, which cannot be imported ({e}); "
                                      "reinstall geoclaims (pip install -e .)", doc_id)
    try:
        result = trafilatura.bare_extraction(html, with_metadata=True)
    except Exception as e:  # a parser failure on one file must not stop a batch
        return RecordError(str(path), f"cannot parse the HTML ({type(e).__name__}: {e})", doc_id)
    if result is None:
        extracted: dict = {}
    elif isinstance(result, dict):  # trafilatura < 1.9
        extracted = result
    else:
        extracted = {k: getattr(result, k, None) for k in ("text", "title", "url", "date")}
    text = extracted.get("text")
    if not isinstance(text, str) or not text.strip():
        return RecordError(str(path), "no article text found in the HTML", doc_id)
    date = published
    if extracted.get("date"):
        try:
            date = normalize_published(extracted["date"]) or published
        except InputError:
            pass
    return Document(id=doc_id, text=text, title=extracted.get("title") or None,
                    url=extracted.get("url") or None, published=date, source=doc_id)


def _read_stdin(*, fields: Fields, published: str | None, stdin_format: str) -> Iterator[Document | RecordError]:
    if stdin_format == "jsonl":
        yield from _jsonl_records(sys.stdin, "stdin", fields=fields, published=published)
        return
    try:
        text = sys.stdin.read()
    except (UnicodeDecodeError, OSError) as e:
        yield RecordError("stdin", f"cannot read standard input ({e})", "stdin")
        return
    yield Document(id="stdin", text=text.replace("\r\n", "\n"), published=published, source="stdin")


def _read_path(path: Path | str, *, fields: Fields, published: str | None, stdin_format: str,
               doc_id: str | None = None) -> Iterator[Document | RecordError]:
    if path == "-":
        yield from _read_stdin(fields=fields, published=published, stdin_format=stdin_format)
        return
    path = Path(path)
    doc_id = doc_id or file_id(path)
    suffix = path.suffix.lower()
    whole_file = suffix not in (".jsonl", ".csv")
    try:
        check_regular(path)
        if suffix == ".jsonl":
            yield from _read_jsonl(path, fields=fields, published=published, doc_id=doc_id)
        elif suffix == ".csv":
            yield from _read_csv(path, fields=fields, published=published, doc_id=doc_id)
        elif suffix in _HTML_SUFFIXES:
            yield _read_html(path, published=published, doc_id=doc_id)
        else:
            yield Document(id=doc_id, text=read_text(path), published=published, source=str(path))
    except InputError as e:
        yield RecordError(str(path), _strip_prefix(str(e), str(path)), doc_id if whole_file else None)
    except OSError as e:  # a read failing midway
        yield RecordError(str(path), _strip_prefix(str(os_error(path, e)), str(path)))
    except UnicodeDecodeError as e:  # UTF-16 text broken before the first record
        yield RecordError(str(path), f"cannot decode the text ({e.reason})")


def iter_records(paths: Iterable[str | Path], *, fields: Fields = Fields(), published: str | None = None,
                 stdin_format: str = "txt", outputs: Iterable[str | Path | None] = (),
                 on_skip: Callable[[str, str], None] | None = None) -> Iterator[Document | RecordError]:
    """Every record in ``paths`` (see `expand_paths`), in order, as a Document or, when it cannot be read,
    a RecordError; reading goes on after an error.

    By suffix: .txt (and any unknown suffix) is one document; .html/.htm is one document, the main text
    extracted with trafilatura, with its title, URL and date; .jsonl is one document per non-blank line;
    .csv one per data row. '-' is standard input, read as one text (``stdin_format="txt"``) or as JSONL.
    ``published`` is the date of documents that carry none. A file's document id (and the prefix of the
    ids of its records without one) is `file_id`: the same however its path is spelled.

    Folders and patterns are expanded now, when this is called, so files written later (by this run)
    are never read. Files that are not articles are left out: ``outputs`` (the files the caller writes)
    and, found in a folder or by a pattern, files geoclaims wrote (claim tables, error files, reports:
    `analyzer.io.guard.written_by_geoclaims`); each is passed to ``on_skip(path, why)`` (without it, a
    RecordError). A file named explicitly that geoclaims wrote is a RecordError."""
    if stdin_format not in ("txt", "jsonl"):
        raise InputError(f"stdin format: expected 'txt' or 'jsonl', got {stdin_format!r}")
    plan: list[tuple[str | Path, list | InputError]] = []
    for p in _as_list(paths):
        try:
            plan.append((p, _expand_one(p)))
        except InputError as e:
            plan.append((p, e))
    return _iter_records(plan, fields=fields, published=published, stdin_format=stdin_format,
                         outputs=[o for o in outputs if o is not None], on_skip=on_skip)


def _iter_records(plan: list, *, fields: Fields, published: str | None, stdin_format: str,
                  outputs: list[str | Path], on_skip: Callable[[str, str], None] | None,
                  ) -> Iterator[Document | RecordError]:
    from .guard import same_file, written_by_geoclaims

    ids = FileIds()
    for p, expanded in plan:
        if isinstance(expanded, InputError):
            yield RecordError(str(p), _strip_prefix(str(expanded), str(p)))
            continue
        found = expanded_from(p, expanded)
        for path in expanded:
            why = None
            if path != "-":
                if any(same_file(path, o) for o in outputs):
                    why = "an output of this run"
                else:
                    kind = written_by_geoclaims(path)
                    why = kind and f"{kind}, not an article"
            if why is None:
                yield from _read_path(path, fields=fields, published=published, stdin_format=stdin_format,
                                      doc_id=None if path == "-" else ids(path))
            elif found and on_skip is not None:
                on_skip(str(path), why)
            else:
                yield RecordError(str(path), f"{why}; not analysed", None)


# --- counting ----------------------------------------------------------------------------------------------


def _count_jsonl(path: Path) -> int:
    with _open_text(path) as f:
        return sum(1 for line in f if line.strip())


def _count_csv(path: Path, fields: Fields) -> int:
    _raise_csv_field_limit()
    with _open_text(path) as f:
        reader = csv.reader(f, delimiter=_delimiter(f, fields.text))
        header = next(reader, [])
        if fields.text not in (name.strip() for name in header):
            return 1  # one RecordError for the file
        return sum(1 for row in reader if row)  # DictReader skips empty rows too


def count_records(paths: Iterable[str | Path], fields: Fields = Fields()) -> int | None:
    """About how many items `iter_records` yields for ``paths`` (exactly, for well-formed files), for a
    progress bar: one per text or HTML file or bad path, one per non-blank JSONL line, one per CSV data
    row; none for a file geoclaims wrote, found in a folder (skipped). None when standard input is among
    ``paths``. Pass a list: a generator would be used up."""
    from .guard import written_by_geoclaims

    paths = list(_as_list(paths))
    if any(str(p) == "-" for p in paths):
        return None
    total = 0
    for p in paths:
        try:
            expanded = _expand_one(p)
        except InputError:
            total += 1
            continue
        found = expanded_from(p, expanded)
        for path in expanded:
            path = Path(path)
            suffix = path.suffix.lower()
            try:
                check_regular(path)
                if written_by_geoclaims(path):
                    total += 0 if found else 1
                elif suffix == ".jsonl":
                    total += _count_jsonl(path)
                elif suffix == ".csv":
                    total += _count_csv(path, fields)
                else:
                    total += 1
            except (InputError, OSError, UnicodeDecodeError, csv.Error):
                total += 1
    return total
