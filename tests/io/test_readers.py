"""Reading text files: every failure is one line naming the file."""
from __future__ import annotations

import pytest

from analyzer.errors import InputError
from analyzer.io import read_text


def test_utf8_bom_and_crlf(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffTrade rose.\r\nIt was 5%.".encode("utf-8"))
    assert read_text(path) == "Trade rose.\nIt was 5%."


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Trade rose 5%.".encode("utf-16"))
    assert read_text(path) == "Trade rose 5%."


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"caf\xe9 au lait", r"not valid UTF-8 \(byte 3"),
])
def test_bad_bytes(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        read_text(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)
