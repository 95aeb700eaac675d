"""What the geoclaims components share: streaming, loading their data (in `initialize`, `from_disk` or
`from_bytes`; once, with a warning, when a component is used without any of them), and saving that data with
the pipeline through `nlp.to_disk` and `nlp.to_bytes`."""
from __future__ import annotations

import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy import util
from spacy.language import Language
from spacy.tokens import Doc

from . import _extensions


class Stage:
    """Base of the components. A subclass loads its data in `initialize` (from ``data_dir``, else the
    package's own ``data/`` folder), says in `is_ready` whether it has, and writes it in `write_data`.

    Serialisation follows spaCy's own components: one table (`_serializers`) names each part saved, and
    ``exclude`` leaves out the parts it names. There is one part, ``"data"``: the stage's data files (with the
    user's gazetteer entities, `analyzer.entities.component.GeoEntities.extend`). Settings are not saved here:
    they are the factory's arguments, which spaCy keeps in the pipeline's config."""

    def __init__(self, name: str) -> None:
        _extensions.register()
        self.name = name
        self._warned = False

    def is_ready(self) -> bool:
        return True

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   data_dir: str | Path | None = None) -> None:
        """Load the stage's data from ``data_dir`` (default: the files shipped with the package)."""

    def write_data(self, path: Path) -> None:
        """Write the stage's data files into the folder ``path``."""

    def ensure_ready(self) -> None:
        """Load the package's data when the stage was never initialised (`nlp.initialize()`, `from_disk`,
        `from_bytes`, or `analyzer.load`, which initialises every stage): a warning says so, once."""
        if not self.is_ready():
            if not self._warned:
                self._warned = True
                warnings.warn(f"{self.name}: used before nlp.initialize() or loading a saved pipeline; loading the "
                              "data shipped with geoclaims (analyzer.load() gives a ready pipeline)", stacklevel=3)
            self.initialize()

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    # ------------------------------------------------------------------ serialisation
    def _serializers(self) -> dict[str, tuple[Callable[[Path], None], Callable[[Path], None]]]:
        """Part name -> (write it into a folder, read it from a folder)."""
        return {"data": (self._write, self._read)}

    def _write(self, path: Path) -> None:
        self.ensure_ready()
        path.mkdir(parents=True, exist_ok=True)
        self.write_data(path)

    def _read(self, path: Path) -> None:
        self.initialize(data_dir=path)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the stage's parts into the folder ``path`` (its data files directly in it, as before)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for part, (write, _) in self._serializers().items():
            if part not in exclude:
                write(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Stage:
        for part, (_, read) in self._serializers().items():
            if part not in exclude:
                read(Path(path))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The stage's parts as bytes: each part's files, by their path relative to its folder."""
        def getter(write: Callable[[Path], None]) -> Callable[[], dict[str, bytes]]:
            def files() -> dict[str, bytes]:
                with tempfile.TemporaryDirectory(prefix="geoclaims-") as tmp:
                    write(Path(tmp))
                    return {p.relative_to(tmp).as_posix(): p.read_bytes()
                            for p in sorted(Path(tmp).rglob("*")) if p.is_file()}
            return files
        parts = self._serializers().items()
        getters: dict[str, Callable[[], Any]] = {part: getter(write) for part, (write, _) in parts}
        return util.to_bytes(getters, exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> Stage:
        def setter(read: Callable[[Path], None]) -> Callable[[dict[str, bytes]], None]:
            def load(files: dict[str, bytes]) -> None:
                with tempfile.TemporaryDirectory(prefix="geoclaims-") as tmp:
                    for rel, data in files.items():
                        target = Path(tmp, rel).resolve()
                        if not target.is_relative_to(Path(tmp).resolve()):
                            raise ValueError(f"{self.name}: bytes name a file outside their folder: {rel!r}")
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(data)
                    read(Path(tmp))  # every stage reads its files whole here: nothing is read after
            return load
        parts = self._serializers().items()
        setters: dict[str, Callable[[Any], Any]] = {part: setter(read) for part, (_, read) in parts}
        util.from_bytes(bytes_data, setters, exclude)
        return self
