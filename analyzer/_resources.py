"""Reading the JSON/JSONL data files that ship inside each stage's ``data/`` folder.

Each data file has a JSON Schema beside it (``units.json`` -> ``units.schema.json``, ``gazetteer.jsonl`` ->
``gazetteer.schema.json``, the schema of one record). A file read with its schema that does not fit raises
DataFileError naming the file, the line of the offending value and its JSON path, so that a fact-checker who
edits a table or passes their own can find the mistake."""
from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataFileError

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

_DECODER = json.JSONDecoder()
_BLANK = " \t\n\r"


def data_file(package: str, name: str) -> Path:
    """Path of ``name`` in the ``data/`` folder of sub-package ``package`` (e.g. ``analyzer.quantities``)."""
    return Path(str(resources.files(package).joinpath("data").joinpath(name)))


def schema_file(package: str, name: str) -> Path:
    """The schema of data file ``name`` of ``package``; also the schema of a user's file of the same kind."""
    return data_file(package, name.rsplit(".", 1)[0] + ".schema.json")


def read_json(path: str | Path, schema: Path | None = None) -> Any:
    """Load one JSON file, checked against ``schema`` when given; a missing, malformed or invalid file raises
    DataFileError naming it."""
    path = Path(path)
    text = _read_text(path)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise DataFileError(f"{path}:{e.lineno}: invalid JSON: {e.msg}") from None
    if schema is not None:
        validate(obj, schema, text, str(path))
    return obj


def read_jsonl(path: str | Path, schema: Path | None = None) -> list[tuple[int, dict[str, Any]]]:
    """Load a JSON Lines file (one object a line, blank lines allowed) as (line number, record) pairs, each
    record checked against ``schema`` when given."""
    path = Path(path)
    out = []
    for n, line in enumerate(_read_text(path).splitlines(), 1):
        if line.strip():
            record = json_object(line, f"{path}:{n}")
            if schema is not None:
                validate(record, schema, line, str(path), first_line=n)
            out.append((n, record))
    return out


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf8")
    except OSError as e:
        raise DataFileError(f"cannot read data file {path}: {e.strerror or e}") from None


def json_object(line: str, where: str) -> dict[str, Any]:
    """One line of a JSON Lines file as an object; DataFileError naming ``where`` (file:line) otherwise."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise DataFileError(f"{where}: invalid JSON: {e.msg}") from None
    if not isinstance(record, dict):
        raise DataFileError(f"{where}: expected a JSON object, got {type(record).__name__}")
    return record


@functools.cache
def _validator(schema: Path) -> Draft202012Validator:
    """The validator of one schema file, built once per process (jsonschema is imported only here: only
    loading data files needs it)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(read_json(schema))


def validate(obj: Any, schema: Path, text: str, file: str, first_line: int = 1) -> None:
    """Check ``obj`` (parsed from ``text``, which starts on line ``first_line`` of ``file``) against the schema
    file ``schema``; the most relevant error raises DataFileError as ``file:line: json.path: what is wrong``."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator(schema).iter_errors(obj))
    if error is not None:
        path = list(error.absolute_path)
        line = first_line + line_of(text, path + _unexpected(error)) - 1
        raise DataFileError(f"{file}:{line}: {json_path(path)}: {_message(error)}")


def write_json(path: str | Path, obj: Any) -> None:
    """Write ``obj`` as UTF-8 JSON (used by the components' ``to_disk``)."""
    Path(path).write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf8")


def located(path: str | Path, steps: Sequence[str | int]) -> str:
    """``file:line: json.path`` of the value at ``steps`` of the JSON file ``path``: where a check the schema
    cannot make (a reference into another file) says the value is."""
    return f"{path}:{line_of(_read_text(Path(path)), steps)}: {json_path(steps)}"


def _unexpected(error: ValidationError) -> list[str]:
    """For a key the schema does not allow, that key (its line is more use than its object's)."""
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return []
    known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    return [k for k in error.instance if k not in known][:1]


def _message(error: ValidationError) -> str:
    """jsonschema's message, with a long object or array it quotes whole shortened to what it is."""
    quoted = repr(error.instance)
    if isinstance(error.instance, (dict, list)) and len(quoted) > 60 and error.message.startswith(quoted):
        return ("an object" if isinstance(error.instance, dict) else "an array") + error.message[len(quoted):]
    return error.message


def json_path(path: Sequence[str | int]) -> str:
    """``["units", 12, "factor"]`` -> ``units[12].factor``; a key that is no plain name is quoted
    (``before["more than"]``)."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        elif step.isidentifier():
            out += f".{step}" if out else step
        else:
            out += f"[{json.dumps(step, ensure_ascii=False)}]"
    return out or "(top level)"


def line_of(text: str, path: Sequence[str | int]) -> int:
    """The line (from 1) of ``text`` on which the value at ``path`` starts: the JSON text is walked key by
    key with the decoder itself, so strings holding braces, quotes or escapes cannot mislead it."""
    i = _skip(text, 0)
    for step in path:
        i = _item(text, i, step) if isinstance(step, int) else _member(text, i, step)
    return text.count("\n", 0, i) + 1


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _BLANK:
        i += 1
    return i


def _after_value(text: str, i: int) -> int:
    """From the start of a value to the start of the next one in its object or array (or to its closing
    bracket)."""
    i = _skip(text, _DECODER.raw_decode(text, i)[1])
    return _skip(text, i + 1) if text[i:i + 1] == "," else i


def _member(text: str, i: int, key: str) -> int:
    """Start of the value of ``key`` in the object starting at ``i`` (of its last occurrence, the one the
    parser keeps)."""
    found = i
    i = _skip(text, i + 1)
    while text[i:i + 1] == '"':
        name, i = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
        i = _skip(text, _skip(text, i) + 1)  # past the colon
        if name == key:
            found = i
        i = _after_value(text, i)
    return found


def _item(text: str, i: int, index: int) -> int:
    """Start of item ``index`` of the array starting at ``i``."""
    i = _skip(text, i + 1)
    for _ in range(index):
        i = _after_value(text, i)
    return i


WORDS = "words.json"
ABOUT = "_about"


class WordLists:
    """The named English word lists of one sub-package's ``data/words.json``: an object of string lists, with an
    ``"_about"`` object saying what each list is for. The names read are kept, so a test can find lists no code
    reads any more (every list is read at import)."""

    def __init__(self, path: Path) -> None:
        raw = read_json(path, data_file("analyzer", "words.schema.json"))  # one schema for every stage's lists
        self.path, self.about = path, raw[ABOUT]
        self.read: set[str] = set()
        self.lists = {name: tuple(words) for name, words in raw.items() if name != ABOUT}

    def ordered(self, name: str) -> tuple[str, ...]:
        """The list ``name`` in file order (for code that iterates it or matches a suffix in turn)."""
        if name not in self.lists:
            raise DataFileError(f"{self.path}: no word list {name!r}")
        self.read.add(name)
        return self.lists[name]

    def words(self, name: str) -> frozenset[str]:
        """The list ``name`` as a set (for membership tests)."""
        return frozenset(self.ordered(name))


@functools.cache
def word_lists(package: str) -> WordLists:
    """The word lists of sub-package ``package`` (e.g. ``analyzer.frames``), read once."""
    return WordLists(data_file(package, WORDS))
