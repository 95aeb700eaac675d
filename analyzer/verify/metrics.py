"""Do two phrases name the same measure? A claim's ``quantity_of`` ("Russian enterprises", "trade
turnover") against a reference row's ``metric`` ("companies", "bilateral trade"): phrases of one synonym
group (``data/metrics.json``) match, phrases of two different groups never do ("trade turnover" is not
"tourist arrivals"), and anything else matches when rapidfuzz's token_set_ratio reaches the threshold."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from .._resources import data_file, read_json, schema_file, word_lists
from ..errors import DataFileError
from ..io.files import check_regular

WORDS = word_lists("analyzer.verify")
NOT_PLURAL_ENDINGS = WORDS.ordered("not_plural_endings")

THRESHOLD = 85.0  # token_set_ratio (0-100) at which two phrases outside the groups match
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+")
_STOP = WORDS.words("stop_words")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(NOT_PLURAL_ENDINGS):
        return word[:-1]
    return word


def normalise(phrase: str) -> str:
    """Lower case, singular, without articles, names and demonyms: 'the Russian enterprises' ->
    'enterprise'. A capitalised word is taken for a name (left out) unless it is all capitals (GDP, FDI)
    or the phrase has nothing else."""
    words = _WORD.findall(phrase)
    kept = [w for w in words if not (w[0].isupper() and not w.isupper())] or words
    return " ".join(_singular(w.lower()) for w in kept if w.lower() not in _STOP)


@dataclass(frozen=True)
class Metrics:
    """The synonym groups: normalised phrase -> group name."""

    group_of: dict[str, str]

    def group(self, phrase: str) -> str | None:
        """The group of ``phrase``: of the whole normalised phrase, else of its longest ending that is in a
        group (English puts the head noun last: 'annual trade turnover' is trade, 'trade deficit' is not)."""
        words = normalise(phrase).split()
        for n in range(len(words), 0, -1):
            tail = " ".join(words[-n:])
            if tail in self.group_of:
                return self.group_of[tail]
        return None

    def score(self, a: str, b: str) -> float:
        """0-100: 100 for one group, 0 for two different groups or an empty phrase, else token_set_ratio."""
        if not a.strip() or not b.strip():
            return 0.0
        ga, gb = self.group(a), self.group(b)
        if ga is not None and gb is not None:
            return 100.0 if ga == gb else 0.0
        return float(fuzz.token_set_ratio(normalise(a), normalise(b)))

    def same(self, a: str, b: str, threshold: float = THRESHOLD) -> bool:
        return self.score(a, b) >= threshold


def _groups(path: Path) -> dict[str, str]:
    """Normalised phrase -> its group, of a file checked against metrics.schema.json (the package's or a
    user's)."""
    raw = read_json(path, schema_file("analyzer.verify", "metrics.json"))
    return {normalise(p): name for name, phrases in raw["groups"].items() for p in phrases}


@functools.lru_cache(maxsize=8)
def load_metrics(extra: tuple[str, ...] = ()) -> Metrics:
    """The package's synonym groups, plus those of ``extra`` files (same format; a group of the same name
    is extended, a phrase moves to the last group that lists it)."""
    group_of = _groups(data_file("analyzer.verify", "metrics.json"))
    for path in extra:
        check_regular(Path(path))  # a FIFO would wait forever
        try:
            group_of.update(_groups(Path(path)))
        except OSError as e:
            raise DataFileError(f"{path}: cannot read: {e.strerror or e}") from None
    return Metrics(group_of)


def metrics(extra: Iterable[str | Path] = ()) -> Metrics:
    return load_metrics(tuple(str(p) for p in extra))
