"""The word lists the frame fields read (``analyzer/frames/data/frames.json``)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .._resources import data_file, read_json, schema_file

FILE = "frames.json"


@dataclass
class FrameLexicon:
    raw: dict[str, Any]
    _built: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> FrameLexicon:
        return cls(read_json(path or data_file("analyzer.frames", FILE), schema_file("analyzer.frames", FILE)))

    def words(self, key: str) -> frozenset[str]:
        """The list ``key`` as a set, built on first use (the fields ask for it once per figure)."""
        found = self._built.get(key)
        if found is None:
            found = self._built[key] = frozenset(self.raw.get(key, ()))
        return found

    def table(self, key: str) -> Mapping[str, str]:
        """The table ``key``, read-only, built on first use."""
        found = self._built.get(key)
        if found is None:
            found = self._built[key] = MappingProxyType(dict(self.raw.get(key, {})))
        return found
