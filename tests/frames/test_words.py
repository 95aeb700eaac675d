"""The English word lists of ``analyzer/frames/data/words.json``: every list read by the code, documented, clean."""
from __future__ import annotations

from ..word_lists import check


def test_word_lists_are_all_read_documented_and_clean():
    check("analyzer.frames")
