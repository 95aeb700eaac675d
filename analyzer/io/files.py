"""Reading one file safely, for every reader of the package (documents, HTML, references, rates, claim
tables): a path that is no regular file and a file that is no text are refused with an InputError that names
the file and the problem in one line."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import InputError

SNIFF_BYTES = 8192  # the start of a file searched for NUL bytes (a binary file) or a charset


def check_regular(path: Path) -> None:
    """InputError unless ``path`` is a regular file: reading a FIFO would wait forever and a device such as
    /dev/zero would never end. The same guard for every file a command reads (documents, references, rates,
    metrics, claim tables)."""
    try:
        mode = path.stat().st_mode
    except OSError as e:
        raise os_error(path, e) from None
    if not stat.S_ISREG(mode):
        kind = "a directory" if stat.S_ISDIR(mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else \
            "a socket" if stat.S_ISSOCK(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else \
            "not a file"
        raise InputError(f"{path}: {kind}, not a regular file; give files or folders of files")


def os_error(path: Path | str, e: OSError) -> InputError:
    """The InputError for an OSError reading ``path``, in one line."""
    if isinstance(e, FileNotFoundError):
        if os.path.islink(path):
            return InputError(f"{path}: broken symbolic link (its target {os.readlink(path)} does not exist)")
        return InputError(f"{path}: file not found")
    if isinstance(e, IsADirectoryError):
        return InputError(f"{path}: is a directory, not a file")
    if isinstance(e, PermissionError):
        return InputError(f"{path}: permission denied")
    return InputError(f"{path}: cannot read: {e.strerror or e}")


def read_text(path: str | Path) -> str:
    """The text of a plain-text file: UTF-8 (a BOM is dropped; UTF-16 with a BOM is read too)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise os_error(path, e) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: invalid UTF-16 at byte {e.start}") from None
    if b"\x00" in raw[:SNIFF_BYTES]:
        raise InputError(f"{path}: looks like a binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not valid UTF-8 (byte {e.start}: {raw[e.start:e.start + 1]!r})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
