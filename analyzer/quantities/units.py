"""Converting values between the claim table's units, from one definition of each unit.

Every unit name the extractor writes has one entry in ``data/units.json``: its records (the surfaces news
writes it with, its ``dimension``) and, under ``"conversions"``, a pint expression that defines it (``"kilometre
per hour": "kilometer / hour"``, ``"degree Fahrenheit": "degree_Fahrenheit"``, ``"barrel": "oil_barrel"``), or
null for a unit that converts to nothing (points of a score, a currency's subunit, decibels). Units pint lacks
(percentage and basis points, TEU, barrels of oil equivalent...) are defined there too. The ``check`` and
``compare`` commands convert with this module; the extractor's own tables are the same file.

Two units compare when pint gives them one dimensionality **and** their ``dimension`` is of one family (an age
is a time): pint calls bytes, percent, angles and ratios all dimensionless, and megabits per second and
megahertz both 1/time, which no fact-checker would compare. pint is loaded on the first conversion only (about
0.4 s), never by the analysis pipeline."""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from .._resources import data_file, read_json, schema_file

FILE = "units.json"
# dimensions that compare with another: an age in years is a time, a fraction a ratio
FAMILY = {"age": "time", "fraction": "ratio"}
# unit names the extractor writes from code, not from a record of units.json, with their dimension
EMITTED = {"times": "multiplier", "fraction": "fraction"}
# units whose family is not their dimension: the claim table files barrels of oil equivalent under volume, as
# news sets them beside barrels of oil, but they measure energy and convert only with each other; percentage
# and basis points are ratios but no percent (a rise of 2 points is no rise of 2%); frame rates and engine
# speeds are frequencies the table files with hertz, which no reader compares
OWN_FAMILY = {"barrel of oil equivalent": "oil equivalent", "percentage point": "percentage points",
              "basis point": "percentage points", "frame per second": "frame rate",
              "revolution per minute": "rotation speed"}


class Incompatible(Exception):
    """Two units that cannot be compared; the message says why, for the verdict's explanation."""


@dataclass(frozen=True)
class UnitTable:
    family: dict[str, str]  # unit name -> the family of its dimension
    definition: dict[str, str | None]  # unit name -> its pint expression, or None: compares only with itself
    definitions: tuple[str, ...]  # pint definition lines of the units pint lacks
    spellings: dict[str, str]  # a surface or symbol the extractor reads (lower case) -> its unit, "name@factor"
    # when the surface carries a scale ("bcm" -> "cubic metre@1e9"); surfaces of a rate ("bpd") left out


@functools.lru_cache(maxsize=1)
def table() -> UnitTable:
    """The unit names of ``data/units.json`` with their families and definitions (read once)."""
    raw = read_json(data_file("analyzer.quantities", FILE), schema_file("analyzer.quantities", FILE))
    family: dict[str, str] = {}
    spellings: dict[str, str] = {}
    for rec in raw["units"]:
        family.setdefault(rec["name"], FAMILY.get(rec["dimension"], rec["dimension"]))
        if rec.get("per"):
            continue  # "bpd": a rate; a reference file writes "barrels per day"
        target = rec["name"] if float(rec.get("factor", 1)) == 1 else f"{rec['name']}@{float(rec['factor'])}"
        for surface in (*rec["surfaces"], *rec["symbols"]):
            spellings.setdefault(surface.lower(), target)
    for name, dim in EMITTED.items():
        family.setdefault(name, FAMILY.get(dim, dim))
    family.update(OWN_FAMILY)
    conversions = raw["conversions"]
    definition = dict(conversions["units"])
    return UnitTable(family, definition, tuple(conversions["definitions"]),
                     spellings)


@functools.lru_cache(maxsize=1)
def _registry() -> Any:
    import pint  # only the verify commands need it

    registry: Any = pint.UnitRegistry()
    for line in table().definitions:
        registry.define(line)
    return registry


@functools.cache
def _parsed(name: str) -> tuple[float, Any]:
    """(magnitude, pint units) of a unit's definition: "10 * year" -> (10, year)."""
    expr = table().definition[name]
    assert expr is not None
    q = _registry().parse_expression(expr)
    if not hasattr(q, "units"):  # a bare number: dimensionless
        return float(q), _registry().dimensionless
    return float(q.magnitude), q.units


def convertible(unit: str) -> bool:
    """Does ``unit`` have a definition to convert with?"""
    return table().definition.get(unit) is not None


def family(unit: str) -> str | None:
    """The family of the unit's dimension ('time' for an age), None for a name the table lacks."""
    return table().family.get(unit)


def convert(value: float, unit: str, to: str) -> float:
    """``value`` in ``unit`` expressed in ``to`` (names of the claim table's unit column); Incompatible when
    they measure different things or either has no definition."""
    if unit == to or math.isnan(value):
        return value
    if not (convertible(unit) and convertible(to)):
        raise Incompatible(f"no conversion between {unit} and {to}")
    if family(unit) != family(to):
        raise Incompatible(f"{unit} ({family(unit)}) and {to} ({family(to)}) measure different things")
    import pint

    size_from, units_from = _parsed(unit)
    size_to, units_to = _parsed(to)
    registry = _registry()
    try:
        # value * size in the definition's units (an offset unit such as °F is only ever of size 1)
        return float(registry.Quantity(value * size_from, units_from).to(units_to).magnitude) / size_to
    except pint.DimensionalityError:
        raise Incompatible(f"{unit} and {to} measure different things") from None
