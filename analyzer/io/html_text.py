"""The text of an HTML file in the charset it declares.

Precedence: a byte-order mark (UTF-8, UTF-16) first; then the charset the page declares: a ``<meta
charset>``, a ``<meta http-equiv="Content-Type" content="...; charset=...">`` (either one, the first in the
page), else an XML declaration's ``encoding``; else UTF-8. A page that declares no charset and is not valid
UTF-8 is refused, as a text file is: geoclaims does not guess. As in browsers (the WHATWG Encoding
standard), ``iso-8859-1``, ``latin1`` and ``us-ascii`` are read as windows-1252 (which they are in practice),
a declared ``utf-16`` without a byte-order mark as UTF-8, and ``utf-7`` is refused. A stale declaration (a
page converted to UTF-8 that still says windows-1251) is read as it declares, as a browser shows it."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError
from .files import SNIFF_BYTES, os_error, read_text

DECLARATION_BYTES = 65_536  # the start of the file searched for a declaration (the head, before <body)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_META = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML = re.compile(rb"""^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.I)
_BODY = re.compile(rb"<body[\s>]", re.I)
# WHATWG labels that mean another encoding than Python's codec of that name
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591", "latin1", "latin-1", "l1", "cp819",
                 "ibm819", "csisolatin1", "iso-ir-100", "us-ascii", "ascii", "ansi_x3.4-1968", "windows-1252",
                 "cp1252", "x-cp1252"}
_SAME_AS = {"iso-8859-9": "cp1254", "latin5": "cp1254", "gb2312": "gbk", "euc-kr": "cp949", "tis-620": "cp874"}
_UTF8 = {"utf-8", "utf8", "unicode-1-1-utf-8", "utf-16", "utf-16le", "utf-16be"}


def _c1(error: UnicodeError) -> tuple[str, int]:
    """The five bytes windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) as the C1 controls of the
    same number, as browsers read them."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start:error.end].decode("latin-1"), error.end


codecs.register_error("geoclaims.c1", _c1)


def declared_charset(head: bytes) -> str | None:
    """The charset label ``head`` (the first bytes of a page) declares, lower case; None if none."""
    head = head[:DECLARATION_BYTES]
    body = _BODY.search(head)
    if body is not None:
        head = head[:body.start()]
    found = _META.search(head) or _XML.match(head)
    return found.group(1).decode("ascii").lower() if found else None


def codec_of(label: str) -> str | None:
    """The Python codec for a declared charset label; None for a label that is unknown, not a text encoding,
    or refused (utf-7, which can smuggle markup past a filter)."""
    if label in _UTF8:
        return "utf-8"
    if label in _WINDOWS_1252:
        return "cp1252"
    try:
        info = codecs.lookup(_SAME_AS.get(label, label))
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in ("utf-7", "utf-8-sig"):
        return None
    return "utf-8" if info.name.startswith("utf-16") or info.name.startswith("utf-32") else info.name


def read_html_text(path: str | Path) -> str:
    """The text of the HTML file ``path`` (see the module for the precedence of BOM, declared charset and
    UTF-8); CRLF and CR as LF. InputError naming the file when it cannot be read or decoded."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(DECLARATION_BYTES)
    except OSError as e:
        raise os_error(path, e) from None
    label = None if head.startswith(_BOMS) else declared_charset(head)
    codec = codec_of(label) if label else None
    if codec is None or codec == "utf-8":
        try:
            return read_text(path)
        except InputError as e:
            if "not valid UTF-8" not in str(e):
                raise
            why = "it declares no charset" if label is None else \
                f"its declared charset {label!r} is unknown" if codec is None else f"it declares {label!r}"
            raise InputError(f"{e}; {why}") from None
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise os_error(path, e) from None
    if b"\x00" in raw[:SNIFF_BYTES]:
        raise InputError(f"{path}: looks like a binary file, not text")
    try:
        text = raw.decode(codec, errors="geoclaims.c1" if codec == "cp1252" else "strict")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not valid {label} as its charset declares (byte {e.start}: "
                         f"{raw[e.start:e.start + 1]!r})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
