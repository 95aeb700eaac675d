"""The ``geoclaims`` command line. Commands are thin: they parse options and call the library."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from collections.abc import Sequence
from typing import Any, Optional

import typer

from . import __version__
from .io.formats import FORMATS, STREAMABLE, FormatName, from_suffix
from .report.escape import safe as safe_for_terminal

app = typer.Typer(
    name="geoclaims",
    help="Claim tables for fact-checkers: numeric claims, entities, speakers and modality from news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # help texts say "[default: ...]" literally
    context_settings={"help_option_names": ["-h", "--help"]},
)


# --format: the formats of the registry (analyzer/io/formats.py)
OutputFormat = Enum("OutputFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error to stderr; the caller raises the returned Exit."""
    typer.echo(f"geoclaims: error: {safe_for_terminal(message)}", err=True)
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
    store: Optional[str] = typer.Option(None, "--store", metavar="STORE",
                                        help="Also keep the documents and claims in a claim store: a DuckDB file "
                                             "(claims.duckdb, created when missing) or a postgresql:// URL. A "
                                             "document already stored by this pipeline adds nothing. Without "
                                             "--out, no table is printed."),
    accurate: bool = typer.Option(False, "--accurate",
                                  help="Score check-worthiness with a small transformer (more accurate, about 1.6 to "
                                       "1.8 times the time; needs pip install 'geoclaims[accurate]')."),
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
    if accurate:
        from .checkworthiness.accurate import require_extra

        try:
            require_extra()
        except GeoclaimsError as e:
            raise fail(f"--accurate: {e}") from None
    try:
        published = normalize_published(published)
    except GeoclaimsError as e:
        raise fail(f"--{e}") from None
    chosen: FormatName = fmt.value if fmt is not None else from_suffix(out, "table")
    if report is not None and report.suffix.lower() not in (".html", ".htm", ".md"):
        raise fail(f"--report {report}: the report is .html, .htm or .md")
    _guard([("--out", out), ("--errors", errors_path), ("--report", report)],
           _expanded(paths) + [("--gazetteer", g, False) for g in gazetteer or ()])
    if resume and store is None and (out is None or not FORMATS[chosen].streamable):
        suffixes = ", ".join(s for name in STREAMABLE for s in FORMATS[name].suffixes)
        raise fail(f"--resume needs --store, or --out with a {suffixes} file")
    if resume and out is not None and not FORMATS[chosen].streamable:
        suffixes = ", ".join(s for name in STREAMABLE for s in FORMATS[name].suffixes)
        raise fail(f"--resume needs --out with a {suffixes} file")
    if store is not None:
        _check_store_target(store, "--store", [p for p in (out, errors_path, report) if p is not None]
                            + [Path(str(f)) for _, f, _ in _expanded(paths)])
    if FORMATS[chosen].binary and out is None:
        raise fail(f"--format {chosen} needs --out FILE ({chosen} is binary)")
    run = Run(paths=[str(p) for p in paths], fmt=chosen, out=out, errors_path=errors_path, published=published,
              fields=Fields(text=text_field, id=id_field, title=title_field, url=url_field,
                            published=published_field),
              workers=workers, batch_size=batch_size, resume=resume, quiet=quiet, scheduler=scheduler,
              model=model, trust_model_path=trust_model_path, force=force, gazetteer=[str(g) for g in gazetteer or ()],
              checkworthiness="accurate" if accurate else "default", report=report, store=store,
              command=_command_line())
    try:
        code = run.execute()
    except GeoclaimsError as e:
        raise fail(str(e)) from None
    if code in (130, 143):  # interrupted (Ctrl-C, SIGTERM): files are closed; exit now rather than wait on queues
        import os

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    raise typer.Exit(code=code)


# check and compare write tables of their own, not claims: every format but ClaimReview
VerifyFormat = Enum("VerifyFormat",  # type: ignore[misc]  # members from the registry, computed
                    {name: name for name, f in FORMATS.items() if not f.claims_only}, type=str)


