"""The period of each figure (analyzer/frames/period.py, FRAMES.md): from its clause, its sentence, its
paragraph or headline; resolved against the publication date; points of comparison are never the period."""
from __future__ import annotations

import pytest

import analyzer
from analyzer.quantities.periods import resolve_period

from .helpers import row_of

PUB = "2019-10-02"  # a Wednesday

# (id, text, published, figure as written, (period_start, period_end)); ("", "") = no period
CASES = [
    # the figure's own clause
    ("clause", "Exports rose 5% in 2019.", None, "5%", ("2019-01-01", "2019-12-31")),
    ("clause-none", "Exports rose 5%.", None, "5%", ("", "")),
    ("clause-subject", "The 1986 projection of 1.45 mln tonnes was revised.", None, "1.45 mln tonnes",
     ("1986-01-01", "1986-12-31")),
    ("clause-inside-subject", "Annual growth of private sector credit in calendar 1986 was 30.7 pct.", None,
     "30.7 pct", ("1986-01-01", "1986-12-31")),
    ("clause-object-clause", "The 12-inch laptop confirms rumors that the device could enter mass production in "
                             "the first quarter of 2015.", None, "12-inch", ("", "")),
    # a figure in a noun phrase coordinated by "and" is in the verb's clause; one coordinated by "or" restates
    # the first (and copies its reading)
    ("conjunct-and", "The report forecast a 2.75 pct rise in exports and a 3.5 pct rise in imports this year.",
     "1987-03-03", "3.5 pct", ("1987-01-01", "1987-12-31")),
    ("conjunct-or", "The company's 1987 results would top 1986 income of 888 mln dlrs or 5.45 dlrs per ADR.",
     "1987-03-03", "5.45 dlrs", ("1986-01-01", "1986-12-31")),
    ("conjunct-clause", "Ties grew, with trade surpassing $4 billion last year and nearly 1,300 Russian enterprises "
     "operating in Azerbaijan.", "2024-08-20", "nearly 1,300", ("", "")),
    # "at end December" is that month's last day; "for the year" compared with a dated figure is the year after it
    ("end-month", "Reserves totalled 7.205 billion dlrs at end December.", "1987-03-03", "7.205 billion dlrs",
     ("1986-12-31", "1986-12-31")),
    ("month", "Reserves totalled 7.205 billion dlrs in December.", "1987-03-03", "7.205 billion dlrs",
     ("1986-12-01", "1986-12-31")),
    ("the-year-after", "Repayments stood at 5.5 billion for the year, up from 3.1 billion in 1985.", "1987-03-03",
     "5.5 billion", ("1986-01-01", "1986-12-31")),
    ("the-year-alone", "Repayments stood at 5.5 billion for the year.", "1987-03-03", "5.5 billion", ("", "")),
    # a "when" clause takes the date it hangs on; "on the previous month" is a comparison, not the period
    ("when-clause", "Local M2 rose 4.7 pct to 249.03 billion dlrs in January from December when it climbed 4.2 pct.",
     "1987-03-03", "4.2 pct", ("1986-12-01", "1986-12-31")),
    ("when-clause-none", "Exports rose 5 pct when prices fell 3 pct.", "1987-03-03", "3 pct", ("", "")),
    ("on-previous-month", "Total M2 rose 3.3 pct in January from December when it rose 3.5 pct on the previous month.",
     "1987-03-03", "3.5 pct", ("1986-12-01", "1986-12-31")),
    ("on-a-day", "Sales rose 5 pct on Monday.", "1987-03-03", "5 pct", ("1987-03-02", "1987-03-02")),
    # a verb's xcomp without a subject of its own reads the date in the subject of the verb above it
    ("xcomp-subject", "In 1987 private consumption was expected to slow somewhat to a 2.25 pct growth rate.",
     "1987-03-03", "2.25 pct", ("1987-01-01", "1987-12-31")),
    ("xcomp-subject-none", "Private consumption was expected to slow somewhat to a 2.25 pct growth rate.",
     "1987-03-03", "2.25 pct", ("", "")),
    # coordinated years pair with as many figures after them, in order ("respectively"), else the first applies
    ("respective", "It shows the 1986 and 1985 deficits at 2.09 billion and 1.722 billion dlrs.", "1987-03-03",
     "1.722 billion dlrs", ("1985-01-01", "1985-12-31")),
    ("respective-first", "Exports in 1986 and 1985 were 5 billion and 4 billion dlrs respectively.", "1987-03-03",
     "5 billion", ("1986-01-01", "1986-12-31")),
    ("respective-uneven", "In 1986 and 1985 exports were 5 billion, 4 billion and 3 billion dlrs.", "1987-03-03",
     "4 billion", ("1986-01-01", "1986-12-31")),
    # a change "from <date> to <date>" took that span; a level reached "from X in 2013" is no span
    ("change-span", "Views rose 57% from 2013 to 2014.", None, "57%", ("2013-01-01", "2014-12-31")),
    ("change-span-noun", "The trend saw a 57% increase in views from 2013 to 2014.", None, "57%",
     ("2013-01-01", "2014-12-31")),
    ("change-span-months", "Exports rose 12% from January to March.", "1987-05-02", "12%", ("1987-01-01", "1987-03-31")),
    ("change-from-only", "Exports rose 12% from 2013.", None, "12%", ("", "")),
    # its sentence: a date on the clause it is coordinated with, or one that opens the sentence
    ("sentence-conj", "In August, output rose 3% and the survey found 40% of firms expected more orders.", PUB,
     "40%", ("2019-08-01", "2019-08-31")),
    ("sentence-reporting", "At least 40 people were killed in clashes, police said on Sunday.", PUB,
     "At least 40", ("", "")),  # the day it was said, not the figure's period
    ("sentence-future", "Exports rose 5% in 2019 and will rise 7%.", None, "7%", ("", "")),
    ("sentence-opening", "Last week, the group submitted an offer valued at 3.1 mln dlrs.", PUB, "3.1 mln dlrs",
     ("2019-09-23", "2019-09-29")),
    # its paragraph: the series the paragraph already dated
    ("paragraph", "In August, output rose 3% from a year earlier. The survey also found 40% of firms expected "
                  "more orders.", PUB, "40%", ("2019-08-01", "2019-08-31")),
    ("paragraph-new-date", "Output rose 3% in August. In 2018, the survey found 40% of firms expected more orders.",
     PUB, "40%", ("2018-01-01", "2018-12-31")),
    ("paragraph-future", "Output rose 3% in August. Output will rise 5%.", PUB, "5%", ("", "")),
    ("paragraph-tense", "Exports rose 5% in 2019. The pipeline carries 5 million tonnes.", None, "5 million tonnes",
     ("", "")),
    ("paragraph-separately", "Exports rose 5% in 2019. Separately, imports fell 3%.", None, "3%", ("", "")),
    ("paragraph-other", "Output rose 3% in August.\n\nThe survey found 40% of firms expected more orders.", PUB,
     "40%", ("", "")),
    ("paragraph-baseline", "Coal imports hit 47.5 mln tonnes in December. Imports from Indonesia declined 9% from "
                           "November.", "2020-01-12", "9%", ("2019-12-01", "2019-12-31")),
    # the headline
    ("headline-lead", "Japan exports rose 5.1 pct in August\n\nImports were up 3 pct, the ministry said.", PUB,
     "3 pct", ("2019-08-01", "2019-08-31")),
    ("headline-later", "Japan exports rose 5.1 pct in August\n\nImports were up 3 pct, the ministry said.\n\n"
                       "Exports to China fell 2 pct.", PUB, "2 pct", ("", "")),
    ("headline-repeat", "Iraq defers 500 mln dlr loan\n\nIraq deferred a 500 mln dlr loan after talks.\n\n"
                        "Another 500 mln dlr loan was signed in October 1985.", PUB, "500 mln dlr", ("", "")),
    ("headline-repeat-dated", "Iraq defers 500 mln dlr loan\n\nIraq deferred a 500 mln dlr loan in March.", PUB,
     "500 mln dlr", ("2019-03-01", "2019-03-31")),
    # points of comparison: 'over' as 'compared with', 'from', 'compared with', 'the same period'
    ("over-baseline", "Sales were up 4 percent over last year.", PUB, "4 percent", ("", "")),
    ("over-duration", "Revenue rose 5% over the past five years.", PUB, "5%", ("2014-10-02", "2019-10-02")),
    ("compared-with", "Profit was $5 million in 2019, compared with $4 million in 2018.", None, "$5 million",
     ("2019-01-01", "2019-12-31")),
    ("compared-other", "Profit was $5 million in 2019, compared with $4 million in 2018.", None, "$4 million",
     ("2018-01-01", "2018-12-31")),
    ("same-period", "Turnover grew 6% over the same period last year.", PUB, "6%", ("", "")),
    ("from-to", "The index declined to 51.9 pct in February from 55.8 pct in January.", "1987-03-02", "51.9 pct",
     ("1987-02-01", "1987-02-28")),
    ("from-to-other", "The index declined to 51.9 pct in February from 55.8 pct in January.", "1987-03-02",
     "55.8 pct", ("1987-01-01", "1987-01-31")),
    ("from-place", "Nearly half a million Syrians have returned home from Turkey since 2016.", PUB,
     "Nearly half a million", ("2016-01-01", "2019-10-02")),
    # a figure compared with: its own phrase's date, 'the previous', 'a year earlier'; never the verb's date
    ("baseline-own-date", "M3 rose 1.1 pct in January after a 0.2 pct rise in December.", "1987-03-03", "0.2 pct",
     ("1986-12-01", "1986-12-31")),
    ("baseline-previous", "Accruals were 36 mln dlrs last month, while repayments were 16 mln dlrs after the "
                          "previous 151 mln.", "1987-03-03", "151 mln", ("1987-01-01", "1987-01-31")),
    ("baseline-year-earlier", "Sales were 5.1 billion dlrs in the third quarter, up from 4.6 billion dlrs a year "
                              "earlier.", PUB, "4.6 billion dlrs", ("2018-07-01", "2018-09-30")),
    ("baseline-verb-date", "Repayments were 16 mln dlrs last month after 151 mln.", "1987-03-03", "151 mln",
     ("", "")),
    ("baseline-revision", "The deficit doubled in 2019 from an initial estimate of 36.5 billion rupees.", PUB,
     "36.5 billion rupees", ("2019-01-01", "2019-12-31")),  # an earlier estimate of the same period
    ("from-source", "The number came from six plants in May.", PUB, "six", ("2019-05-01", "2019-05-31")),
    # the series goes on past a figure compared with and its date
    ("series-after-baseline", "Stocks fell to 193,100 tons in December from 194,400 tons in November. Combined "
                              "stocks rose to 470,600 tons from 464,400 tons.", "1987-03-02", "470,600 tons",
     ("1986-12-01", "1986-12-31")),
    ("series-after-compared-sentence", "Earnings rose to 1.28 billion dlrs in 1986. They compared with profits of "
                                       "551.7 mln dlrs in 1985. It also reported gains of 983.6 mln dlrs.",
     "1987-03-02", "983.6 mln dlrs", ("1986-01-01", "1986-12-31")),
    ("series-after-nested-to", "Inflation rose to 1.25 pct after last year's fall to 0.75 pct from 3.6 pct in 1985.",
     "1987-03-02", "0.75 pct", ("", "")),  # not 1985, the date of the figure after 'from' ('to' is its nearest
    # preposition: it is no figure compared with)
    # an undated figure compared with a dated one: the period after it, when that is the latest by publication
    ("after-baseline-year", "Exports are forecast to rise to 720,000 tonnes against 695,000 tonnes in 1986.",
     "1987-03-02", "720,000 tonnes", ("1987-01-01", "1987-12-31")),
    ("after-baseline-up-from", "Shearson contributed 316 mln dlrs in earnings, up from about 200 mln dlrs in 1985.",
     "1987-03-10", "316 mln dlrs", ("1986-01-01", "1986-12-31")),
    ("after-baseline-old", "The club has 316 members, up from 200 members in 2010.", "2014-10-02", "316",
     ("", "")),  # 2011 is not the latest year: the comparison spans more than a year
    ("after-baseline-present", "The club has 316 members, up from 200 members in 2013.", "2014-10-02", "316",
     ("", "")),
    ("after-baseline-no-date", "Exports rose to 720,000 tonnes against 695,000 tonnes in 1986.", None,
     "720,000 tonnes", ("", "")),
    # 'the same period of 1985': the period of the figure it is compared with, in that year
    ("same-period-of-year", "Usage fell 7.6 pct to 6.5 mln tonnes in the third quarter from 7.1 mln in the same "
                            "period of 1985.", "1986-11-02", "7.1 mln", ("1985-07-01", "1985-09-30")),
    ("same-quarter-last-year", "Sales rose to 5.1 billion dlrs in the third quarter from 4.6 billion dlrs in the "
                               "same quarter last year.", "1986-11-02", "4.6 billion dlrs",
     ("1985-07-01", "1985-09-30")),
    ("same-period-main", "Sales rose 5% from the same period of 1985.", "1986-11-02", "5%", ("", "")),
    # a purpose clause is not dated by the verb it serves; the result of a change is
    ("purpose", "The four signed an agreement last month to buy crude for 17.52 dlrs a barrel.", "1987-03-02",
     "17.52 dlrs", ("", "")),
    ("result-of-change", "The stock slipped 3/8 today to close at 34-3/4.", "1987-03-02", "34-3/4",
     ("1987-03-02", "1987-03-02")),
    ("between-and", "The SEC examined seven pct of the offices between July 1983 and April 1985.", None, "seven pct",
     ("1983-07-01", "1985-04-30")),
    # as of, since, by, quarters, months, first N months, fiscal years, seasons
    ("as-of", "As of June 30, 2019, the fund held $4 billion in assets.", None, "$4 billion",
     ("2019-06-30", "2019-06-30")),
    ("since", "Unemployment has fallen 2% since 2016.", PUB, "2%", ("2016-01-01", "2019-10-02")),
    ("since-no-date", "Unemployment has fallen 2% since 2016.", None, "2%", ("2016-01-01", "2016-12-31")),
    ("by-2030", "Emissions must be cut by 40% by 2030.", PUB, "40%", ("2030-01-01", "2030-12-31")),
    ("by-year-end", "Bankers predict the dollar will rise to 32 per U.S. dollar by year-end.", "1987-03-03", "32",
     ("1987-12-31", "1987-12-31")),
    ("quarter", "Profit rose 12% in the third quarter.", "2019-11-05", "12%", ("2019-07-01", "2019-09-30")),
    ("quarter-no-date", "Profit rose 12% in the third quarter.", None, "12%", ("", "")),
    ("q3", "Revenue rose 8% in Q3 2019.", None, "8%", ("2019-07-01", "2019-09-30")),
    ("first-months", "Crude output in the first four months of 2019 averaged 9.8 million bpd.", None,
     "9.8 million bpd", ("2019-01-01", "2019-04-30")),
    ("year-ended", "M-3 grew 17.8 pct in the year ended December.", "1987-03-02", "17.8 pct",
     ("1986-01-01", "1986-12-31")),
    ("fiscal-us", "The US government spent $4.4 trillion in fiscal 2019.", None, "$4.4 trillion",
     ("2018-10-01", "2019-09-30")),
    ("fiscal-unknown", "The company earned $5 million in fiscal 2019.", None, "$5 million", ("", "")),
    ("season-crop", "Wheat exports reached 30 million tonnes in the 2019/20 season.", None, "30 million tonnes",
     ("2019-06-01", "2020-05-31")),
    ("span-from", "Zaire agreed to limit its exports to 1,736 tonnes for 12 months from March 1.", "1987-03-03",
     "1,736 tonnes", ("1987-03-01", "1988-02-29")),
    ("span-from-year", "The plan limits exports to 96,000 tonnes for a year from March 1.", "1987-03-03",
     "96,000 tonnes", ("1987-03-01", "1988-02-29")),
    ("from-date-baseline", "Sales rose 5% from March 1.", "1987-03-03", "5%", ("", "")),
    ("part-of-relative-year", "Taiwan would reduce tariffs on 1,700 products sometime in the second\nhalf of this "
                              "year.", "1987-03-02", "1,700", ("1987-07-01", "1987-12-31")),
    ("adverb-on-verb", "Taiwan will cut tariffs on 1,700 products sometime in 2020.", PUB, "1,700",
     ("2020-01-01", "2020-12-31")),
    ("adverb-in-subject", "The firm, founded long before 1990, employs 500 people.", PUB, "500", ("", "")),
    ("month-last-year", "Bank exposure was 16 billion marks in September last year.", "1987-03-03",
     "16 billion", ("1986-09-01", "1986-09-30")),
    ("counted-months", "For a sixth month, prices rose 2%.", PUB, "2%", ("", "")),
    ("each-month", "The plant makes 4,000 wafers each month.", PUB, "4,000", ("", "")),
    ("end-of", "The death toll stands at 7,890 as of the end of 2014.", None, "7,890", ("2014-12-31", "2014-12-31")),
    ("date-of-subject", "2014 RC passed within 22,000 miles of Earth on Sunday.", PUB, "within 22,000 miles",
     ("2019-09-29", "2019-09-29")),  # a date on the verb before one inside its subject
    ("time-between", "Fighters held the town in March. In the past 24 hours, an advance pushed them back on four "
                     "fronts.", PUB, "four", ("", "")),  # a new time written in between
    # relative to the publication date
    ("last-week", "Prices jumped 7% last week.", PUB, "7%", ("2019-09-23", "2019-09-29")),
    ("last-week-no-date", "Prices jumped 7% last week.", None, "7%", ("", "")),
    ("on-monday", "The index rose 1.2% on Monday.", PUB, "1.2%", ("2019-09-30", "2019-09-30")),
    ("last-summer", "Output fell 2% last summer.", PUB, "2%", ("2019-06-01", "2019-08-31")),
    ("last-year", "Trade turnover surpassed $4 billion last year.", PUB, "$4 billion", ("2018-01-01", "2018-12-31")),
    ("this-year", "The economy is expected to grow 3% this year.", PUB, "3%", ("2019-01-01", "2019-12-31")),
    ("next-year", "The economy is expected to grow 3% next year.", PUB, "3%", ("2020-01-01", "2020-12-31")),
    ("last-month", "Car sales fell 4% last month.", PUB, "4%", ("2019-09-01", "2019-09-30")),
    ("yesterday", "Shares fell 5% yesterday.", PUB, "5%", ("2019-10-01", "2019-10-01")),
    ("now", "The country now has foreign debt totalling 27.8 billion dollars.", PUB, "27.8 billion dollars",
     (PUB, PUB)),
    ("now-change", "The minimum wage now stands at 17,002 lira after a 49% increase.", PUB, "49%", ("", "")),
    # a list of figures and years, whatever the parse
    ("list", "Output is expected to rise to 1.56 mln tonnes in 1987 and 2.11 mln in 1988, up from 1.45 mln "
             "tonnes in 1986.", None, "2.11 mln", ("1988-01-01", "1988-12-31")),
    # a relative clause on the figure's noun dates it
    ("relcl", "His DNA was taken during the nine months he was held in a prison in Iraq in 2004.", None,
     "nine months", ("2004-01-01", "2004-12-31")),
    ("relcl-other", "The nine months of talks were hard, officials said in 2004.", None, "nine months", ("", "")),
    # a relative clause on a figure continues its statement; one on another noun describes its own time
    ("relcl-figure", "In 2019, sales were 1.5 billion dlrs, which brought in 27 pct of profits.", None, "27 pct",
     ("2019-01-01", "2019-12-31")),
    ("relcl-thing", "The chief, who has a 10 million dlr price on his head, gives a sermon in July.", PUB,
     "10 million dlr", ("", "")),
    # a present perfect is up to now: not dated by a past period of the sentence before
    ("perfect-after-past", "The surplus hit 13.6 billion dlrs last year. It has boosted reserves to 50 billion "
                           "dlrs.", PUB, "50 billion dlrs", ("", "")),
    ("past-after-past", "The surplus hit 13.6 billion dlrs last year. It boosted reserves to 50 billion dlrs.", PUB,
     "50 billion dlrs", ("2018-01-01", "2018-12-31")),
    ("perfect-since-past", "The dollar has risen 14 pct since 2016 while the won climbed only four pct.", PUB,
     "four pct", ("2016-01-01", "2019-10-02")),
    ("list-baseline", "Output is expected to rise to 1.56 mln tonnes in 1987 and 2.11 mln in 1988, up from 1.45 mln "
                      "tonnes in 1986.", None, "1.45 mln tonnes", ("1986-01-01", "1986-12-31")),
]


