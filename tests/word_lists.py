"""Checks of a stage's ``data/words.json`` (the English word lists moved out of the code, issue 18), shared by
each stage's ``test_words.py``."""
from __future__ import annotations

import importlib
import pkgutil

from analyzer._resources import WordLists, word_lists


def _import_all(package: str) -> None:
    """Import every module of ``package``: each reads its lists at import."""
    module = importlib.import_module(package)
    if package == "analyzer":  # the core modules of the top package, not the stages below it
        names = [f"analyzer.{m.name}" for m in pkgutil.iter_modules(module.__path__)
                 if not m.ispkg and m.name != "__main__"]  # __main__ would run the command line
    else:
        names = [m.name for m in pkgutil.walk_packages(module.__path__, f"{package}.")]
    for name in names:
        importlib.import_module(name)


def loaded(package: str) -> WordLists:
    _import_all(package)
    return word_lists(package)


def dead(lists: WordLists) -> list[str]:
    """Lists no module reads (left behind when the code stopped using them)."""
    return sorted(set(lists.lists) - lists.read)


def undocumented(lists: WordLists) -> list[str]:
    """Lists without an ``_about`` entry, and entries that name no list."""
    return sorted(set(lists.lists) ^ set(lists.about))


def malformed(lists: WordLists) -> list[str]:
    """Empty lists, and lists with a word twice or not in lower case (the code compares them with ``lower_``)."""
    return [name for name, words in lists.lists.items()
            if not words or len(set(words)) < len(words) or any(w != w.lower() for w in words)]


def check(package: str) -> None:
    lists = loaded(package)
    assert lists.lists, package
    assert not dead(lists), f"lists no code reads: {dead(lists)}"
    assert not undocumented(lists), f"lists and '_about' entries that do not match: {undocumented(lists)}"
    assert not malformed(lists), f"empty, repeated or capitalised words in: {malformed(lists)}"