def _claims_of(paths: list[Path]):
    """The claim tables in ``paths``, one frame (documents keep their ids)."""
    import pandas as pd

    from .io.claims import read_claims

    frames = [read_claims(p) for p in paths]
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _write_result(frame, columns: list[str], fmt: Optional[VerifyFormat], out: Optional[Path], title: str) -> None:
    """``frame`` to ``out`` (format from --format, else its suffix) or, on standard output, its ``columns``
    as a table (or the chosen text format)."""
    from .report.export import save, write

    chosen = fmt.value if fmt else (from_suffix(out, "csv") if out else "table")
    if out is not None and fmt is None and chosen == "table":
        chosen = "csv"  # a .txt file of a check or compare table: CSV, as before (the table view is the terminal's)
    if out is not None:
        save(frame, out, chosen)
        return
    if FORMATS[chosen].binary:
        raise fail(f"--format {chosen} needs --out FILE (it is binary)")
    if chosen == "table":
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, show_lines=False)  # cells: plain text, controls escaped (no markup, no ESC)
        for c in columns:
            table.add_column(c, overflow="fold")
        for row in frame[columns].itertuples(index=False):
            table.add_row(*(Text(safe_for_terminal("" if v is None else v, keep="\n")) for v in row))
        Console(width=None if sys.stdout.isatty() else 160).print(table)
    else:
        write(frame, chosen, sys.stdout)


@app.command()
def check(
    claims: Optional[list[Path]] = typer.Argument(None, show_default=False, metavar="[CLAIMS...]",
                                                  help="Claim tables written by `geoclaims analyze --out` (.parquet, "
                                                       ".csv, .jsonl, .json); or --store."),
    reference: Path = typer.Option(..., "--reference", "-r", metavar="FILE", dir_okay=False,
                                   help="Reference figures (.csv or .parquet; format: docs/verify.md)."),
    rates: Optional[Path] = typer.Option(None, "--rates", metavar="FILE", dir_okay=False,
                                         help="Exchange rates (currency, year, usd_per_unit) for figures in "
                                              "different currencies."),
    tolerance: float = typer.Option(0.05, "--tolerance", min=0.0, max=0.99, metavar="SHARE",
                                    help="Relative slack around a claim's interval: 0.05 is 5%."),
    metrics_file: Optional[list[Path]] = typer.Option(None, "--metrics", metavar="FILE", dir_okay=False,
                                                      help="More synonym groups of metrics (JSON, the format of "
                                                           "analyzer/verify/data/metrics.json); repeatable."),
    fmt: Optional[VerifyFormat] = typer.Option(None, "--format", "-f", case_sensitive=False,
                                               help="Output format [default: from --out's extension, else table]."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="FILE", dir_okay=False,
                                       help="Write the verdicts here (all claim columns plus verdict columns)."),
    store: Optional[str] = typer.Option(None, "--store", metavar="STORE",
                                        help="Check the claims of a claim store (`geoclaims analyze --store`) instead "
                                             "of files, and record each verdict there with its reference row and "
                                             "date."),
) -> None:
    """Check each quantity claim against reference figures: consistent, inconsistent or unverifiable.

    A claim is compared with the reference rows about the same entities, a similar metric, a compatible
    unit and an overlapping period; its interval (from its qualifier) must hold the reference value within
    the tolerance. Exit code 0 when every claim is consistent or unverifiable, 1 when one is inconsistent.
    """
    from .errors import GeoclaimsError
    from .verify import check as run_check

    claims = claims or []
    if store is not None and claims:
        raise fail("give claim files or --store, not both")
    if store is None and not claims:
        raise fail("missing claim tables: give CLAIMS... files, or --store STORE")
    _guard([("--out", out)], [("the input", c, False) for c in claims] + [("--reference", reference, False)]
           + [("--rates", r, False) for r in (rates,) if r is not None]
           + [("--metrics", m, False) for m in metrics_file or ()])
    if store is not None:
        _check_store_target(store, "--store", [p for p in (out, reference, rates) if p is not None])
    try:
        if store is not None:
            from .store import open as open_store

            with open_store(store) as opened:
                verdicts = opened.check(reference, rates=rates, tolerance=tolerance, metrics_files=metrics_file or ())
            typer.echo(f"geoclaims: {verdicts.attrs['recorded']:,} new verdict(s) recorded in "
                       f"{safe_for_terminal(opened.location)}", err=True)
        else:
            verdicts = run_check(_claims_of(claims), reference, rates=rates, tolerance=tolerance,
                                 metrics_files=metrics_file or ())
        _write_result(verdicts, ["doc_id", "text", "verdict", "explanation"], fmt, out, "geoclaims check")
    except GeoclaimsError as e:
        raise fail(str(e)) from None
    except OSError as e:  # the checks above passed, yet the write failed (disk full, ...)
        raise fail(f"--out {out}: cannot write: {e.strerror or e}") from None
    counts = verdicts["verdict"].value_counts()
    typer.echo(f"geoclaims: {len(verdicts)} quantity claims: {counts.get('consistent', 0)} consistent, "
               f"{counts.get('inconsistent', 0)} inconsistent, {counts.get('unverifiable', 0)} unverifiable",
               err=True)
    raise typer.Exit(code=1 if counts.get("inconsistent", 0) else 0)


