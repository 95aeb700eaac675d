"""Redraw docs/report.png, the README's picture of the example article's HTML report.

    geoclaims analyze data/examples/putin_baku.txt --published 2024-08-20 --report /tmp/report.html --quiet
    python docs/screenshot.py /tmp/report.html

Needs chromium on PATH (Debian: apt-get install chromium) and playwright (pip install playwright); the
browser is the system's, nothing is downloaded.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def main(report: str, out: str = str(Path(__file__).with_name("report.png"))) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("screenshot: no chromium on PATH (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1250}, device_scale_factor=1)
        page.goto(Path(report).resolve().as_uri())
        page.screenshot(path=out, full_page=False)
        browser.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(*sys.argv[1:])
