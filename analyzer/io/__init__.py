"""Readers: files to Documents."""
from .readers import (
    SUPPORTED_SUFFIXES,
    Document,
    Fields,
    RecordError,
    count_records,
    expand_paths,
    iter_records,
    read_document,
    read_text,
    record_document,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Document",
    "Fields",
    "RecordError",
    "count_records",
    "expand_paths",
    "iter_records",
    "read_document",
    "read_text",
    "record_document",
]