@app.command()
def compare(
    claims: list[Path] = typer.Argument(..., show_default=False, metavar="CLAIMS...",
                                        help="Claim tables written by `geoclaims analyze --out`."),
    tolerance: float = typer.Option(0.05, "--tolerance", min=0.0, max=0.99, metavar="SHARE",
                                    help="Relative slack around each claim's interval: 0.05 is 5%."),
    rates: Optional[Path] = typer.Option(None, "--rates", metavar="FILE", dir_okay=False,
                                         help="Exchange rates (currency, year, usd_per_unit)."),
    metrics_file: Optional[list[Path]] = typer.Option(None, "--metrics", metavar="FILE", dir_okay=False,
                                                      help="More synonym groups of metrics; repeatable."),
    all_groups: bool = typer.Option(False, "--all", help="List the groups that agree too."),
    fmt: Optional[VerifyFormat] = typer.Option(None, "--format", "-f", case_sensitive=False,
                                               help="Output format [default: from --out's extension, else table]."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="FILE", dir_okay=False,
                                       help="Write the groups here."),
    report: Optional[Path] = typer.Option(None, "--report", metavar="FILE", dir_okay=False,
                                          help="Also write the groups as a self-contained HTML page."),
) -> None:
    """Find claim drift: figures from different documents about the same entities, metric, unit and period
    that cannot all be true (one article says 30 million tons, another 15 million). Exit code 1 when some
    group disagrees."""
    from .errors import GeoclaimsError
    from .verify import compare as run_compare

    if report is not None and report.suffix.lower() not in (".html", ".htm"):
        raise fail(f"--report {report}: the report is an HTML page: name it .html or .htm")
    _guard([("--out", out), ("--report", report)], [("the input", c, False) for c in claims]
           + [("--rates", r, False) for r in (rates,) if r is not None]
           + [("--metrics", m, False) for m in metrics_file or ()])
    option = "--out"
    try:
        groups = run_compare(_claims_of(claims), tolerance=tolerance, rates=rates, metrics_files=metrics_file or (),
                             all_groups=all_groups)
        _write_result(groups, ["status", "explanation", "metric", "period", "documents"], fmt, out,
                      "geoclaims compare")
        if report is not None:
            from .report.page import drift_page

            option = "--report"
            report.write_text(drift_page(groups), encoding="utf8")
    except GeoclaimsError as e:
        raise fail(str(e)) from None
    except OSError as e:  # the checks above passed, yet the write failed (disk full, ...)
        raise fail(f"{option} {report if option == '--report' else out}: cannot write: {e.strerror or e}") from None
    disagree = int((groups["status"] == "disagree").sum())
    typer.echo(f"geoclaims: {disagree} group{'s' if disagree != 1 else ''} of claims disagree"
               + (f", {len(groups) - disagree} agree" if all_groups else ""), err=True)
    raise typer.Exit(code=1 if disagree else 0)


QUERY_COLUMNS = ["published", "source", "doc_id", "text", "quantity_of", "speaker", "verdict"]
CLUSTER_VIEW = ["cluster", "claims", "documents", "status", "first_published", "first_source"]


