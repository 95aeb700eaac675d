"""The output formats, in one registry that the CLI, the writers, `analyzer.export` and the runner all read:
each format's name, the file suffixes that choose it, and how it is written."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

FormatName = Literal["table", "csv", "json", "jsonl", "md", "parquet", "xlsx", "claimreview"]


@dataclass(frozen=True)
class Format:
    name: FormatName
    suffixes: tuple[str, ...]  # an --out file with one of these suffixes is written in this format
    streamable: bool  # written row by row as documents are analysed (`io.writers.StreamWriter`), resumable
    binary: bool  # written only to a file (--out), never to standard output
    text: bool  # written to a text stream by `analyzer.report.export.write`
    claims_only: bool = False  # a format of claim tables alone (check and compare write other tables)


FORMATS: dict[FormatName, Format] = {f.name: f for f in (
    Format("table", (".txt",), streamable=False, binary=False, text=True),
    Format("csv", (".csv",), streamable=True, binary=False, text=True),
    Format("json", (".json",), streamable=False, binary=False, text=True),
    Format("jsonl", (".jsonl",), streamable=True, binary=False, text=True),
    Format("md", (".md",), streamable=False, binary=False, text=True),
    Format("parquet", (".parquet",), streamable=True, binary=True, text=False),
    Format("xlsx", (".xlsx",), streamable=False, binary=True, text=False),
    Format("claimreview", (), streamable=False, binary=False, text=True, claims_only=True),
)}
STREAMABLE: tuple[FormatName, ...] = tuple(name for name, f in FORMATS.items() if f.streamable)
TEXT: tuple[FormatName, ...] = tuple(name for name, f in FORMATS.items() if f.text)
SUFFIXES: dict[str, FormatName] = {s: f.name for f in FORMATS.values() for s in f.suffixes}


def from_suffix(path: str | PurePath | None, default: FormatName) -> FormatName:
    """The format an output file's suffix names, else ``default``."""
    if path is None:
        return default
    return SUFFIXES.get(PurePath(str(path)).suffix.lower(), default)
