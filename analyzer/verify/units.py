"""Units for comparing figures: a unit string read as (unit, scale), and a value converted between units
of one dimension (``data/units.json``). Currencies convert only through a dated rate table
(`RateTable`) the user supplies: exchange rates change, and a checker must not guess them."""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from .._resources import data_file, read_json
from ..errors import InputError


@dataclass(frozen=True)
class Units:
    size: dict[str, tuple[str, float]]  # unit -> (dimension, size in the dimension's base unit)
    aliases: dict[str, str]
    scales: dict[str, float]


@functools.lru_cache(maxsize=1)
def units() -> Units:
    raw = read_json(data_file("analyzer.verify", "units.json"))
    size = {name: (dim, float(f)) for dim, table in raw["dimensions"].items() for name, f in table.items()}
    return Units(size, {k.lower(): v for k, v in raw["aliases"].items()}, raw["scales"])


def is_currency(unit: str) -> bool:
    """A three-letter currency code as the claim table writes them ('USD', 'EUR', 'RUB')."""
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


def parse_unit(text: str) -> tuple[str, float, str]:
    """A reference file's unit as (the claim table's unit name, scale, per): 'billion USD' -> ('USD', 1e9,
    ''), 'million tonnes per year' -> ('tonne', 1e6, 'year'), 'bcm' -> ('cubic metre', 1e9, ''), '%' ->
    ('percent', 1, ''), '' -> ('', 1, '') (a count). Unknown names are kept as written (they then compare
    only with themselves)."""
    table = units()
    per = ""
    if " per " in f" {text.lower()} ":
        at = text.lower().rindex("per ")
        text, per = text[:at], text[at + 4:].strip().lower()
        per = table.aliases.get(per, per[:-1] if per.endswith("s") and per[:-1] in table.size else per)
    scale = 1.0
    rest = []
    for w in text.replace(",", " ").split():
        if w.lower() in table.scales:
            scale *= table.scales[w.lower()]
        else:
            rest.append(w)
    name = " ".join(rest)
    key = name.lower()
    if key in table.aliases:
        name = table.aliases[key]
        if "@" in name:
            name, extra = name.split("@")
            scale *= float(extra)
    elif key in table.size:
        name = key
    elif key.endswith("s") and key[:-1] in table.size:
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
    known = units().size.get(unit)
    return known[0] if known else unit


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


class Incompatible(Exception):
    """Two units that cannot be compared; the message says why, for the verdict's explanation."""


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
    sizes = units().size
    if unit not in sizes or to not in sizes:
        raise Incompatible(f"no conversion between {unit} and {to}")
    return value * sizes[unit][1] / sizes[to][1]


def check_known(unit: str, where: str) -> None:
    """InputError for a unit neither a currency, a count, nor one this module converts."""
    if unit and not is_currency(unit) and unit not in units().size:
        raise InputError(f"{where}: unknown unit {unit!r} (a currency code such as USD, a unit such as tonne, "
                         "barrel, percent, or empty for a count)")
