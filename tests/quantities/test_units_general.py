"""General unit rules (issue 16, NewsQuant value+unit): each rule with a case where it applies and one where
it must not."""
from __future__ import annotations

import pytest

from .test_frame_units import test_frame_units as check_row

# text, quantity text as written, expected fields (only those listed are checked)
CASES = [
    # an exchange rate: a bare number pricing the clause's currency in another is in the quote currency per the
    # base currency (the market's convention: EUR, GBP, AUD, NZD, USD before the others)
    ("The Indian rupee closed at 84.09 per US dollar on Tuesday.", "84.09", {"unit": "INR", "per": "US dollar"}),
    ("The Korean won slid past 1,400 to the dollar.", "1,400", {"unit": "KRW", "per": "dollar"}),
    ("The Swedish crown traded at 11.42 to the euro.", "11.42", {"unit": "SEK", "per": "euro"}),
    ("The dollar eased against the yen to 108.79 on Friday.", "108.79", {"unit": "JPY", "per": "dollar"}),
    ("Sterling rose to 1.2710 against the dollar.", "1.2710", {"unit": "USD", "per": "Sterling"}),
    ("The Mexican peso was steady near 17.05.", "17.05", {"unit": "MXN"}),
    ("The euro rose to 1.09 on Monday.", "1.09", {"unit": ""}),  # a base currency alone: the quote is unwritten
    ("The company sold 300 to the dollar store chain.", "300", {"unit": ""}),  # no currency is priced
    ("Exports rose to 5 per dollar invested.", "5", {"unit": ""}),
    # a price in one currency written per another
    ("The naira traded at around 1,500 naira to the dollar.", "around 1,500 naira", {"unit": "NGN", "per": "dollar"}),
    ("Tourists get about 36 lira for each euro.", "about 36 lira", {"unit": "TRY", "per": "euro"}),
    ("The firm paid 36 million lira to the euro zone bank.", "36 million lira", {"per": ""}),  # scaled: no rate
    # a news wire's quote code after the figure names its currency
    ("The dollar eased against the yen to 108.79 JPY= on Friday.", "108.79 JPY=", {"unit": "JPY"}),
    ("The euro was flat at $1.1396 EUR= on Friday.", "$1.1396", {"unit": "USD"}),  # the written sign wins
    # a unit stated once governs the bare number of a coordinated clause on the same verb, or on another
    # change verb; a change verb's conjunct is a change too
    ("Inflation rose 2.1 percent in May and 2.4 in June.", "2.4", {"unit": "percent", "qualifier": "increase"}),
    ("Inflation was 2.1 percent in May and 2.4 in June.", "2.4", {"unit": "percent", "qualifier": "exact"}),
    ("The DAX increased by 2 percent but the Nasdaq decreased by 1.", "1", {"unit": "percent"}),
    ("It had a minus-1.4 degree launch angle in 2018 and 2.1 last year, he said.", "2.1", {"unit": "degree"}),
    ("The plant makes 40 tonnes a day and employs 30.", "30", {"unit": ""}),  # another verb: no ellipsis
    ("Sales rose 5 percent while the company cut 300.", "300", {"unit": ""}),  # another subject, far apart
    ("Unemployment fell to 4 percent, and 300 in the city lost jobs.", "300", {"unit": ""}),  # a subject
    ("The cost is $4.25 and 32 is the quantity.", "32", {"unit": ""}),
    # a number before 'last/this/next <time>' counts no time noun
    ("The angle was 1.4 degrees in 2018 and 2.1 last year.", "2.1", {"unit": "degree"}),
    ("The show joins the 50 previous years of programming.", "50", {"unit": "year"}),
    # a price per a unit of goods governs the other plain prices of its sentence in the same currency
    ("Brent settled 94 cents higher at $85.12 a barrel, while WTI gained $1.02 to $81.35.", "94 cents",
     {"per": "barrel"}),
    ("Brent settled 94 cents higher at $85.12 a barrel, while WTI gained $1.02 to $81.35.", "$81.35",
     {"per": "barrel"}),
    ("Diesel hit ₹92.15 a litre in Delhi while premium petrol cost ₹101.94.", "₹101.94", {"per": "litre"}),
    ("Travellers were offered €1.05 for every pound, against a market rate of around €1.18.", "around €1.18",
     {"per": "pound"}),
    ("The service costs $15 a month, with a $50 signup fee.", "$50", {"per": ""}),  # a rate per time
    ("Oil rose to $80 a barrel and the company raised $2 billion.", "$2 billion", {"per": ""}),  # a total
    ("The debt equals $48,700 for every American or $128,300 for every U.S. household.", "$48,700",
     {"per": ""}),  # a rate per item is that item's
    ("Gold rose to $2,350 an ounce, while the rand fell to R18.92.", "R18.92", {"per": ""}),  # another currency
    ("It had a gain of 632,000 dlrs, or 19 cts per shr.", "632,000 dlrs", {"per": ""}),  # a total, far larger
    # 'for every <noun phrase>': the phrase's head
    ("The debt equals $128,300 for every U.S. household.", "$128,300", {"per": "household"}),
    ("The firm pays $200 for every new employee.", "$200", {"per": "employee"}),
    # unit words the tables lacked: radiation doses, energy, oil equivalent, ship tonnage, race distance, volumes and
    # areas in cubic/square units, per mille
    ("The patient received 14 mGy during the scan.", "14 mGy", {"unit": "milligray"}),
    ("The 2 Gy dose was given.", "2 Gy", {"unit": "gray"}),
    ("Gas costs 10p a therm.", "10p", {"per": "therm"}),
    ("Production rose to 100,000 boe per day.", "100,000 boe", {"unit": "barrel of oil equivalent", "per": "day"}),
    ("Output reached 45,000 boepd in March.", "45,000 boepd", {"per": "day"}),
    ("The ship is 300,000 dwt.", "300,000 dwt", {"unit": "deadweight tonne"}),
    ("The race is run over 12 furlongs.", "12 furlongs", {"unit": "furlong"}),
    ("It holds 20 cubic km of water.", "20 cubic km", {"unit": "cubic kilometre"}),
    ("The chip measures 120 mm2.", "120 mm2", {"unit": "square millimetre"}),
    ("The ratio was 25.9‰ in the core.", "25.9‰", {"unit": "per mille"}),
    ("He has 14 grey hairs.", "14", {"unit": ""}),  # no symbol in a word
    # a rate per second or minute written with a slash
    ("Water flows at 3 m3/s through the dam.", "3 m3", {"per": "second"}),
    ("The probe travels at 17 km/s.", "17 km", {"per": "second"}),
    ("Heart rates hit 180 beats per minute.", "180", {"per": "minute"}),
    ("He ran 100 metres in 9.58 seconds, a second faster than before.", "9.58 seconds", {"per": ""}),
    # a list's unit, written on its last member before the noun they all measure
    ("They were given 45 and 50 mg ethanol.", "45", {"unit": "milligram"}),
    ("It has four, five and six cylinder engines.", "four", {"unit": ""}),  # a count: nothing to share
    # a currency code glued to a dollar sign
    ("It costs MXN$15 million.", "MXN$15 million", {"unit": "MXN"}),
    ("The fine was HKD$ 3,000.", "HKD$ 3,000", {"unit": "HKD"}),
    ("It costs $15 million.", "$15 million", {"unit": "USD"}),
    # an age: the bare predicate of one person, the number one dies or retires at
    ("He will be 35 by the end of the year.", "35", {"unit": "year"}),
    ("The average fast food worker is 29, most workers said.", "29", {"unit": "year"}),
    ("The teenager, who was 15 at the time, was jailed.", "15", {"unit": "year"}),
    ("The rapper dies at 57 after a long illness.", "57", {"unit": "year"}),
    ("The average age of the fleet is 12.", "12", {"unit": "year"}),
    ("The average size of the fleet is 12.", "12", {"unit": ""}),
    ("The workers are 300 strong.", "300", {"unit": ""}),  # not one person
    ("The score was 3 at halftime.", "3", {"unit": ""}),
    ("The meeting starts at 9.", "9", {"unit": ""}),
    # abbreviations: wire cents, gallons, years, hours (a four-digit number before 'hrs' is a time of day)
    ("Shares fell 12 cts in early trade.", "12 cts", {"unit": "cent"}),
    ("The company earned 45 cents per shr.", "45 cents", {"per": "share"}),
    ("The tank holds 40 gals.", "40 gals", {"unit": "gallon"}),
    ("A 10-yr bond yields 4.2%.", "10-yr", {"unit": "year"}),
    ("The flight took 3 hrs and 20 mins.", "3 hrs", {"unit": "hour"}),
    ("The attack began at 0600 hrs.", None, {}),
    # a unit right after a nearer number is that number's, and a list member far larger than the unit-bearing
    # one is a restatement, not a member
    ("Results exclude credits of 2,227,000 or four cts.", "2,227,000", {"unit": ""}),
    ("It raised its stake to 238,000 shares from 205,000 or 12.8 pct.", "205,000", {"unit": ""}),
    ("The issue comes in denominations of 1,000 and 5,000 stg.", "1,000", {"unit": "GBP"}),
    ("The 3 and 5 year bonds rallied.", "3", {"unit": "year"}),
    # a figure read on a named scale, or a magnitude
    ("Diamonds score between 50 and 70 on the GPa scale.", "between 50 and 70", {"unit": "gigapascal"}),
    ("Absolute zero is −273.15° on the Celsius scale.", "−273.15°", {"unit": "degree Celsius"}),
    ("The storm reached 12 on the Beaufort scale.", "12", {"unit": "Beaufort force"}),
    ("A magnitude 6.2 earthquake struck off the coast.", "6.2", {"unit": "", "quantity_of": "magnitude of earthquake"}),
    ("The film scored 8 on a scale of 1 to 10.", "8", {"unit": ""}),
    ("The team ranked 3 on the table.", "3", {"unit": ""}),
    # (the price rule: a sum before the price it is worked out at keeps no rate; a list of ages shares the unit)
    ("It puts the raw gold at about $849 at $29.11 per gram.", "about $849", {"per": ""}),
    ("Silver rose to $28.10 an ounce, and platinum added $11 to $985.", "$985", {"per": "ounce"}),
    ("Two boys who are 12 and 13 years old were arrested.", "12", {"unit": "year"}),
    # a spaced 'in' is inches before a dimension adjective
    ("The door is 2 1/2 in thick.", "2 1/2 in", {"unit": "inch", "value": 2.5}),
    ("The hole was 3 in deep.", "3 in", {"unit": "inch"}),
    ("He scored 2 in the first half.", "2", {"unit": ""}),
    # the level reached after a change in percentage or basis points is in percent
    ("The Fed raised rates by 0.25 percentage point to 5.5.", "5.5", {"unit": "percent"}),
    ("The yield rose 5 basis points to 4.25 on Friday.", "4.25", {"unit": "percent"}),
    ("The index rose 50 points to 4,250 on Friday.", "4,250", {"unit": "point"}),  # index points: a level in points
    # a list of parallel figures separated by commas
    ("Prices rose 3 percent in Germany, 4 in France and 5 in Italy.", "4", {"unit": "percent"}),
    ("Prices rose 3 percent, 40 people said.", "40", {"unit": ""}),
]


@pytest.mark.parametrize("text, quantity, fields", CASES, ids=[f"{c[1]}|{c[0][:30]}" for c in CASES])
def test_units_general(nlp, text, quantity, fields):
    check_row(nlp, text, quantity, fields)  # the row of that text has those fields; None: no figure at all
