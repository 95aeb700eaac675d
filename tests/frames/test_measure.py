"""quantity_of: what a figure counts or measures (analyzer/frames/measure.py, FRAMES.md). One row per case:
(text, figure, words quantity_of must contain, words it must not contain)."""
from __future__ import annotations

import pytest

from .helpers import row_of

CASES = [
    # the counted noun, kept from the figure's phrase
    ("Ford has 13,000 workers in Britain.", "13,000", ["workers"], ["Ford", "Britain"]),
    ("Over 800,000 students study Russian in Azerbaijan.", "Over 800,000", ["students"], []),
    # the measured noun of an amount
    ("Trade turnover surpassed $4 billion last year.", "$4 billion", ["turnover"], ["year"]),
    ("The country has foreign debt totalling 27.8 billion dlrs.", "27.8 billion dlrs", ["debt"], ["dlrs"]),
    # the level a change noun goes to or from: what changes is the noun's "in" phrase, not the clause's subject
    ("The study forecast a decline in GDP growth to 1.75 pct this year.", "1.75 pct", ["growth"], ["study"]),
    ("The study forecast a rise in inflation from 0.75 pct.", "0.75 pct", ["inflation"], ["study"]),
    ("The study said growth would fall to 1.75 pct.", "1.75 pct", ["growth"], ["study"]),
    # a share in a list continues the share before it; a gerund subject is measured; a pronoun subject of a
    # "when" clause is the subject of the clause above
    ("The poll showed the Conservatives with 41 pct of the vote, Labour with 35 pct and the Alliance 21 pct.",
     "35 pct", ["vote"], []),
    ("The poll gave the Conservatives 41 pct of the vote, and Labour said turnout was 35 pct.", "35 pct", [], ["vote"]),
    ("Borrowing in the December quarter rose to 3.92 billion dlrs.", "3.92 billion dlrs", ["Borrowing"], []),
    ("Total M2 rose 3.3 pct in January from December when it rose 3.5 pct.", "3.5 pct", ["M2"], []),
    ("Total M2 rose 3.3 pct in January, and prices rose 3.5 pct.", "3.5 pct", ["prices"], ["M2"]),
    # a line break inside the phrase is one space (the column describes, it does not quote)
    ("The country has commercial\ndebt of 5 billion dlrs.", "5 billion dlrs", ["commercial debt"], []),
    ("The country has commercial debt of 5 billion dlrs.", "5 billion dlrs", ["commercial debt"], []),
    # a copula's subject measures the figure
    ("This year's MSRP is $33,790.", "$33,790", ["MSRP"], []),
    ("The deficit was 3 percent.", "3 percent", ["deficit"], []),
    # a participle clause takes the changing quantity of the clause above
    ("Tesla shares are up 57% this year after plummeting 65% in 2022.", "65%", ["shares"], []),
    # the object a verb moves ("pulled X lower"), not the verb's subject
    ("UnitedHealth pulled the healthcare sector 0.68 percent lower.", "0.68 percent", ["sector"], ["UnitedHealth"]),
    # a verb that carries the amount itself is nominalised
    ("Russia spent $5 billion on its army.", "$5 billion", ["spending"], ["Russia"]),
    ("Egypt exported $2 billion of gas.", "$2 billion", ["gas"], ["Egypt"]),
    # pricing verbs: the price, whatever else the sentence names
    ("The steel watch will be priced at $500 for the mid-tier model.", "$500", ["price"], ["model"]),
    ("The basic model will cost consumers $349.", "$349", ["cost"], ["model"]),
    ("The painting sold for more than $1,000.", "more than $1,000", ["price"], ["sales"]),
    ("The company reported sales of $1,000 in May.", "$1,000", ["sales"], ["price"]),
    # sizes given by an adjective
    ("The asteroid was estimated to be 60 feet long.", "60 feet", ["length"], []),
    ("The blast left a crater 39 feet across.", "39 feet", ["width"], []),
    ("The wall is 10 feet high.", "10 feet", ["height"], []),
    ("He walked 10 feet to the door.", "10 feet", [], ["height", "length", "width"]),
    # a conversion in brackets measures what the figure before it does
    ("The debris field stretched for seven miles (11 km) along the coast.", "11 km", ["debris"], []),
    ("The road is seven miles long (11 km is the official figure).", "seven miles", ["length"], []),
    # a physical dimension names what is measured when no noun does
    ("The Veyron boasts 1200hp.", "1200hp", ["power"], ["Veyron"]),
    ("The car weighs 1,200 kg.", "1,200 kg", ["weight"], ["car"]),
    # a duration is no spending
    ("She spent three weeks in the same cell.", "three weeks", [], ["spending"]),
    ("The ministry spent $3 million on the campaign.", "$3 million", ["spending"], []),
    # a yardstick figure ("versus", "from") measures what the figure it is compared with does
    ("This year's MSRP is $33,790 versus last year's $32,280.", "$32,280", ["MSRP"], []),
    ("The index declined to 51.9 pct in February from 55.8 pct in January.", "55.8 pct", ["index"], []),
    ("The MSRP is $33,790 and the engine makes 300 hp.", "300 hp", [], ["msrp"]),
    # a change verb on a share is a change of its subject, not "losses"
    ("The benchmark index lost 1.1% on Monday.", "1.1%", ["index"], ["losses"]),
    ("The airline lost $5 million last year.", "$5 million", ["losses"], []),
    # never a pronoun
    ("It was $5 million.", "$5 million", [], ["it", "It"]),
    # a physical figure modifying a thing: that thing's weight, length, power
    ("The 300-kilogram drone crashed near the border.", "300-kilogram", ["weight", "drone"], []),
    ("Engineers finished a 272-kilometre rail line in June.", "272-kilometre", ["length", "rail line"], []),
    ("The navy bought 1,200hp engines.", "1,200hp", ["power", "engines"], []),
    # ... but a sum on a noun is that noun, not its "price of" (a loan is an amount itself)
    ("The bank approved a $5 billion loan.", "$5 billion", ["loan"], ["price", "weight"]),
    # ... a screen or device is sized, a line has a length
    ("Apple will sell a 12-inch laptop.", "12-inch", ["size", "laptop"], ["length"]),
    # a sum on a thing is its price; on an amount noun it is that amount
    ("Someone painted a penis on a £1.5 million supercar.", "£1.5 million", ["price", "supercar"], []),
    ("The bank approved a $5 billion loan package.", "$5 billion", ["package"], ["price"]),
    # a duration that names nothing is the time its verb took
    ("She spent three weeks in the same cell as the hostages.", "three weeks", ["time", "spent"], []),
    ("We had been serving her for the past three days.", "three days", ["time", "serving"], []),
    ("The ceasefire was agreed three days ago.", "three days", [], ["agreed"]),
    # a level given with "at": the clause's subject is the measure
    ("Pricing would start at 350 dollars.", "350 dollars", ["pricing"], []),
    ("Apple would start at 350 dollars.", "350 dollars", [], ["apple"]),
    # another figure's words are no measure
    ("About 40 pct of the 15 billion dlrs outstanding is owed to 12 banks.", "About 40 pct", [], ["dlrs"]),
    ("About 40 pct of the 15 billion dlrs outstanding is owed to 12 banks.", "15 billion dlrs", [], ["pct"]),
    # a size adjective after a bracketed conversion: both figures measure the same dimension
    ("The crater is 39 feet (12 meters) wide.", "39 feet", ["width"], ["meters"]),
    ("The crater is 39 feet (12 meters) wide.", "12 meters", ["width"], ["crater"]),
    ("The storm moved 39 feet (12 meters) inland.", "12 meters", [], ["width"]),
    # the noun a figure completes through a preposition, when nothing else names the measure
    ("Figures released on Friday showed growth of 17.8 pct in the year.", "17.8 pct", ["growth"], []),
    ("A reading above 50 pct indicates expansion.", "above 50 pct", ["reading"], []),
    ("Redstone raised his offer to 42 dlrs a share from 40.50 dlrs.", "42 dlrs", ["offer"], ["from"]),
    ("Prices stood at 5 pct above the target.", "5 pct", [], ["target"]),
    # the measured noun keeps its "for"/"between" phrase and a common noun's possession
    ("The median sales price for single-family homes was $3.1 million.", "$3.1 million", ["price", "homes"], []),
    ("The exchange rate between the dollar and the yen is 110 yen.", "110 yen", ["rate"], []),
    ("The length of the guitar's neck is 25.5 inches.", "25.5 inches", ["guitar", "neck"], []),
    ("Russia's exports rose 5%.", "5%", ["exports"], ["russia"]),  # a named possessor is the subject
    # a share of another figure measures what that figure measures
    ("That is more than half of the 1.7 million square feet of office space.", "more than half", ["office space"],
     ["feet"]),
    # a change noun or a forecast measures what its clause says changed
    ("Reserves showed a rise of 287 mln dlrs in February, after a 72 mln dlrs rise in January.", "72 mln dlrs",
     ["reserves"], ["january"]),
    ("The inflation rate will exceed the budget forecast of eight pct.", "eight pct", ["inflation"], []),
    ("The survey showed growth of 17.8 pct.", "17.8 pct", ["growth"], ["survey"]),
    # a change verb's subject is what changed, also to an average
    ("Crude oil output last month fell to an average of 3.5 mln barrels per day.", "3.5 mln barrels", ["output"],
     ["volume"]),
    # buying or selling at a sum: the price of what is bought
    ("They agreed to buy Saudi crude at 17.52 dlrs a barrel.", "17.52 dlrs", ["price", "crude"], []),
    ("They agreed to buy 5 tankers.", "5", ["tankers"], ["price"]),
    # a figure beside or before a noun it modifies, in a fragment: that noun
    ("A 352 μm pixel pitch.", "352 μm", ["pixel pitch"], []),
    ("Floor area ≈ 32m2.", "≈ 32m2", ["floor area"], []),
    # a verb with "up"/"down" is a change of its subject
    ("The index is trending up 0.2% today.", "0.2%", ["index"], []),
    ("He picked up 5 boxes.", "5", ["boxes"], ["he"]),
    # a change that names nothing continues the series of the change before it in its sentence
    ("Exports rose 3% in May and 2% in June.", "2%", ["exports"], []),
    ("Exports rose 3% in May while 2% of workers left.", "2%", ["workers"], ["exports"]),
    # a yardstick "compared with/to", "against" another figure of the sentence measures what that one does
    ("Figures showed growth of 17.8 pct in the year ended December compared with 13.1 pct in the year ended "
     "September.", "13.1 pct", ["growth"], []),
    ("They put crude oil exports at 100,000 bpd last month, compared to zero in January.", "zero", ["exports"], []),
    ("Output was 1.45 mln tonnes, against 1.35 mln last year.", "1.35 mln", ["output"], []),
    ("Exports reached 3 mln tonnes, compared with 5 pct of the market a year earlier.", "5 pct", [], ["exports"]),
    ("Exports reached 300 tonnes, compared with 20 ships a year earlier.", "20", ["ships"], ["exports"]),
    # a sum that is the passive subject of a verb that names it
    ("One quarter or 17.8 mln dlrs will be paid on signature of the accord.", "17.8 mln dlrs", ["payments"], []),
    ("Ten million dollars was found in the car.", "Ten million dollars", [], ["found", "payments"]),
    # a count before a model name counts the noun after it, not the next count's noun
    ("Canada is sending six CF-18 fighters, two surveillance craft and a refuelling aircraft.", "six",
     ["fighters"], ["craft", "surveillance"]),
    ("Canada is sending six CF-18 fighters, two surveillance craft and a refuelling aircraft.", "two",
     ["craft"], ["fighters"]),
    # "ex-" split off by the tokenizer: the count counts the noun after the hyphen
    ("The five ex-detainees will return to the fight.", "five", ["detainees"], ["ex"]),
    ("He met five ex officials.", "five", ["ex officials"], []),
    # a length followed by a direction or "from" is a distance
    ("The hospital is 250 miles north of Baghdad.", "250 miles", ["distance"], ["hospital"]),
    ("The hole is about 1,000 feet (300 meters) from the airport.", "about 1,000 feet", ["distance"], []),
    ("The wall is 10 feet high.", "10 feet", ["height"], ["distance"]),
    # a duration that places an event before or after another: the time before/after it
    ("The photo was taken less than 24 hours before his death.", "less than 24 hours", ["time", "death"],
     ["photo"]),
    ("The flights lasted ten minutes before landing.", "ten minutes", [], ["before"]),
    # a noun before a year is a time phrase, not a measure
    ("The surplus widened to 13.6 billion dlrs in calendar 1986.", "13.6 billion dlrs", ["surplus"], ["calendar"]),
    # a count a carrying verb takes keeps its noun ("lost 20 fighters"); a sum is the verb's noun
    ("Hifter's side lost 20 fighters in the battle.", "20", ["fighters"], ["losses"]),
    ("The airline lost $5 million in the quarter.", "$5 million", ["losses"], []),
    # the agent of a relative clause is not what its object counts; its subject's level is
    ("It ended an insurgency that has driven hundreds of thousands from their homes.", "hundreds of thousands", [],
     ["insurgency"]),
    ("Exports, which reached 300,000 tonnes, fell.", "300,000 tonnes", ["exports"], []),
]


@pytest.mark.parametrize("text,figure,has,lacks", CASES, ids=[c[0][:40] for c in CASES])
def test_quantity_of(nlp, text, figure, has, lacks):
    quantity_of = row_of(nlp, text, figure)["quantity_of"] or ""
    words = quantity_of.lower().split()
    for word in has:
        assert word.lower() in quantity_of.lower(), f"{quantity_of!r} lacks {word!r}"
    for word in lacks:
        assert word.lower() not in words, f"{quantity_of!r} has {word!r}"
