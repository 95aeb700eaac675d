"""The accurate check-worthiness mode: a small transformer scores each sentence.

all-MiniLM-L6-v2 fine-tuned on CLEF-2024 CheckThat! Task 1 (English) train, exported to ONNX and quantised
to int8 (``models/build/accurate/``; card ``models/checkworthiness.md``, section "Accurate mode"). It runs
on the CPU with onnxruntime and the ``tokenizers`` WordPiece tokenizer: no torch, and nothing is downloaded.
Both come with the ``accurate`` extra (``pip install 'geoclaims[accurate]'``); the model and its tokenizer
ship in this package's ``data/accurate/`` folder and are read only when their sha256 is the one
``data/accurate.json`` records.

The model gives each sentence a margin (the logit of "check-worthy"); the score is ``1 / (1 + exp(-slope *
(margin - threshold)))``: ``threshold`` is the margin that maximised F1 on the development sentences (so 0.5
is the decision point, as in the default mode) and ``slope`` was fitted on them by maximum likelihood.
"""
from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path
from typing import Any

import numpy as np

from .._resources import located, read_json, schema_file
from ..errors import DataFileError, InputError, MissingExtraError

META = "accurate.json"
FOLDER = "accurate"  # beside META: the model and its tokenizer
#: what the mode imports, by the name pip installs it under
NEEDS = {"onnxruntime": "onnxruntime", "tokenizers": "tokenizers"}
INSTALL = "pip install 'geoclaims[accurate]'"
#: the encoder's threads per process; 1 by default, as the base model's parse runs on one core and
#: ``--workers`` adds processes (GEOCLAIMS_ACCURATE_THREADS overrides it)
THREADS_VARIABLE = "GEOCLAIMS_ACCURATE_THREADS"


def require_extra() -> None:
    """MissingExtraError, one line naming the extra, when a package the accurate mode imports is missing."""
    missing = []
    for module, pip in NEEDS.items():
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(pip)
    if missing:
        raise MissingExtraError(f"the accurate check-worthiness mode needs {' and '.join(missing)}, which "
                                f"{'is' if len(missing) == 1 else 'are'} not installed: {INSTALL}")


def installed() -> bool:
    """Are the packages of the accurate mode installed (`require_extra` would pass)?"""
    try:
        require_extra()
    except MissingExtraError:
        return False
    return True


def threads() -> int:
    value = os.environ.get(THREADS_VARIABLE, "1")
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise InputError(f"{THREADS_VARIABLE}={value!r}: expected a whole number of threads, at least 1")
    return n


def _checked_bytes(folder: Path, meta_path: Path, meta: dict[str, Any], key: str) -> bytes:
    path = folder / meta[key]["file"]
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise DataFileError(f"cannot read {path}: {e.strerror or e}") from None
    if hashlib.sha256(raw).hexdigest() != meta[key]["sha256"]:
        raise DataFileError(f"{located(meta_path, [key, 'sha256'])}: {path} has another checksum; the file was "
                            "changed or is incomplete")
    return raw


class SentenceModel:
    """The accurate mode's sentence scorer: `scores` of a list of sentences, in batches of similar length."""

    def __init__(self, folder: Path) -> None:
        require_extra()
        import onnxruntime
        from tokenizers import Tokenizer

        meta_path = folder / META
        self.meta: dict[str, Any] = read_json(meta_path, schema_file("analyzer.checkworthiness", META))
        self.folder = folder
        self._files = {key: _checked_bytes(folder, meta_path, self.meta, key) for key in ("model", "tokenizer")}
        try:
            tokenizer = Tokenizer.from_str(self._files["tokenizer"].decode("utf8"))
        except Exception as e:  # the tokenizers library raises its own Exception type
            raise DataFileError(f"{folder / self.meta['tokenizer']['file']}: not a tokenizer ({e})") from None
        tokenizer.enable_truncation(max_length=int(self.meta["max_length"]))
        tokenizer.enable_padding(pad_id=int(self.meta["pad_id"]), pad_token=self.meta["pad_token"])
        self.tokenizer = tokenizer
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only: the quantised graph's notes are not the user's business
        self.session = onnxruntime.InferenceSession(self._files["model"], sess_options=options,
                                                    providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self.session.get_inputs()}
        self.threshold = float(self.meta["threshold"])
        self.slope = float(self.meta["slope"])
        self.batch_size = int(self.meta["batch_size"])

    def margins(self, texts: list[str]) -> np.ndarray:
        """The model's margin (logit of check-worthy) of each text, in order; batches of similar length pad
        least. The shipped model runs one sentence at a time (``batch_size`` 1 in its metadata): being int8, it
        quantises its activations with one scale per run, so in a batch a sentence's score would depend on the
        other sentences of the batch."""
        out = np.zeros(len(texts), dtype=np.float64)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for k in range(0, len(order), self.batch_size):
            chosen = order[k:k + self.batch_size]
            encoded = self.tokenizer.encode_batch([texts[i] for i in chosen])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64)}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            out[chosen] = np.asarray(self.session.run(None, feeds)[0], dtype=np.float64).reshape(-1)
        return out

    def scores(self, texts: list[str]) -> np.ndarray:
        """Check-worthiness (0..1) of each text; >= 0.5 means check-worthy."""
        if not texts:
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-self.slope * (self.margins(texts) - self.threshold)))

    def write(self, path: Path) -> None:
        """The model's files into the folder ``path`` (a saved pipeline), as they were read."""
        from .._resources import write_json

        for key in ("model", "tokenizer"):
            target = path / self.meta[key]["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(self._files[key])
        write_json(path / META, self.meta)