@pytest.mark.parametrize("text, published, figure, expected", [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_period(nlp, text, published, figure, expected):
    row = row_of(nlp, text, figure, published)
    assert (row["period_start"], row["period_end"]) == expected, row["period"]


# 'over' after a figure or a noun of change means 'compared with': the figure after it is no 'more than'
@pytest.mark.parametrize("text, figure, qualifier", [
    ("Sales rose 4 percent over 2018's 3.1 million units.", "3.1 million", "exact"),
    ("The company posted a 5% increase over 2,000 units sold last year.", "2,000", "exact"),
    ("Sales reached over 3.1 million units.", "over 3.1 million", "more_than"),
    ("Sales rose over 5% in May.", "over 5%", "more_than"),
])
def test_over_compared_with(nlp, text, figure, qualifier):
    assert row_of(nlp, text, figure)["qualifier"] == qualifier


@pytest.mark.parametrize("text, period", [
    ("Unemployment has fallen 2% since 2016.", "since 2016"),
    ("As of June 30, 2019, the fund held $4 billion in assets.", "as of June 30, 2019"),
    ("Emissions must be cut by 40% by 2030.", "by 2030"),
    ("Profit rose 12% in the first half of 2024.", "first half of 2024"),
    ("India's GDP grew 4.2% in the 2019/20 fiscal year.", "2019/20 fiscal year"),
    ("Prices held.\nExports rose 5% last\nSeptember.", "last September"),
    ("Officials examined 7% of offices between July 1983 and April 1985.", "between July 1983 and April 1985"),  # one line, whatever the wrapping
])
def test_period_text(nlp, text, period):
    table = analyzer.quantities(text, nlp=nlp)
    assert table.iloc[0]["period"] == period


# the resolver: a part of a year whose year is relative; a length of time from a day
@pytest.mark.parametrize("text, published, expected", [
    ("second half of this year", "1987-03-02", ("1987-07-01", "1987-12-31")),
    ("September last year", "1987-03-03", ("1986-09-01", "1986-09-30")),
    ("first quarter of next year", PUB, ("2020-01-01", "2020-03-31")),
    ("last year", PUB, ("2018-01-01", "2018-12-31")),  # no part: the year itself
    ("12 months from March 1", "1987-03-03", ("1987-03-01", "1988-02-29")),
    ("a year starting July 1, 2020", None, ("2020-07-01", "2021-06-30")),
    ("10 days from May 30, 2019", None, ("2019-05-30", "2019-06-08")),
    ("six months from now", PUB, ("", "")),  # a point ahead, not a span from a day
    ("by October one", "1987-03-03", ("1987-10-01", "1987-10-01")),  # wire copy writes the day as a word
    ("October", "1987-03-03", ("1986-10-01", "1986-10-31")),
    # a quarter named by its last month, and months to a month: the months that end with it
    ("the December quarter", "1987-03-03", ("1986-10-01", "1986-12-31")),
    ("1985 December quarter", "1987-03-03", ("1985-10-01", "1985-12-31")),
    ("quarter ended December 31, 1986", None, ("1986-10-01", "1986-12-31")),
    ("the quarter ending March", "1987-03-03", ("1987-01-01", "1987-03-31")),
    ("the six months to June", "1987-03-03", ("1986-01-01", "1986-06-30")),
    ("December", "1987-03-03", ("1986-12-01", "1986-12-31")),  # - a month alone is the month
    ("fourth quarter", "1987-03-03", ("1986-10-01", "1986-12-31")),  # - a numbered quarter as before
])
def test_resolve(text, published, expected):
    assert resolve_period(text, published) == expected
