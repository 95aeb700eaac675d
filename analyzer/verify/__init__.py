"""Verification: quantity claims checked against reference figures (`check`) and across sources
(`compare`). See ``check.py`` and ``compare.py`` for the rules, ``reference.py`` for the file formats."""
from .check import TOLERANCE, VERDICT_COLUMNS, check
from .compare import GROUP_COLUMNS, compare
from .reference import Reference, parse_period, read_rates, read_reference
from .units import RateTable

__all__ = ["GROUP_COLUMNS", "TOLERANCE", "VERDICT_COLUMNS", "RateTable", "Reference", "check", "compare",
           "parse_period", "read_rates", "read_reference"]
