"""The ``geo_checkworthiness`` pipeline component: how worth checking each sentence and claim is.

Two modes score the sentences (the factory's ``mode``; ``analyzer.load(checkworthiness=...)``):
- ``"default"``: a logistic regression over the sentence's hashed words and characters and the pipeline's own
  signals (`features.py`), trained on CLEF-2024 CheckThat! Task 1 by ``models/build/train_checkworthiness.py``;
- ``"accurate"``: a fine-tuned MiniLM on onnxruntime (`accurate.py`; the ``accurate`` extra).
Each mode has its own row model (`rows.py`), which ranks a document's rows. The card is
``models/checkworthiness.md``. The models are read only from this package's ``data/`` folder (or a pipeline
saved by ``to_disk``), and only when their sha256 is the one their metadata records.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_left
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from .._component import Stage
from .._resources import data_file, located, read_json, schema_file, write_json
from ..errors import DataFileError, InputError
from ..parse_text import use_parse_text
from ..attribution.model import Statement
from ..text import EntityIndex, original_text
from ..tree import indexed
from .accurate import META as ACCURATE_META, SentenceModel, require_extra
from .features import SIGNALS, margins, signals
from .rows import ROW_FEATURES, features, rows_of, scores

MODEL = "model.npz"
META = "model.json"
MODES = ("default", "accurate")
#: the row model of each mode: it reads the sentence model's score, so each mode has its own
RANKERS = {"default": "ranker.json", "accurate": "ranker_accurate.json"}


@Language.factory(
    "geo_checkworthiness",
    assigns=["doc._.quantities", "doc._.statements"],
    requires=["doc._.quantities", "doc._.statements"],
    default_config={"mode": "default"},
)
def make_geo_checkworthiness(nlp: Language, name: str, mode: str = "default") -> GeoCheckworthiness:
    """A 0..1 check-worthiness score for every sentence and every claim-table row; ``mode``: "default" (fast)
    or "accurate" (a transformer; the ``accurate`` extra)."""
    use_parse_text(nlp)  # the tokenizer reads Unicode spaces as spaces (analyzer.parse_text)
    return GeoCheckworthiness(name, mode=mode)


def check_mode(mode: object) -> str:
    """``mode`` if it names a check-worthiness mode whose packages are installed: else InputError naming the
    modes, or MissingExtraError naming the extra (`accurate.require_extra`)."""
    if mode not in MODES:
        raise InputError(f"checkworthiness={mode!r}: expected one of {', '.join(map(repr, MODES))}")
    if mode == "accurate":
        require_extra()
    return str(mode)


class GeoCheckworthiness(Stage):
    """Scores each sentence with the mode's model, then each row; a score >= 0.5 means check-worthy."""

    meta: dict[str, Any]  # set by `initialize`, never None: `is_ready` says whether it is
    ranker: dict[str, Any]  # the row model (rows.py), set with ``meta``

    def __init__(self, name: str = "geo_checkworthiness", mode: str = "default") -> None:
        super().__init__(name)
        self.mode = check_mode(mode)  # before any data is read: one line naming the extra when it is missing
        self._arrays: dict[str, np.ndarray] = {}
        self._raw: bytes = b""
        self._sentences: SentenceModel | None = None  # the accurate mode's model

    def is_ready(self) -> bool:
        return hasattr(self, "meta")

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   data_dir: str | Path | None = None, ranker_file: str | Path | None = None) -> None:
        """Load the models from ``data_dir`` (default: the package's); ``ranker_file``: another row model
        (the training of a mode's first row model reads the rows, not their scores)."""
        folder = Path(data_dir) if data_dir else data_file("analyzer.checkworthiness", META).parent
        meta = read_json(folder / META, schema_file("analyzer.checkworthiness", META))
        try:
            raw = (folder / MODEL).read_bytes()
        except OSError as e:
            raise DataFileError(f"cannot read model file {folder / MODEL}: {e.strerror or e}") from None
        if hashlib.sha256(raw).hexdigest() != meta["sha256"]:
            raise DataFileError(f"{folder / MODEL}: checksum differs from {META}; the model file was changed")
        if list(meta["signals"]) != list(SIGNALS):
            raise DataFileError(f"{located(folder / META, ['signals'])}: the model was trained on other signals than "
                                "this version computes")
        import io

        with np.load(io.BytesIO(raw), allow_pickle=False) as npz:  # arrays only, never pickled objects
            self._arrays = {k: npz[k] for k in npz.files}
        if self.mode == "accurate":
            # a saved pipeline carries the model's files; a folder of a default model alone uses the package's
            shipped = data_file("analyzer.checkworthiness", ACCURATE_META).parent
            self._sentences = SentenceModel(folder if (folder / ACCURATE_META).exists() else shipped)
        # a folder of a sentence model alone (models/build/train_checkworthiness.py) uses the package's row model
        name = RANKERS[self.mode]
        if ranker_file is None:
            ranker_file = folder / name if (folder / name).exists() else data_file("analyzer.checkworthiness", name)
        ranker = read_json(ranker_file, schema_file("analyzer.checkworthiness", RANKERS["default"]))
        if list(ranker["features"]) != list(ROW_FEATURES):
            raise DataFileError(f"{located(ranker_file, ['features'])}: the row model was trained on other "
                                "features than this version computes")
        self._raw = raw
        self.ranker = ranker
        self._row_coef = np.array(ranker["coef"], dtype=np.float64)
        self.meta = meta

    @property
    def reads_signals(self) -> bool:
        """Does the mode's sentence model read the pipeline signals (`features.signals`)? The accurate mode
        reads the text alone."""
        return self.mode == "default"

    def score_sentences(self, texts: list[str], signal_rows: np.ndarray | None) -> np.ndarray:
        """Check-worthiness (0..1) of sentences given their texts and pipeline signals (the accurate mode reads
        the texts alone: ``signal_rows`` may be None)."""
        self.ensure_ready()
        if not texts:
            return np.zeros(0)
        if self._sentences is not None:
            return self._sentences.scores(texts)
        if signal_rows is None:
            raise ValueError("the default check-worthiness model needs the sentences' signals")
        a = self._arrays
        z = margins(texts, signal_rows, (a["idf_word"], a["idf_char"]), (a["coef_word"], a["coef_char"],
                    a["coef_signals"]), float(self.meta["signal_weight"]), float(a["intercept"][0]))
        return 1.0 / (1.0 + np.exp(-z))

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Score the sentences of a batch of documents at once (one model call per batch)."""
        for batch in minibatch(docs, size=batch_size):
            owners = [s for doc in batch for s in doc._.statements or []]
            if owners:
                rows = np.vstack([self._signals_of(doc) for doc in batch]) if self.reads_signals else None
                for s, p in zip(owners, self.score_sentences([s.text for s in owners], rows), strict=True):
                    s.checkworthiness = round(float(p), 4)
            for doc in batch:
                self._score_rows(doc)
                yield doc

    @staticmethod
    def _signals_of(doc: Doc) -> np.ndarray:
        """The pipeline signals (`features.signals`) of each statement of ``doc``, one row each."""
        index = EntityIndex(doc)
        quantities = sorted(doc._.quantities or (), key=lambda q: q.start)
        starts = [q.start for q in quantities]
        rows = []
        with indexed(doc):  # the token columns the signals read, once per Doc
            for s in doc._.statements or []:
                mine = quantities[bisect_left(starts, s.start):bisect_left(starts, s.end)]
                rows.append(signals(doc, doc[s.start:s.end], s.speaker, s.modality, index.within(s.start, s.end), mine))
        return np.array(rows, dtype=np.float32).reshape(len(rows), len(SIGNALS))

    def _score_rows(self, doc: Doc) -> None:
        """Each figure's and each sentence's score as a claim-table row (`rows.py`); a figure keeps its
        sentence's score as ``sentence_checkworthiness``."""
        rows = rows_of(doc, doc._.quantities or (), doc._.statements or (), original_text(doc))
        if not rows:
            return
        platt = self.ranker["platt"]
        with indexed(doc):
            p = scores(features(doc, rows), self._row_coef, (float(platt[0]), float(platt[1])))
        for row, score in zip(rows, p, strict=True):
            if isinstance(row.item, Statement):
                row.item.row_checkworthiness = round(float(score), 4)
            else:
                row.item.sentence_checkworthiness = row.sentence_score
                row.item.checkworthiness = round(float(score), 4)

    def write_data(self, path: Path) -> None:
        (path / MODEL).write_bytes(self._raw)
        write_json(path / RANKERS[self.mode], self.ranker)
        write_json(path / META, self.meta)
        if self._sentences is not None:
            self._sentences.write(path)
