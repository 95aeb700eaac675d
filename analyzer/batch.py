"""Analysing several documents in one run: each bad document becomes an error, the others go on."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from spacy.language import Language

from .api import get_pipeline, make_doc
from .claims.table import to_frame
from .errors import InputError
from .io.readers import Document, read_document


@dataclass
class BatchResult:
    """The claim table of all documents that could be analysed, and one message per one that could not."""

    frame: pd.DataFrame
    documents: int = 0
    errors: list[str] = field(default_factory=list)


def iter_documents(paths: Iterable[str | Path], *, published: str | None = None,
                   errors: list[str]) -> Iterator[Document]:
    """Documents read from ``paths`` ('-' is standard input); unreadable ones append to ``errors``."""
    import sys

    for path in paths:
        try:
            if str(path) == "-":
                yield Document(id="stdin", text=sys.stdin.read(), published=published)
            else:
                yield read_document(path, published=published)
        except InputError as e:
            errors.append(str(e))


def analyze_documents(documents: Iterable[Document], *, nlp: Language | None = None, batch_size: int = 16,
                      errors: list[str] | None = None) -> BatchResult:
    """The claim table of ``documents`` (streamed through ``nlp.pipe``)."""
    nlp = get_pipeline(nlp)
    errors = [] if errors is None else errors

    def prepared() -> Iterator:
        for d in documents:
            try:
                yield make_doc(nlp, d.text, published=d.published, doc_id=d.id, title=d.title, url=d.url)
            except InputError as e:
                errors.append(f"{d.id}: {e}")

    claims = []
    count = 0
    for doc in nlp.pipe(prepared(), batch_size=batch_size):
        count += 1
        claims.extend(doc._.claims)
    return BatchResult(frame=to_frame(claims), documents=count, errors=errors)


def analyze_paths(paths: Iterable[str | Path], *, published: str | None = None,
                  nlp: Language | None = None) -> BatchResult:
    """Read and analyse text files; see `analyze_documents`."""
    errors: list[str] = []
    return analyze_documents(iter_documents(paths, published=published, errors=errors), nlp=nlp, errors=errors)
