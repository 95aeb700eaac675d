"""The ``geoclaims`` command line. Commands are thin: they parse options and call the library."""
from __future__ import annotations

import shutil
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import __version__

app = typer.Typer(
    name="geoclaims",
    help="Claim tables for fact-checkers: numeric claims, entities, speakers and modality from news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    md = "md"


EXTENSIONS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".md": "md", ".txt": "table"}


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error to stderr; the caller raises the returned Exit."""
    typer.echo(f"geoclaims: error: {message}", err=True)
    return typer.Exit(code=code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"geoclaims {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Claim tables for fact-checkers: numeric claims, entities, speakers and modality from news text."""


@app.command()
def analyze(
    paths: list[Path] = typer.Argument(..., show_default=False, metavar="PATH...",
                                       help="Text files to analyse (UTF-8); '-' reads standard input."),
    published: Optional[str] = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                                            help="Publication date: resolves 'last year', 'this month'..."),
    fmt: Optional[OutputFormat] = typer.Option(None, "--format", "-f", case_sensitive=False,
                                               help="Output format [default: from --out's extension, else table]."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="FILE", dir_okay=False,
                                       help="Write the output here instead of standard output."),
    model: Optional[str] = typer.Option(None, "--model", metavar="NAME",
                                        help="Base spaCy model (package name or path) [default: en_core_web_sm]."),
    gazetteer: Optional[list[Path]] = typer.Option(
        None, "--gazetteer", metavar="FILE", dir_okay=False,
        help="Your own entities (JSONL, the format of analyzer/entities/data/README.md); repeatable. "
             "A record with a known id replaces it."),
) -> None:
    """Extract the claim table of one or more articles.

    Each row is a claim: the figure with its value, unit, qualifier, period and what it counts, the
    entities it is about, who asserts it and how firmly. Example:

        geoclaims analyze data/examples/putin_baku.txt --published 2024-08-20 --format json
    """
    from .api import normalize_published
    from .batch import analyze_paths
    from .errors import GeoclaimsError
    from .pipeline import load
    from .report.export import write

    missing = [p for p in paths if str(p) != "-" and not p.exists()]
    if missing:
        raise fail(f"{missing[0]}: file not found")
    missing = [p for p in gazetteer or () if not p.is_file()]
    if missing:
        raise fail(f"--gazetteer {missing[0]}: file not found")
    try:
        published = normalize_published(published)
    except GeoclaimsError as e:
        raise fail(f"--{e}") from None
    chosen = fmt.value if fmt is not None else EXTENSIONS.get(out.suffix.lower(), "table") if out else "table"
    try:
        nlp = load(model, gazetteer=gazetteer or None)
    except GeoclaimsError as e:
        raise fail(str(e)) from None
    result = analyze_paths(paths, published=published, nlp=nlp)
    for message in result.errors:
        typer.echo(f"geoclaims: error: {message}", err=True)
    try:
        if out is not None:
            with out.open("w", encoding="utf8", newline="") as fh:
                write(result.frame, chosen, fh)
        else:
            width = shutil.get_terminal_size((160, 24)).columns if sys.stdout.isatty() else None
            write(result.frame, chosen, sys.stdout, console_width=width)
    except OSError as e:
        raise fail(f"{out or 'standard output'}: cannot write: {e.strerror or e}") from None
    if out is not None:
        typer.echo(f"{len(result.frame)} claims from {result.documents} document(s) written to {out}", err=True)
    if result.errors:
        raise typer.Exit(code=1)


def main() -> None:
    """Entry point of the ``geoclaims`` script."""
    app()
