"""The ``geoclaims`` command line. Commands are thin: they parse options and call the library."""
from __future__ import annotations

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
    parquet = "parquet"
    xlsx = "xlsx"
    claimreview = "claimreview"


EXTENSIONS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".md": "md", ".txt": "table", ".parquet": "parquet",
              ".xlsx": "xlsx"}
STREAMED = ("csv", "jsonl", "parquet")  # written as a stream; the others are written at the end


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
                                       help="Files, folders or globs of .txt, .html, .jsonl and .csv; '-' reads "
                                            "standard input."),
    published: Optional[str] = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                                            help="Publication date of documents that carry none: resolves "
                                                 "'last year', 'this month'..."),
    fmt: Optional[OutputFormat] = typer.Option(None, "--format", "-f", case_sensitive=False,
                                               help="Output format [default: from --out's extension, else table]."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="FILE", dir_okay=False,
                                       help="Write the claims here instead of standard output; .parquet, .csv "
                                            "and .jsonl are written as a stream, rows as they come; .xlsx "
                                            "(Excel) at the end."),
    report: Optional[Path] = typer.Option(None, "--report", metavar="FILE", dir_okay=False,
                                          help="Also write a report: .html (self-contained, highlighted text, "
                                               "sortable claim table, charts) or .md (for tickets)."),
    errors_path: Optional[Path] = typer.Option(None, "--errors", metavar="FILE", dir_okay=False,
                                               help="Write one JSON line per record that could not be analysed."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, metavar="N",
                                help="Worker processes, each analysing whole batches (same rows, same order as one)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, metavar="N", help="Documents per batch."),
    resume: bool = typer.Option(False, "--resume",
                                help="Skip documents whose claims --out already holds (after an interruption)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", metavar="ADDRESS",
        help="Run on Dask: 'local' starts a LocalCluster of --workers processes, tcp://host:8786 uses a "
             "running cluster (needs the 'dask' extra)."),
    text_field: str = typer.Option("text", "--text-field", metavar="NAME", help="JSONL key / CSV column of the text."),
    id_field: str = typer.Option("id", "--id-field", metavar="NAME", help="JSONL key / CSV column of the id."),
    title_field: str = typer.Option("title", "--title-field", metavar="NAME", help="... of the title."),
    url_field: str = typer.Option("url", "--url-field", metavar="NAME", help="... of the URL."),
    published_field: str = typer.Option("published", "--published-field", metavar="NAME",
                                        help="... of the publication date."),
    model: Optional[str] = typer.Option(None, "--model", metavar="NAME",
                                        help="Base spaCy model, an installed package [default: en_core_web_sm]; "
                                             "a pipeline folder needs --trust-model-path."),
    force: bool = typer.Option(False, "--force",
                               help="Analyse documents detected as not English too (else each is an error row)."),
    trust_model_path: bool = typer.Option(False, "--trust-model-path",
                                          help="Allow --model to be a pipeline folder (its config and weights "
                                               "are loaded as they are: only folders you trust)."),
    gazetteer: Optional[list[Path]] = typer.Option(
        None, "--gazetteer", metavar="FILE", dir_okay=False,
        help="Your own entities (JSONL, the format of analyzer/entities/data/README.md); repeatable. "
             "A record with a known id replaces it."),
) -> None:
    """Extract the claim table of one or more articles.

    Each row is a claim: the figure with its value, unit, qualifier, period and what it counts, the
    entities it is about, who asserts it and how firmly. Examples:

        geoclaims analyze data/examples/putin_baku.txt --published 2024-08-20 --format json

        geoclaims analyze corpus/ news.jsonl --out claims.parquet --workers 2 --errors errors.jsonl

    Exit codes: 0 every record analysed, 1 some records could not be (see --errors), 2 usage or setup error.
    """
    from .api import normalize_published
    from .errors import GeoclaimsError
    from .io.readers import Fields
    from .runner import Run

    missing = [p for p in paths if str(p) != "-" and not p.exists() and not any(c in str(p) for c in "*?[")]
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
    if report is not None and report.suffix.lower() not in (".html", ".htm", ".md"):
        raise fail(f"--report {report}: the report is .html, .htm or .md")
    clash = _overwrites_input(paths, [p for p in (out, errors_path, report) if p is not None])
    if clash is not None:
        raise fail(f"{clash}: is also an input; write to another file")
    if resume and (out is None or chosen not in STREAMED):
        raise fail("--resume needs --out with a .parquet, .csv or .jsonl file")
    if chosen == "parquet" and out is None:
        raise fail("--format parquet needs --out FILE (Parquet is binary)")
    if chosen == "xlsx" and out is None:
        raise fail("--format xlsx needs --out FILE (Excel files are binary)")
    run = Run(paths=[str(p) for p in paths], fmt=chosen, out=out, errors_path=errors_path, published=published,
              fields=Fields(text=text_field, id=id_field, title=title_field, url=url_field,
                            published=published_field),
              workers=workers, batch_size=batch_size, resume=resume, quiet=quiet, scheduler=scheduler,
              model=model, trust_model_path=trust_model_path, force=force, gazetteer=[str(g) for g in gazetteer or ()],
              report=report)
    try:
        code = run.execute()
    except GeoclaimsError as e:
        raise fail(str(e)) from None
    if code == 130:  # interrupted: files are closed; exit now rather than wait on queues of stopped workers
        import os
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    raise typer.Exit(code=code)


def _overwrites_input(paths: list[Path], outputs: list[Path]) -> Path | None:
    """The first of ``outputs`` that is also one of the input files, if any."""
    from .errors import GeoclaimsError
    from .io.readers import expand_paths

    inputs = set()
    for p in paths:
        if str(p) == "-":
            continue
        try:
            inputs.update(Path(f).resolve() for f in expand_paths([p]))
        except GeoclaimsError:
            continue  # reported by the run itself
    return next((o for o in outputs if o.resolve() in inputs), None)


def main() -> None:
    """Entry point of the ``geoclaims`` script."""
    app()
