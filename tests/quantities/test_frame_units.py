"""Unit and rate as part of a figure's frame (issue 16): each rule with a case where it applies and one
where it must not."""
from __future__ import annotations

import pytest

import analyzer

from .test_extract import test_fields as check_fields

# text, quantity text as written, expected fields (only those listed are checked)
CASES = [
    # a rate stated once applies to the figures it governs: a change and the level it reached
    ("Brent fell $2.10 to $81.40 a barrel.", "$2.10", {"unit": "USD", "per": "barrel", "qualifier": "decrease"}),
    ("Brent fell $2.10 to $81.40 a barrel.", "$81.40", {"unit": "USD", "per": "barrel"}),
    ("Wheat fell 15 cents to $5.82 a bushel.", "15 cents", {"unit": "cent", "per": "bushel"}),
    ("Gasoline averaged $3.52 per gallon, down 9 cents from a week earlier.", "9 cents", {"per": "gallon"}),
    ("Sales rose 5% to $10 a barrel.", "5%", {"unit": "percent", "per": ""}),  # another kind: no sharing
    ("It paid $40 for the first crate and $10 a crate after that.", "$40", {"per": ""}),
    # the rate written inside a range: "from $75 a barrel to $45.88"
    ("Oil dropped from $75 U.S. per barrel to $45.88 on Friday.", "from $75 U.S. per barrel to $45.88",
     {"per": "barrel", "value": 75.0, "value_to": 45.88}),
    # a rate per item: "for each", "for every"
    ("The militia is paying $5,000 for each recruit.", "$5,000", {"per": "recruit"}),
    ("The firm pays $200 for every new employee.", "$200", {"per": "employee"}),
    ("The militia paid $5,000 for the rifles.", "$5,000", {"per": ""}),
    # a rate after another number is that number's
    ("There were 40 in March and 300 a week since then.", "40", {"per": ""}),
    ("There were 40 in March and 300 a week since then.", "300", {"per": "week"}),
    ("The agency received 300 applications a week.", "300", {"per": "week"}),
    ("Samsung will make some 3,000 12-inch wafers each month.", "some 3,000", {"per": "month"}),
    # a slash is a rate only after a number or a unit
    ("HBO Now will cost $15/month.", "$15", {"per": "month"}),
    ("The watch comes in 18-karat gold/sapphire.", "18-karat", {"per": "", "unit": "karat"}),
    # fractions
    ("One in four adults smoke.", "One in four", {"unit": "fraction", "value": 0.25}),
    ("Two-thirds of voters backed the plan.", "Two-thirds", {"unit": "fraction"}),
    ("A third of the population lives in cities.", "A third", {"unit": "fraction"}),
    ("Nearly half of the respondents said no.", "Nearly half", {"unit": "fraction", "qualifier": "approximately"}),
    ("The ship carried a third of a tonne of cargo.", "a third of a tonne", {"unit": "tonne"}),
    ("About half a million people fled.", "About half a million", {"unit": "", "value": 5e5}),
    # a fraction of a point, points of GDP: percentage points
    ("The central bank raised rates by a quarter of a point.", "a quarter of a point",
     {"unit": "percentage point", "qualifier": "increase"}),
    ("The deficit rose by a quarter of a point of GDP.", "a quarter of a point", {"unit": "percentage point"}),
    ("The banks offered a margin of 7/8 point over Libor.", "7/8 point", {"unit": "percentage point"}),
    ("The Dow fell 120 points on Monday.", "120 points", {"unit": "point"}),
    # an explosive yield is energy in tons of TNT, not tonnes of cargo
    ("The bomb had a yield of 15 kilotons of TNT.", "15 kilotons of TNT",
     {"unit": "kiloton TNT", "dimension": "energy", "value": 15.0}),
    ("The nuclear test's yield was estimated at 6 to 7 kilotons.", "6 to 7 kilotons",
     {"unit": "kiloton TNT", "value": 6.0, "value_to": 7.0}),
    ("The blast had the energy of 1 ton of TNT.", "1 ton of TNT", {"unit": "ton TNT"}),
    ("The port handled 300 kilotons of cargo last year.", "300 kilotons",
     {"unit": "tonne", "dimension": "mass", "value": 3e5}),
    # karat (purity) vs carat (mass)
    ("The case is made of 18-karat gold.", "18-karat", {"unit": "karat", "dimension": "purity"}),
    ("She wore a 5-carat diamond.", "5-carat", {"unit": "carat", "dimension": "mass"}),
    # nm: nanometres beside chip words, else nautical miles
    ("TSMC makes the chips with its 28nm process.", "28nm", {"unit": "nanometre"}),
    ("The tanker was stopped 12 nm off the coast.", "12 nm", {"unit": "nautical mile"}),
    # a unit symbol the tokenizer keeps whole after a number ("80km/h") and an abbreviation with its full stop
    ("The train reached 164km/h on the new line.", "164km/h", {"unit": "kilometre per hour"}),
    ("Bowlers reached speeds of up to 145km/h.", "up to 145km/h", {"unit": "kilometre per hour"}),
    ("The office leased at a rate of $80 per sq m.", "$80", {"per": "square metre"}),
    # a part takes the unit of its whole; "from <figure> to N" takes the figure's unit
    ("He has raised 280 million of the 1.5 billion shekels he needs.", "280 million", {"unit": "ILS"}),
    ("He met 280 of the 1,500 delegates.", "280", {"unit": ""}),
    ("Mileage rose from about 14-18 mpg to 24 for SUVs.", "24", {"unit": "mile per gallon"}),
    ("The shares rose 8.15% to 3.65 after the meeting.", "3.65", {"unit": ""}),  # a change, then a price
    # a noun inside a date or a title-case name is no unit
    ("Growth was 1.4 in 2018 and 2.1 last year.", "2.1", {"unit": ""}),  # (after a figure in a unit it shares it)
    ("He has appeared in eight straight World Cups.", "eight", {"unit": ""}),
    ("He ran for 517 rushing yards.", "517", {"unit": "yard"}),
    # spaced "m" and "K": metres and kelvin where no noun follows, millions and thousands where one does
    ("The wall stands 4 m from the road.", "4 m", {"unit": "metre", "value": 4.0}),
    ("The company has 5 m customers.", "5 m", {"unit": "", "value": 5e6}),
    ("The cores were drilled from 2605 m to 2634 m.", "from 2605 m to 2634 m",
     {"unit": "metre", "value": 2605.0, "value_to": 2634.0}),
    ("The sample was heated to 7200 K.", "7200 K", {"unit": "kelvin", "value": 7200.0}),
    ("He earns 50 K a year.", "50 K", {"unit": "", "value": 5e4}),
    ("Wind speeds reached 7.83 m s−1 at night.", "7.83 m s−1", {"unit": "metre per second", "value": 7.83}),
    # a life expectancy is in years; a count of people is not
    ("Life expectancy for men in Glasgow is around 73.", "around 73", {"unit": "year"}),
    ("Around 73 men in Glasgow signed up.", "Around 73", {"unit": ""}),
    # a rate on the measured noun, before the figure
    ("The company reported earnings per share of $2.15.", "$2.15", {"per": "share", "quantity_of": "earnings"}),
    ("GDP per capita reached $10,000 last year.", "$10,000", {"per": "capita"}),
    ("GDP reached $10,000 billion last year.", "$10,000 billion", {"per": ""}),
    # "per" past a modifier; a hyphenated rate before a noun
    ("Net income was $1.20 per diluted share.", "$1.20", {"per": "share"}),
    ("Activists want a $15-an-hour minimum wage.", "$15", {"per": "hour"}),
    ("Activists want a $15 minimum wage.", "$15", {"per": ""}),
    ("The battery lasts two-and-a-half hours.", "two", {"per": ""}),
    ("He left his family's $1 million home a year ago.", "$1 million", {"per": ""}),
    # a multi-word unit hyphenated before a noun; a fraction of a point hyphenated before a noun
    ("A 1,500-square-foot home sold for $300,000.", "1,500-square-foot", {"unit": "square foot"}),
    ("A 1,500-foot tower was built.", "1,500-foot", {"unit": "foot"}),
    ("The bank announced a quarter-point hike.", "a quarter-point", {"unit": "percentage point", "value": 0.25}),
    ("Sales fell in the first quarter.", None, {}),
    # Reuters style: "dlrs", market fractions, a level and the figure it came from
    ("The company will pay 1.50 dlrs a share in cash.", "1.50 dlrs", {"unit": "USD", "per": "share"}),
    ("Banks offered a margin of 13/16 percentage point over Libor.", "13/16 percentage point",
     {"unit": "percentage point", "value": 0.8125}),
    ("The spread was cut to 1-1/8 points from 1-1/4.", "1-1/8 points", {"unit": "percentage point", "value": 1.125}),
    ("The spread was cut to 1-1/8 points from 1-1/4.", "1-1/4", {"unit": "percentage point", "value": 1.25}),
    ("Net profit rose to 5.1 mln dlrs from 3.2 mln.", "3.2 mln", {"unit": "USD"}),
    ("Output averaged 1.5 mln barrels per day in March, up from 1.4 mln.", "1.4 mln",
     {"unit": "barrel", "per": "day"}),
    ("Output reached 1.5 mln barrels, and 1.4 mln workers struck.", "1.4 mln", {"unit": ""}),
    ("One US fluid ounce is 1/16 of a US pint.", "1/16 of a US pint", {"unit": "pint", "value": 0.0625}),
    ("The vote on 1/16 of the seats was delayed.", "1/16", {"unit": "fraction"}),
    # a level and the figure it is compared with; members of a list, each with its date
    ("The surplus widened to 13.6 billion U.S. Dlrs in calendar 1986 from 10.2 billion in 1985.", "10.2 billion",
     {"unit": "USD"}),
    ("Output will rise to 1.56 mln tonnes in 1987 and 2.11 mln in 1988.", "2.11 mln", {"unit": "tonne"}),
    ("Output will rise to 1.56 mln tonnes in 1987 and 2.11 mln workers will strike.", "2.11 mln", {"unit": ""}),
    # a unit hard-wrapped over two lines
    ("The accord was at one percentage\npoint over LIBOR.", "one percentage\npoint", {"unit": "percentage point"}),
    ("The accord cost one percentage.\nPoint taken.", "one percentage", {"unit": "percent"}),
    # ratios: "N times as many", "N-fold"; a count of occasions is no ratio
    ("More than three times as many members reported it better.", "More than three times",
     {"unit": "times", "qualifier": "more_than"}),
    ("Cases rose to 58,000, a more than 60-fold increase.", "more than 60-fold", {"unit": "times"}),
    ("He trains three times a week.", "three", {"unit": "", "per": "week"}),
    ("Saddam was 10 times more important than bin Laden.", "10 times", {"unit": "times", "qualifier": "exact"}),
    ("Exports grew 10 times faster after the deal was signed.", "10 times", {"unit": "times"}),
    # metric horsepower, and a second conversion in the same parentheses takes the qualifier
    ("It makes just under 296 hp (224 kW / 300 PS).", "300 PS",
     {"unit": "metric horsepower", "qualifier": "less_than"}),
]


@pytest.mark.parametrize("text, quantity, fields", CASES, ids=[f"{c[1]}|{c[0][:30]}" for c in CASES])
def test_frame_units(nlp, text, quantity, fields):
    if quantity is None:  # no figure at all
        table = analyzer.quantities(text, nlp=nlp, published="2024-06-01")
        assert table.empty, list(table["text"])
        return
    check_fields(nlp, text, quantity, fields)  # the row of that text has those fields