@app.command()
def query(
    store: str = typer.Argument(..., show_default=False, metavar="STORE",
                                help="A claim store: a DuckDB file or a postgresql:// URL."),
    entity: Optional[str] = typer.Option(None, "--entity", metavar="NAME",
                                         help="Claims that name this entity or are about it (canonical name)."),
    metric: Optional[str] = typer.Option(None, "--metric", metavar="WORDS",
                                         help="What is measured: 'trade', 'troops killed'..."),
    period: Optional[str] = typer.Option(None, "--period", metavar="PERIOD",
                                         help="Claims about a period overlapping 2023, 2023-03 or A..B."),
    speaker: Optional[str] = typer.Option(None, "--speaker", metavar="WORDS", help="Who asserts it."),
    source: Optional[str] = typer.Option(None, "--source", metavar="WORDS",
                                         help="The publisher (the URL's host): 'reuters', 'tass.com'."),
    verdict: Optional[str] = typer.Option(None, "--verdict", metavar="VERDICT",
                                          help="The latest verdict of `check --store`: consistent, inconsistent, "
                                               "unverifiable, or none."),
    contradicted: bool = typer.Option(False, "--contradicted", help="Only claims a reference contradicts."),
    min_repeats: Optional[int] = typer.Option(None, "--claimed-more-than", min=0, metavar="N",
                                              help="Only claims of clusters claimed more than N times."),
    cluster: Optional[str] = typer.Option(None, "--cluster", metavar="KEY",
                                          help="The claims of one cluster (its key, as --clusters lists it): its "
                                               "first appearance and every repeat, oldest first."),
    clusters: bool = typer.Option(False, "--clusters",
                                  help="One row per claim cluster (same subject, metric, measure and period): first "
                                       "appearance, repeats, sources, verdicts, agree/disagree."),
    tolerance: float = typer.Option(0.05, "--tolerance", min=0.0, max=0.99, metavar="SHARE",
                                    help="With --clusters and --report: relative slack within which a cluster's "
                                         "figures agree."),
    rates: Optional[Path] = typer.Option(None, "--rates", metavar="FILE", dir_okay=False,
                                         help="Exchange rates (currency, year, usd_per_unit), to compare figures in "
                                              "different currencies."),
    all_versions: bool = typer.Option(False, "--all-versions",
                                      help="Every pipeline version's rows, not only each document's latest."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, metavar="N", help="At most N rows."),
    fmt: Optional[VerifyFormat] = typer.Option(None, "--format", "-f", case_sensitive=False,
                                               help="Output format [default: from --out's extension, else table]."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="FILE", dir_okay=False,
                                       help="Write the rows here."),
    report: Optional[Path] = typer.Option(None, "--report", metavar="FILE", dir_okay=False,
                                          help="Also write the clusters of the selected claims as an HTML page with a "
                                               "timeline per cluster."),
) -> None:
    """Ask a claim store: claims (or claim clusters) by entity, metric, period, speaker, source and verdict.

        geoclaims query claims.duckdb --entity Azerbaijan --metric trade

        geoclaims query claims.duckdb --clusters --claimed-more-than 2 --report clusters.html
    """
    from .errors import GeoclaimsError
    from .store import open as open_store

    if report is not None and report.suffix.lower() not in (".html", ".htm"):
        raise fail(f"--report {report}: the report is an HTML page: name it .html or .htm")
    _guard([("--out", out), ("--report", report)], [("--rates", r, False) for r in (rates,) if r is not None])
    _check_store_target(store, "STORE", [p for p in (out, report, rates) if p is not None])
    filters: dict[str, Any] = {"entity": entity, "metric": metric, "period": period, "speaker": speaker,
                               "source": source, "verdict": verdict, "contradicted": contradicted,
                               "min_repeats": min_repeats, "cluster": cluster,
                               "versions": "all" if all_versions else "latest"}
    option = "--out"
    try:
        with open_store(store) as opened:
            if clusters or report is not None:
                grouped = opened.clusters(tolerance=tolerance, rates=rates, **filters)
            rows = grouped if clusters else opened.claims(**filters, limit=limit)
            if report is not None:
                selected = opened.claims(**filters)
        if clusters and limit is not None:
            rows = rows.head(limit)
        _write_result(rows, CLUSTER_VIEW if clusters else QUERY_COLUMNS, fmt, out, "geoclaims query")
        if report is not None:
            from .report.timeline import store_report
            from .verify import read_rates

            option = "--report"
            table = read_rates(rates) if rates is not None else None
            report.write_text(store_report(grouped, selected, rates=table), encoding="utf8")
    except GeoclaimsError as e:
        raise fail(str(e)) from None
    except OSError as e:
        raise fail(f"{option} {report if option == '--report' else out}: cannot write: {e.strerror or e}") from None
    typer.echo(f"geoclaims: {len(rows):,} {'cluster' if clusters else 'claim'}{'s' if len(rows) != 1 else ''}",
               err=True)


store_app = typer.Typer(name="store", help="Look after a claim store: its contents, integrity and schema.",
                        no_args_is_help=True, add_completion=False)
app.add_typer(store_app)


@store_app.command("info")
def store_info(store: str = typer.Argument(..., metavar="STORE", help="A DuckDB file or a postgresql:// URL.")) -> None:
    """Schema version, counts, pipeline versions and runs of a claim store."""
    info, versions = _read_store(store, lambda s: (s.info(), s.pipeline_versions()))
    for key, value in info.items():
        typer.echo(f"{key}: {safe_for_terminal(str(value))}")
    for row in versions.itertuples(index=False):
        typer.echo(f"pipeline {safe_for_terminal(str(row.pipeline_version))}: {row.documents:,} documents, "
                   f"{row.first_stored} to {row.last_stored}")


