"""The package's errors. Each names what went wrong and where (file, line, field), so that the CLI
can print it as one line instead of a traceback."""
from __future__ import annotations


class GeoclaimsError(Exception):
    """Base class of every error geoclaims raises on purpose."""


class DataFileError(GeoclaimsError, ValueError):
    """A data file (gazetteer, unit table, lexicon) is missing or malformed."""


class ModelNotFoundError(GeoclaimsError, LookupError):
    """The requested base spaCy model is not installed."""


class InputError(GeoclaimsError, ValueError):
    """An input document cannot be read or is not valid for the field it came in."""


class MissingExtraError(GeoclaimsError, ImportError):
    """An optional feature was asked for whose packages (an extra of geoclaims) are not installed."""
