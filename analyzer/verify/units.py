"""Units for comparing figures: a unit string read as (unit, scale), and a value converted between units
of one dimension. Each unit's definition is the extractor's own (`analyzer.quantities.units`, read with pint);
``data/units.json`` here holds only how reference files spell units and scales. Currencies convert only
through a dated rate table (`RateTable`) the user supplies: exchange rates change, and a checker must not guess
them."""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from .._resources import data_file, read_json, schema_file
from ..errors import InputError
from ..quantities import units as unit_table
from ..quantities.units import Incompatible


@dataclass(frozen=True)
class Units:
    known: frozenset[str]  # the claim table's unit names
    aliases: dict[str, str]  # how a reference file may spell a unit (lower case) -> its name
    scales: dict[str, float]


@functools.lru_cache(maxsize=1)
def units() -> Units:
    """The unit names, and every spelling the extractor reads them by (its surfaces and symbols, a scale
    carried as 'name@factor') under the reference files' own spellings of ``data/units.json``."""
    raw = read_json(data_file("analyzer.verify", "units.json"), schema_file("analyzer.verify", "units.json"))
    table = unit_table.table()
    known = frozenset(table.family)
    aliases = {name.lower(): name for name in known}  # "kilometre per hour" is one unit
    for spelling, target in table.spellings.items():
        aliases.setdefault(spelling, target)
    aliases.update({k.lower(): v for k, v in raw["aliases"].items()})
    return Units(known, aliases, raw["scales"])


def is_currency(unit: str) -> bool:
    """A three-letter currency code as the claim table writes them ('USD', 'EUR', 'RUB')."""
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


def parse_unit(text: str) -> tuple[str, float, str]:
    """A reference file's unit as (the claim table's unit name, scale, per): 'billion USD' -> ('USD', 1e9,
    ''), 'million tonnes per year' -> ('tonne', 1e6, 'year'), 'bcm' -> ('cubic metre', 1e9, ''), '%' ->
    ('percent', 1, ''), 'kilometres per hour' -> ('kilometre per hour', 1, ''), '' -> ('', 1, '') (a count).
    Unknown names are kept as written (they then compare only with themselves)."""
    table = units()
    whole = " ".join(text.split()).lower()
    if whole in table.aliases and "@" not in table.aliases[whole]:  # "part per million", "kilometres per hour"
        return table.aliases[whole], 1.0, ""
    scale = 1.0
    rest = []
    for w in text.replace(",", " ").split():
        if w.lower() in table.scales:
            scale *= table.scales[w.lower()]
        else:
            rest.append(w)
    text = " ".join(rest)
    per = ""
    if text.lower() not in table.aliases and " per " in f" {text.lower()} " \
            and not text.lower().endswith(" per"):  # "km per hour" is one unit
        at = text.lower().rindex("per ")
        text, per = text[:at].strip(), text[at + 4:].strip().lower()
        per = table.aliases.get(per, per[:-1] if per.endswith("s") and per[:-1] in table.known else per)
    name = text
    key = name.lower()
    if key in table.aliases:
        name = table.aliases[key]
        if "@" in name:
            name, extra = name.split("@")
            scale *= float(extra)
    elif key in table.known:
        name = key
    elif key.endswith("s") and key[:-1] in table.known:
        name = key[:-1]
    elif len(name) == 3 and name.isalpha():
        name = name.upper()  # a currency code
    return name, scale, per


def dimension(unit: str) -> str:
    """'mass', 'length'..., 'currency', 'count' for '', else the unit itself (compares only with itself)."""
    if not unit:
        return "count"
    if is_currency(unit):
        return "currency"
    if not unit_table.convertible(unit):
        return unit
    return unit_table.family(unit) or unit


@dataclass(frozen=True)
class RateTable:
    """US dollars per unit of a currency, by year: ``{("EUR", 2023): 1.0813}``. Read from a CSV with the
    columns currency, year, usd_per_unit (`analyzer.verify.reference.read_rates`)."""

    rates: dict[tuple[str, int], float]

    def usd(self, value: float, currency: str, year: int | None) -> float | None:
        if currency == "USD":
            return value
        if year is None or (currency, year) not in self.rates:
            return None
        return value * self.rates[(currency, year)]


def convert(value: float, unit: str, to: str, *, rates: RateTable | None = None, year: int | None = None) -> float:
    """``value`` in ``unit`` expressed in ``to``; Incompatible when they measure different things, or when
    currencies differ and ``rates`` has no rate for both in ``year``."""
    if unit == to or math.isnan(value):
        return value
    a, b = dimension(unit), dimension(to)
    if a != b:
        raise Incompatible(f"{unit or 'a count'} and {to or 'a count'} measure different things")
    if a == "currency":
        if rates is None:
            raise Incompatible(f"{unit} and {to} differ and no rate table was given (--rates)")
        usd = rates.usd(value, unit, year)
        per_usd = rates.usd(1.0, to, year)
        if usd is None or not per_usd:
            missing = unit if usd is None else to
            raise Incompatible(f"no {missing} rate for {year if year is not None else 'an unknown year'} in the rate "
                               "table")
        return usd / per_usd
    return unit_table.convert(value, unit, to)


def check_known(unit: str, where: str) -> None:
    """InputError for a unit neither a currency, a count, nor one this module converts."""
    if unit and not is_currency(unit) and unit not in units().known:
        raise InputError(f"{where}: unknown unit {unit!r} (a currency code such as USD, a unit such as tonne, "
                         "barrel, percent, or empty for a count)")
