"""Readers: files to Documents."""
from .readers import Document, read_document, read_text

__all__ = ["Document", "read_document", "read_text"]
