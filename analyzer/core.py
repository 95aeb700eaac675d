"""The types every layer shares, and the checks on text they need: a document to analyse (`Document`), a
record that could not be read (`RecordError`), the names of a record's fields (`Fields`), what a report shows
of an analysed document (`DocumentView`), a publication date read as one (`normalize_published`), and text
that is no Unicode (`lone_surrogate`, `unicode_error`).

This module imports nothing of geoclaims but `analyzer.errors`, so the stages, the pipeline, the readers and
writers, the report, the engine (`api`, `batch`, `runner`, `dask`) and the CLI may all import it; see the
README's "Architecture" section for the layers and the direction of imports."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:
    import pandas as pd

_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(text: str) -> str | None:
    """What is wrong with ``text`` if it holds a lone surrogate (a JSON '\\ud83e' escape without its pair):
    such a string is not Unicode text and cannot be written as UTF-8; else None."""
    m = _SURROGATE.search(text)
    if m is None:
        return None
    return f"a lone surrogate \\u{ord(m.group()):04x} at character {m.start()} (not valid Unicode)"


def unicode_error(fields: Iterable[tuple[str, object]], source: str, doc_id: str | None,
                  id_field: str) -> RecordError | None:
    """The RecordError for the first of ``fields`` ((name, value) pairs) holding a lone surrogate, else None
    (the id is left out of the error when it is the id that is broken)."""
    for name, value in fields:
        problem = lone_surrogate(value) if isinstance(value, str) else None
        if problem:
            return RecordError(source, f"field '{name}': {problem}", None if name == id_field else doc_id)
    return None


def normalize_published(published: str | date | datetime | None) -> str | None:
    """``published`` as YYYY-MM-DD; InputError naming the field when it is not a date."""
    if published is None or published == "":
        return None
    if isinstance(published, datetime):
        return published.date().isoformat()
    if isinstance(published, date):
        return published.isoformat()
    if isinstance(published, str):
        try:
            return date.fromisoformat(published.strip()[:10]).isoformat()
        except ValueError:
            pass
    raise InputError(f"published: expected a date as YYYY-MM-DD, got {published!r}")


@dataclass(frozen=True)
class Document:
    """A text to analyse and what is known about it."""

    id: str | None  # None until a batch run gives it one (a bare text passed to analyze_many)
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None  # where the record came from: "news.jsonl:12", "a.txt", "stdin"
    language: str | None = None  # detected before analysis (analyzer.language), when known


@dataclass(frozen=True)
class RecordError:
    """One record or file that could not be read; batch runs report it and go on."""

    source: str  # "news.jsonl:12", "table.csv:3", "a.txt"
    message: str  # one line, without the source
    id: str | None = None  # the document id, when it is known

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True)
class Fields:
    """Names of the JSONL keys and CSV columns that hold each part of a document."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    url: str = "url"
    published: str = "published"


@dataclass
class DocumentView:
    """What a report shows of an analysed document besides its claims."""

    doc_id: str
    text: str
    entities: pd.DataFrame
    title: str | None = None
    url: str | None = None
    published: str | None = None
