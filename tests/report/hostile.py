"""A corpus an attacker writes: markup, Markdown, script breakouts and bad URLs in the text, the title, the
URL, the id and a speaker of each article, and a gazetteer entry (``--gazetteer``) whose name is markup.
Shared by the escaping tests and the browser test."""
from __future__ import annotations

import json
from pathlib import Path

IMG = "<img src=http://evil.test/i.png onerror=alert(1)>"
SCRIPT = "<script>window.pwned=1;alert(1)</script>"
IFRAME = '<iframe src="http://evil.test/f"></iframe>'
MD_IMAGE = "![x](http://evil.test/m.png)"
JS_LINK = "[link](javascript:alert(1))"
AUTOLINK = "<http://evil.test/auto>"
ENTITIES = "&lt;b&gt;bold&lt;/b&gt; &#60;i&#62;"
BREAKOUT = '</script><script>window.pwned=2;alert(2)</script><img src="http://evil.test/b.png"><!--<script>'
GAZETTEER_NAME = "<img src=http://evil.test/g.png onerror=alert(3)> ![g](http://evil.test/g2.png)"
# what browsers and Markdown renderers must never link to
BAD_URLS = ["javascript:alert(4)", "JaVaScRiPt:alert(5)", " javascript:alert(6)", "\tjava\nscript:alert(7)",
            "data:text/html,<script>alert(8)</script>", "vbscript:msgbox(9)"]
GOOD_URL = "HTTPS://example.org/news?id=1&x=</script>"

# sentences the pipeline turns into claims: statements about Azerbaijan carrying the payloads, a quantity
# claim whose speaker is the user's gazetteer entry, one whose speaker phrase holds a script tag (a Markdown
# image ends a sentence at its '!': it is in the gazetteer's name, the title and an id)
TEXT = (f"Azerbaijan has kept a cautious distance from Russia {IFRAME} and {AUTOLINK} for years.\n\n"
        f"Azerbaijan has kept its ties with the West {JS_LINK} and {ENTITIES} {IMG} for years.\n\n"
        "The Zorblan Ministry said exports rose 12% to $4 billion last year.\n\n"
        f"The {SCRIPT} committee said imports fell 5% in 2023.\n\n"
        f"Azerbaijan said trade rose 7% last year {BREAKOUT}.")


def gazetteer(folder: Path) -> Path:
    path = folder / "gazetteer.jsonl"
    path.write_text(json.dumps({"id": "org:zorblan", "canonical": GAZETTEER_NAME, "kind": "organization",
                                "label": "ORG", "aliases": ["Zorblan Ministry"], "adjectives": [], "country": "",
                                "role": "", "source": "test"}) + "\n", encoding="utf8")
    return path


def corpus(folder: Path, *, bad_urls: bool = True) -> Path:
    """A JSONL file: the hostile article with a hostile title, URL and id; one without a title (its heading
    is its id); with ``bad_urls`` one short article per URL of BAD_URLS, and one with GOOD_URL."""
    records = [{"id": f"hostile {IFRAME}", "text": TEXT, "title": f"Title {SCRIPT} {MD_IMAGE} {BREAKOUT}",
                "url": f"javascript:alert(10)//{IMG}"},
               {"id": f"untitled {IMG} {JS_LINK}", "text": "Exports rose 12% to $4 billion last year, the Zorblan "
                                                            "Ministry said."}]
    if bad_urls:
        records += [{"id": f"url{k}", "title": f"url {k}", "url": url,
                     "text": f"Azerbaijan said its exports rose {k + 2}% last year."}
                    for k, url in enumerate([*BAD_URLS, GOOD_URL])]
    path = folder / "hostile.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf8")
    return path
