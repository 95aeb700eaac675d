"""What "the same pipeline" means to the store: a document analysed again by the same pipeline adds nothing,
and one analysed by another pipeline is kept beside the old rows. The pipeline version names geoclaims'
release and a digest of everything that decides the rows: the package's code and data files, the base
model (its name and version, or a pipeline folder's meta.json), the check-worthiness mode and the user's
gazetteer files. Changing any of them makes a new version."""
from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # analyzer/


@functools.lru_cache(maxsize=4)
def _package_digest(mode: str) -> str:
    """SHA-256 of the package's .py, .json, .jsonl, .csv, .txt, .sql, .tsv and model files (the other
    check-worthiness mode's model left out: it does not decide this mode's rows)."""
    h = hashlib.sha256()
    skip = {"accurate"} if mode != "accurate" else set()
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE)
        if not path.is_file() or "__pycache__" in rel.parts or skip & set(rel.parts):
            continue
        h.update(str(rel).encode() + b"\0")
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        h.update(b"\0")
    return h.hexdigest()


def _model_id(model: str | Path | None) -> str:
    from ..pipeline import default_model, is_model_path

    if model is not None and is_model_path(model):
        meta = Path(model) / "meta.json"
        digest = hashlib.sha256(meta.read_bytes()).hexdigest()[:16] if meta.is_file() else "no-meta"
        return f"folder:{digest}"
    name = str(model) if model is not None else default_model()
    try:
        from spacy.util import get_package_version

        version = get_package_version(name) or "?"
    except Exception:  # noqa: BLE001  (a name that is not a package: its name alone)
        version = "?"
    return f"{name}=={version}"


def pipeline_version(model: str | Path | None = None, checkworthiness: str = "default",
                     gazetteer: Iterable[str | Path] = ()) -> str:
    """``geoclaims <release>+<12 hex digits>``: the release, and a digest of the code, the data, the base model
    ``model`` (None: the default), the check-worthiness mode and the ``gazetteer`` files."""
    from .._version import __version__

    h = hashlib.sha256()
    for part in (__version__, _package_digest(checkworthiness), _model_id(model), checkworthiness):
        h.update(part.encode() + b"\0")
    for g in gazetteer:
        h.update(hashlib.sha256(Path(g).read_bytes()).hexdigest().encode() + b"\0")
    return f"geoclaims {__version__}+{h.hexdigest()[:12]}"
