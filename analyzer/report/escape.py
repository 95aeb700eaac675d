"""Escaping for each place article text ends up: a terminal (`safe`), Markdown (`markdown_text`), a link
(`http_url`) and JSON embedded in HTML (`json_in_html`). Article text, titles, URLs, ids and file names are
data: none of them may become a terminal command, markup, a script or a link to something other than a web
page."""
from __future__ import annotations

import re
from urllib.parse import quote

# what a terminal may act on: C0 controls (ESC starts CSI/OSC sequences, BEL ends OSC), DEL, C1 controls
# (U+009B is a one-character CSI), and the bidirectional controls that reorder what is shown ("Trojan Source")
# plus the line and paragraph separators
_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    c = match.group()
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def safe(text: object, keep: str = "") -> str:
    """``text`` for a terminal: every control character (C0, DEL, C1) and bidirectional control written as a
    visible escape (ESC as ``\\x1b``, U+202E as ``\\u202e``), so ids, file names and article text cannot move
    the cursor, retitle the window or reorder a line. The characters in ``keep`` (say ``"\\n"``) stay."""
    text = str(text)
    if not keep:
        return _TERMINAL.sub(_visible, text)
    return _TERMINAL.sub(lambda m: m.group() if m.group() in keep else _visible(m), text)


# ---- links ---------------------------------------------------------------------------------------------
_EDGE = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")  # what a browser strips around a URL (C0 controls, space)
_TAB_NEWLINE = re.compile("[\t\n\r]")  # what a browser removes anywhere in a URL
_HTTP = re.compile(r"(?i)(https?)://(?=[^/?#\\])")
_URI_SAFE = "!#$%&'()*+,/:;=?@[]~"  # RFC 3986 reserved characters and '%': kept; anything else is %-encoded


def http_url(url: object) -> str | None:
    """``url`` as a link target if it is an http(s) URL, else None. The check is the browser's: leading and
    trailing controls and spaces stripped, tabs and newlines removed, the scheme compared ignoring case, so
    ``" JaVaScRiPt:..."`` is refused. The URL returned has its scheme in lower case and every character that
    a URI cannot hold (spaces, quotes, ``<>``, controls, non-ASCII) %-encoded."""
    if not isinstance(url, str):
        return None
    url = _TAB_NEWLINE.sub("", _EDGE.sub("", url))
    m = _HTTP.match(url)
    if m is None:
        return None
    return m.group(1).lower() + quote(url[len(m.group(1)):], safe=_URI_SAFE)


# ---- Markdown ------------------------------------------------------------------------------------------
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Markdown's inline syntax (code, emphasis, links and images, tables, strikethrough, headings' closing #,
# GitHub's math) and the backslash itself: escaped with a backslash
_MARKDOWN = re.compile(r"[\\`*_\[\]|~#$&<>]")


def _markdown_char(match: re.Match[str]) -> str:
    c = match.group()
    return _HTML.get(c) or "\\" + c


def markdown_text(text: object) -> str:
    """``text`` as literal Markdown inline text, for a table cell, a heading or within a line that begins with
    a word of ours (line-start syntax such as ``- `` or ``1.`` is not escaped): one line; HTML's ``<``, ``>``,
    ``&`` as entities (so no tag, autolink or entity of the text is read as one); Markdown's inline syntax
    escaped with a backslash; control characters as in `safe`. A renderer shows the text as it was."""
    return _MARKDOWN.sub(_markdown_char, safe(" ".join(str(text).splitlines()).strip()))


# ---- JSON inside HTML ----------------------------------------------------------------------------------
_JSON_IN_HTML = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_SPECIAL = re.compile("[<>&\u2028\u2029]")


def json_in_html(text: str) -> str:
    """JSON text (from `json.dumps`) safe to embed in ``<script type="application/ld+json">``: ``<``, ``>``,
    ``&`` (and U+2028/U+2029) written as ``\\u003c``, ``\\u003e``, ``\\u0026``. JSON puts these characters
    only inside strings, where the escapes mean the same: the parsed value is unchanged, but no
    ``</script>`` or ``<!--`` can end or hide the script element."""
    return _JSON_SPECIAL.sub(lambda m: _JSON_IN_HTML[m.group()], text)
