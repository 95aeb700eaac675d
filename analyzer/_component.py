"""What the geoclaims components share: streaming, loading their data on first use when a pipeline
was never initialised, and saving that data with the pipeline."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import _extensions


class Stage:
    """Base of the components. A subclass loads its data in `initialize` (from ``data_dir``, else the
    package's own ``data/`` folder), says in `is_ready` whether it has, and writes it in `write_data`."""

    def __init__(self, name: str) -> None:
        _extensions.register()
        self.name = name

    def is_ready(self) -> bool:
        return True

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   data_dir: str | Path | None = None) -> None:
        """Load the stage's data from ``data_dir`` (default: the files shipped with the package)."""

    def write_data(self, path: Path) -> None:
        """Write the stage's data files into the folder ``path``."""

    def ensure_ready(self) -> None:
        if not self.is_ready():
            self.initialize()

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        self.ensure_ready()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.write_data(path)

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> Stage:
        self.initialize(data_dir=path)
        return self
