"""Reading the JSON/JSONL data files that ship inside each stage's ``data/`` folder."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import DataFileError


def data_file(package: str, name: str) -> Path:
    """Path of ``name`` in the ``data/`` folder of sub-package ``package`` (e.g. ``analyzer.quantities``)."""
    return Path(str(resources.files(package).joinpath("data").joinpath(name)))


def read_json(path: str | Path) -> Any:
    """Load one JSON file; a missing or malformed file raises DataFileError naming it."""
    path = Path(path)
    try:
        with path.open(encoding="utf8") as fh:
            return json.load(fh)
    except OSError as e:
        raise DataFileError(f"cannot read data file {path}: {e.strerror or e}") from None
    except json.JSONDecodeError as e:
        raise DataFileError(f"{path}:{e.lineno}: invalid JSON: {e.msg}") from None


def read_jsonl(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    """Load a JSON Lines file (one object a line, blank lines allowed) as (line number, record) pairs."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf8").splitlines()
    except OSError as e:
        raise DataFileError(f"cannot read data file {path}: {e.strerror or e}") from None
    return [(n, json_object(line, f"{path}:{n}")) for n, line in enumerate(lines, 1) if line.strip()]


def json_object(line: str, where: str) -> dict[str, Any]:
    """One line of a JSON Lines file as an object; DataFileError naming ``where`` (file:line) otherwise."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise DataFileError(f"{where}: invalid JSON: {e.msg}") from None
    if not isinstance(record, dict):
        raise DataFileError(f"{where}: expected a JSON object, got {type(record).__name__}")
    return record


def require(record: dict[str, Any], field: str, kind: type | tuple[type, ...], where: str) -> Any:
    """record[field], checked to be of type ``kind``; raises DataFileError naming ``where`` and the field."""
    if field not in record:
        raise DataFileError(f"{where}: missing field {field!r}")
    value = record[field]
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise DataFileError(f"{where}: field {field!r} must be {names}, got {type(value).__name__}")
    return value


def write_json(path: str | Path, obj: Any) -> None:
    """Write ``obj`` as UTF-8 JSON (used by the components' ``to_disk``)."""
    Path(path).write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf8")


WORDS = "words.json"
ABOUT = "_about"


class WordLists:
    """The named English word lists of one sub-package's ``data/words.json``: an object of string lists, with an
    ``"_about"`` object saying what each list is for. The names read are kept, so a test can find lists no code
    reads any more (every list is read at import)."""

    def __init__(self, path: Path) -> None:
        raw = read_json(path)
        about = raw.get(ABOUT) if isinstance(raw, dict) else None
        if not isinstance(about, dict):
            raise DataFileError(f"{path}: expected an object of word lists with an {ABOUT!r} object")
        self.path, self.about = path, about
        self.read: set[str] = set()
        self.lists = {name: tuple(_strings(words, f"{path}: list {name!r}"))
                      for name, words in raw.items() if name != ABOUT}

    def ordered(self, name: str) -> tuple[str, ...]:
        """The list ``name`` in file order (for code that iterates it or matches a suffix in turn)."""
        if name not in self.lists:
            raise DataFileError(f"{self.path}: no word list {name!r}")
        self.read.add(name)
        return self.lists[name]

    def words(self, name: str) -> frozenset[str]:
        """The list ``name`` as a set (for membership tests)."""
        return frozenset(self.ordered(name))


def _strings(words: Any, where: str) -> list[str]:
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise DataFileError(f"{where} must be a list of strings")
    return words


@cache
def word_lists(package: str) -> WordLists:
    """The word lists of sub-package ``package`` (e.g. ``analyzer.frames``), read once."""
    return WordLists(data_file(package, WORDS))
