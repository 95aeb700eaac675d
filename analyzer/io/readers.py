"""Reading documents from files. Every failure is an InputError whose message names the file and the
problem in one line."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError


@dataclass(frozen=True)
class Document:
    """A text to analyse and what is known about it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None


def read_text(path: str | Path) -> str:
    """The text of a plain-text file: UTF-8 (a BOM is dropped; UTF-16 with a BOM is read too)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: invalid UTF-16 at byte {e.start}") from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: looks like a binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not valid UTF-8 (byte {e.start}: {raw[e.start:e.start + 1]!r})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: str | Path, *, published: str | None = None) -> Document:
    """A Document from a text file; its id is the path as given."""
    return Document(id=str(path), text=read_text(path), published=published)
