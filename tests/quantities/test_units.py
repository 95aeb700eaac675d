"""One unit system (issue 18): every unit name the extractor can write has one definition in
``analyzer/quantities/data/units.json`` ('conversions'), read with pint by `analyzer.quantities.units` for
the check and compare commands; the verify commands read no unit table of their own."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import analyzer
from analyzer.quantities import units
from analyzer.verify.units import parse_unit

DATA = Path(units.__file__).parent / "data" / "units.json"
RAW = json.loads(DATA.read_text(encoding="utf8"))
EMITTED = sorted({rec["name"] for rec in RAW["units"]} | set(units.EMITTED))


def test_every_definition_is_of_a_unit_the_extractor_writes():
    assert sorted(RAW["conversions"]["units"]) == EMITTED


@pytest.mark.parametrize("name", EMITTED)
def test_every_emitted_unit_has_one_definition(name):
    """A unit either converts (its pint expression parses, to the dimensionality of its family) or is declared
    to convert to nothing; and a reference file may name it by its own name."""
    table = units.table()
    assert name in table.definition, f"{name!r} has no entry in units.json 'conversions'"
    assert units.family(name)
    if units.convertible(name):
        assert units.convert(1.0, name, name) == 1.0
        size, unit = units._parsed(name)
        assert size > 0 and unit is not None
    assert parse_unit(name)[0] == name


def test_units_of_one_family_share_a_dimensionality():
    """Within a family every convertible unit converts to every other (the family is what the table calls the
    dimension; pint agrees on all of them)."""
    by_family: dict[str, list[str]] = {}
    for name in EMITTED:
        if units.convertible(name):
            by_family.setdefault(units.family(name), []).append(name)
    for family, names in by_family.items():
        for other in names[1:]:
            value = units.convert(1.0, names[0], other)
            assert math.isfinite(value) and value > 0, (family, names[0], other)


@pytest.mark.parametrize("value, unit, to, expected", [
    (100, "kilometre per hour", "mile per hour", 62.137),
    (104, "degree Fahrenheit", "degree Celsius", 40.0),
    (0, "degree Celsius", "kelvin", 273.15),
    (2, "gigabyte", "megabyte", 2000),
    (100, "kilopascal", "pound per square inch", 14.504),
    (50, "basis point", "percentage point", 0.5),
    (1, "barrel", "litre", 158.987),
    (1, "decade", "year", 10),
    (1, "mmBtu", "kilowatt hour", 293.07),
    (18, "year", "month", 216),  # an age in years is a time
])
def test_conversions(value, unit, to, expected):
    assert units.convert(value, unit, to) == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize("unit, to", [
    ("gigabyte", "percent"), ("degree", "percent"), ("megabit per second", "megahertz"), ("percent", "percentage point"),
    ("tonne", "metre"), ("point", "point ") , ("barrel of oil equivalent", "barrel"),
])
def test_what_does_not_convert(unit, to):
    with pytest.raises(units.Incompatible):
        units.convert(1.0, unit, to)


def test_fahrenheit_is_read_and_checked_as_fahrenheit(tmp_path):
    """A Fahrenheit reading keeps its unit through extraction, and check compares it with a Celsius reference."""
    claims = analyzer.analyze("Temperatures in Baghdad reached 104 degrees Fahrenheit on Monday, officials said.")
    row = claims[claims["unit"] != ""].iloc[0]
    assert row["unit"] == "degree Fahrenheit" and row["value"] == 104
    assert units.convert(row["value"], row["unit"], "degree Celsius") == pytest.approx(40.0)
