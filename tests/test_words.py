"""The core modules' word lists (``analyzer/data/words.json``) and the helper that reads every stage's."""
from __future__ import annotations

import json

import pytest

from analyzer._resources import WordLists
from analyzer.errors import DataFileError

from .word_lists import check


def test_core_word_lists_are_all_read_documented_and_clean():
    check("analyzer")


def _lists(tmp_path, raw):
    path = tmp_path / "words.json"
    path.write_text(json.dumps(raw), encoding="utf8")
    return WordLists(path)


def test_a_list_is_read_as_a_set_or_in_file_order(tmp_path):
    lists = _lists(tmp_path, {"_about": {"x": "what x is for"}, "x": ["b", "a", "c"]})
    assert lists.ordered("x") == ("b", "a", "c")
    assert lists.words("x") == frozenset("abc")
    assert lists.read == {"x"}


@pytest.mark.parametrize("raw", [["a"], {"x": ["a"]}, {"_about": {}, "x": "a b"}, {"_about": {}, "x": ["a", 1]}])
def test_a_malformed_file_names_itself(tmp_path, raw):
    with pytest.raises(DataFileError, match="words.json"):
        _lists(tmp_path, raw)


def test_a_missing_list_names_the_file(tmp_path):
    with pytest.raises(DataFileError, match="no word list 'y'"):
        _lists(tmp_path, {"_about": {}, "x": ["a"]}).ordered("y")
