"""The word lists the frame fields read (``analyzer/frames/data/frames.json``)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._resources import data_file, read_json

FILE = "frames.json"


@dataclass
class FrameLexicon:
    raw: dict[str, Any]

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> FrameLexicon:
        return cls(read_json(path or data_file("analyzer.frames", FILE)))

    def words(self, key: str) -> frozenset[str]:
        return frozenset(self.raw.get(key, ()))

    def table(self, key: str) -> dict[str, str]:
        return dict(self.raw.get(key, {}))
