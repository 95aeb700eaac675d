"""HTML in the charset it declares (issue 15, item 20b): real windows-1251 and ISO-8859-1 bytes, declared by
<meta charset>, <meta http-equiv="Content-Type"> or an XML declaration. Precedence: BOM, then the declared
charset, then UTF-8; a page that declares none and is not UTF-8 is still refused (nothing guessed)."""
from __future__ import annotations

import pytest

from analyzer.io import Document, RecordError, iter_records
from analyzer.io.html_text import codec_of, declared_charset

RUSSIAN = ("Экспорт пшеницы из России вырос на 12% в прошлом году, сообщило министерство сельского хозяйства. "
           "Министр заявил, что урожай превысил ожидания аналитиков и трейдеров на внешних рынках.")
FRENCH = ("Le café coûte désormais 4 € de plus, a déclaré le ministère français de l'Économie, qui prévoit "
          "une hausse des prix à la consommation de 2,5 % l'année prochaine selon ses économistes.")


def page(body: str, title: str = "") -> str:
    return ("<html><head><meta name=viewport content=width=device-width>"
            f"<title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p><p>{body}</p>"
            "</article></body></html>")


def read(path) -> Document | RecordError:
    [record] = list(iter_records([path]))
    return record


@pytest.mark.parametrize("declaration", [
    '<meta charset="windows-1251">',
    "<meta http-equiv='Content-Type' content='text/html; charset=Windows-1251'>",
    '<?xml version="1.0" encoding="windows-1251"?>\n',
    "<meta http-equiv=content-type content=text/html;charset=cp1251>",
])
def test_windows_1251(tmp_path, declaration):
    html = page(RUSSIAN, "Пшеница")
    html = declaration + html if declaration.startswith("<?xml") else html.replace("<head>", "<head>" + declaration)
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # real legacy bytes: not UTF-8
    doc = read(path)
    assert isinstance(doc, Document), doc
    assert "Экспорт пшеницы из России вырос на 12%" in doc.text and doc.title == "Пшеница"


@pytest.mark.parametrize("label", ["ISO-8859-1", "latin1", "iso_8859-1", "windows-1252", "us-ascii"])
def test_iso_8859_1_reads_as_browsers_do(tmp_path, label):
    path = tmp_path / "fr.htm"
    # ISO-8859-1 bytes, plus 0x80 (the euro sign in windows-1252, which browsers read ISO-8859-1 as)
    path.write_bytes(page(FRENCH.replace("€", "EUR"), "Café").replace(
        "<head>", f'<head><meta charset="{label}">').encode("latin-1").replace(b"EUR", b"\x80"))
    doc = read(path)
    assert isinstance(doc, Document), doc
    assert "Le café coûte désormais 4 € de plus" in doc.text and doc.title == "Café"


def test_bom_wins_over_the_declaration(tmp_path):
    path = tmp_path / "bom.html"
    path.write_bytes(b"\xef\xbb\xbf" + page(FRENCH).replace("<head>", '<head><meta charset="windows-1251">')
                     .encode("utf-8"))
    assert "Le café coûte" in read(path).text
    path.write_bytes(page(FRENCH).replace("<head>", '<head><meta charset="windows-1251">').encode("utf-16"))
    assert "Le café coûte" in read(path).text


def test_declared_charset_wins_over_utf8(tmp_path):
    """A page converted to UTF-8 that still declares windows-1251 is read as it declares, as a browser shows
    it (documented precedence)."""
    path = tmp_path / "stale.html"
    path.write_bytes(page(RUSSIAN).replace("<head>", '<head><meta charset="windows-1251">').encode("utf-8"))
    assert "Экспорт" not in read(path).text


def test_utf8_without_declaration_and_declared_utf8(tmp_path):
    path = tmp_path / "u.html"
    path.write_bytes(page(RUSSIAN).encode("utf-8"))
    assert "Экспорт пшеницы" in read(path).text
    path.write_bytes(page(RUSSIAN).replace("<head>", '<head><meta charset="utf-8">').encode("utf-8"))
    assert "Экспорт пшеницы" in read(path).text


@pytest.mark.parametrize("head, content, message", [
    ("", b"caf\xe9", "not valid UTF-8 (byte"),  # no declaration: not guessed
    ('<meta charset="klingon">', b"caf\xe9", "declared charset 'klingon' is unknown"),
    ('<meta charset="utf-8">', b"caf\xe9", "it declares 'utf-8'"),
    ('<meta charset="shift_jis">', b"\x81\x20", "not valid shift_jis as its charset declares (byte"),
    ('<meta charset="utf-7">', b"caf\xe9", "declared charset 'utf-7' is unknown"),  # refused: an XSS vector
])
def test_undecodable_pages_are_one_line_errors(tmp_path, head, content, message):
    path = tmp_path / "bad.html"
    path.write_bytes(f"<html><head>{head}</head><body><p>".encode("ascii") + content + b"</p></body></html>")
    err = read(path)
    assert isinstance(err, RecordError) and err.source == str(path)
    assert message in err.message and "\n" not in err.message and str(path) not in err.message


def test_declaration_lookup():
    assert declared_charset(b'<html><head><META CHARSET=KOI8-R>') == "koi8-r"
    assert declared_charset(b"<html><body><p>write <meta charset=x> in the head</p>") is None  # body: text
    assert declared_charset(b'<?xml version="1.0" encoding=\'ISO-8859-1\'?><html>') == "iso-8859-1"
    assert declared_charset(b"<html><head><title>x</title></head>") is None
    assert codec_of("iso-8859-1") == "cp1252" and codec_of("windows-1251") == "cp1251"
    assert codec_of("utf-16le") == "utf-8" and codec_of("rot13") is None and codec_of("utf-7") is None