@store_app.command("verify")
def store_verify(store: str = typer.Argument(..., metavar="STORE",
                                             help="A DuckDB file or a postgresql:// URL.")) -> None:
    """Check a store's integrity (every document has the claim rows written with it; no orphans) and mark runs of
    dead processes interrupted. Exit code 1 when something is wrong."""
    problems, info = _read_store(store, lambda s: (s.verify(), s.info()))
    for problem in problems:
        typer.echo(f"geoclaims: {safe_for_terminal(problem)}", err=True)
    typer.echo(f"geoclaims: {safe_for_terminal(info['location'])}: {info['documents']:,} documents, "
               f"{info['claims']:,} claims, runs {info['runs']}: {'problems found' if problems else 'consistent'}",
               err=True)
    raise typer.Exit(code=1 if problems else 0)


@store_app.command("migrate")
def store_migrate(store: str = typer.Argument(..., metavar="STORE",
                                              help="A DuckDB file or a postgresql:// URL.")) -> None:
    """Bring a store's schema up to this geoclaims' version (opening a store for writing does it too)."""
    from .errors import GeoclaimsError
    from .store import SCHEMA_VERSION, open as open_store
    from .store.backends import connect
    from .store.schema import migrate

    _check_store_target(store, "STORE", [])
    try:
        db = connect(store)
        try:
            applied = migrate(db)
        finally:
            db.close()
        with open_store(store) as opened:
            location = opened.location
    except GeoclaimsError as e:
        raise fail(str(e)) from None
    done = f"applied migration(s) {', '.join(map(str, applied))}" if applied else "already up to date"
    typer.echo(f"geoclaims: {safe_for_terminal(location)}: schema version {SCHEMA_VERSION}, {done}", err=True)


def _read_store(store: str, read: Any) -> Any:
    """``read(the store)`` (a store of an older schema is brought up to date first); a one-line exit 2 when it
    cannot be opened."""
    from .errors import GeoclaimsError
    from .store import open as open_store

    _check_store_target(store, "STORE", [])
    try:
        with open_store(store) as opened:
            return read(opened)
    except GeoclaimsError as e:
        raise fail(str(e)) from None


def _check_store_target(store: str, option: str, files: Sequence[Path]) -> None:
    """Exit 2 with one line when a DuckDB store is one of the run's other files (a folder, a missing folder or
    a file that is no DuckDB database is the store's own error, `analyzer.store.backends.DuckDB`)."""
    from .io.guard import same_file
    from .store.backends import is_postgres

    if is_postgres(store) or store == ":memory:":
        return
    path = Path(store[len("duckdb://"):] if store.startswith("duckdb://") else store)
    clash = next((f for f in files if same_file(path, f)), None)
    if clash is not None:
        raise fail(f"{option} {path}: is also {clash}; the store must be a file of its own")


def _command_line() -> str:
    """The command as typed, for the store's record of a run (passwords of URLs left out)."""
    from .store.backends import redacted

    return " ".join(["geoclaims", *(redacted(a) if "://" in a else a for a in sys.argv[1:])])


def _expanded(paths: list[Path]) -> list[tuple[str, Path | str, bool]]:
    """The input files ``paths`` name, as `_guard` takes them: (option, file, found in a folder or by a
    pattern); paths that cannot be expanded are left to the run, which reports them."""
    from .errors import GeoclaimsError
    from .io.readers import expand_paths, expanded_from

    files: list[tuple[str, Path | str, bool]] = []
    for p in paths:
        if str(p) == "-":
            continue
        try:
            expanded = list(expand_paths([p]))
        except GeoclaimsError:
            continue
        found = expanded_from(p, expanded)
        files.extend((str(p) if found else "the input", f, found) for f in expanded)
    return files


def _guard(outputs: Sequence[tuple[str, Optional[Path]]], inputs: Sequence[tuple[str, Path | str, bool]]) -> None:
    """Exit 2 with one line when an output is an input or another output (by file identity: links and
    other spellings too) or cannot be written: the one guard of every command that writes files."""
    from .errors import GeoclaimsError
    from .io.guard import check_outputs

    try:
        check_outputs(outputs, inputs)
    except GeoclaimsError as e:
        raise fail(str(e)) from None


def main() -> None:
    """Entry point of the ``geoclaims`` script."""
    app()
