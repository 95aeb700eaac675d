"""The output formats come from one registry (analyzer/io/formats.py, issue 18): the CLI's --format choices,
the suffixes that choose a format, what can be streamed and resumed, and `analyzer.export`, all read it."""
from __future__ import annotations

from typing import get_args

import pytest

import analyzer
from analyzer import cli
from analyzer.io import formats
from analyzer.io.writers import STREAM_FORMATS
from analyzer.report import export


def test_the_typed_names_are_the_registry():
    assert tuple(formats.FORMATS) == get_args(formats.FormatName)


def test_everything_reads_the_registry():
    assert [m.value for m in cli.OutputFormat] == list(formats.FORMATS)
    assert [m.value for m in cli.VerifyFormat] == [n for n, f in formats.FORMATS.items() if not f.claims_only]
    assert STREAM_FORMATS == formats.STREAMABLE == ("csv", "jsonl", "parquet")
    assert export.FORMATS == formats.TEXT and export.SUFFIX_FORMATS == formats.SUFFIXES
    assert formats.from_suffix("claims.PARQUET", "table") == "parquet"
    assert formats.from_suffix("notes.txt", "csv") == "table" and formats.from_suffix("x.bin", "csv") == "csv"


@pytest.mark.parametrize("name", list(formats.FORMATS))
def test_every_format_has_a_writer(name, tmp_path, example_text):
    """`analyzer.export` writes every format of the registry to a file."""
    frame = analyzer.analyze(example_text)
    spec = formats.FORMATS[name]
    path = tmp_path / f"claims{spec.suffixes[0] if spec.suffixes else '.json'}"
    analyzer.export(frame, path, name)
    data = path.read_bytes()
    assert data, name
    if not spec.binary:
        data.decode("utf8")  # text formats are UTF-8 text
