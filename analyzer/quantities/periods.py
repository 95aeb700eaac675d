"""Resolving a period phrase ('last year', 'first half of 2024', 'by 2030', 'March 5', 'fiscal 2019', 'the
2019/20 season', 'last summer', 'on Monday') to ISO dates, against the publication date where the phrase is
relative. Fiscal years follow the country's convention when it is known; marketing seasons the crop's
marketing year when the sentence names the crop; otherwise such a phrase is left unresolved."""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from .._resources import word_lists

WORDS = word_lists("analyzer.quantities")
RANGE_ENDS = WORDS.ordered("range_ends")
SEASON_WORDS = WORDS.words("season_words")

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name} | \
    {name: i for i, name in enumerate(calendar.month_abbr) if name} | {"Sept": 9}
MONTHS = {k.lower(): v for k, v in MONTHS.items()}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "last": 4, "final": 4}
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# the month a fiscal year starts in, and whether "FY2020" names the year it ends in (most) or starts in (Japan)
FISCAL_YEARS = {"US": (10, "end"), "GB": (4, "end"), "IN": (4, "end"), "CA": (4, "end"), "AU": (7, "end"),
                "NZ": (7, "end"), "PK": (7, "end"), "EG": (7, "end"), "KE": (7, "end"), "UG": (7, "end"),
                "TZ": (7, "end"), "BD": (7, "end"), "ZA": (3, "end"), "HK": (4, "end"), "SG": (4, "end"),
                "JP": (4, "start"), "IR": (3, "start"), "TH": (10, "end"), "MM": (10, "end")}
# the month a crop's marketing year (USDA) starts in: "the 2019/20 season" of the crop the sentence names
MARKETING_YEARS = {"wheat": 6, "barley": 6, "oats": 6, "corn": 9, "maize": 9, "soybean": 9, "soybeans": 9,
                   "soy": 9, "sorghum": 9, "sugar": 10, "cotton": 8, "rice": 8, "coffee": 10, "cocoa": 10}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
REL = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d|21\d\d)\b")
_SPLIT_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\s*[/-]\s*(\d\d(?:\d\d)?)\b")
_FY = re.compile(r"\bfy\s*'?((?:1[89]|2[01])?\d\d)\b")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")
_DECADE = re.compile(r"\b(1[89]|20)(\d)0'?s\b")
_QUARTER = re.compile(r"\b(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th|last|final)\s+quarter)\b")
_HALF = re.compile(r"\b(?:h([12])|(first|second|1st|2nd)\s+half)\b")
_SPAN_FROM = re.compile(r"^(?:for\s+)?(?:the\s+)?(a|an|\d+|[a-z]+)\s+(year|month|week|day)s?\s+"
                        r"(?:from|starting|beginning|effective)\s+(?:on\s+)?(.+)$")
_REL_YEAR = re.compile(r"\b(last|previous|this|current|next|coming)\s+year\b")
_PART = re.compile(r"\b(?:q[1-4]|quarter|half|months|spring|summer|autumn|fall|winter|" + "|".join(
    sorted(MONTHS, key=len, reverse=True)) + r")\b")  # a part of a year: its year may be relative
_PAST_N = re.compile(r"\b(?:past|last|previous)\s+(\d+|\w+)\s+(year|month|week|day)s\b")
_FIRST_N_MONTHS = re.compile(r"\b(first|last|final)\s+(\d+|\w+)\s+months\b")
_YEAR_ENDED = re.compile(r"\b(?:year|12 months|twelve months)\s+(?:that\s+)?(?:ended|ending|to|through)\s+"
                         r"(?:in\s+|on\s+|the\s+end\s+of\s+)?([a-z]+)\b")
_MONTH_YEAR = re.compile(r"\b([a-z]+)\s+year\b")
_ENDED = re.compile(r"\bend(?:ed|ing|s)?\s+(?:in\s+|on\s+)?([a-z]+)\b")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_AFTER = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b")
_DAY_WORD = re.compile(rf"\b({_MONTH})\s+(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)$")
_DAY_BEFORE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b")


def _iso(d: date) -> str:
    return d.isoformat()


def _year(y: int) -> tuple[str, str]:
    return _iso(date(y, 1, 1)), _iso(date(y, 12, 31))


def _month(y: int, m: int) -> tuple[str, str]:
    return _iso(date(y, m, 1)), _iso(date(y, m, calendar.monthrange(y, m)[1]))


def _months(y: int, m: int, n: int) -> tuple[str, str]:
    """``n`` months from month ``m`` of year ``y``."""
    last = m - 1 + n - 1
    return _month(y, m)[0], _month(y + last // 12, last % 12 + 1)[1]


def _quarter(y: int, q: int) -> tuple[str, str]:
    return _iso(date(y, 3 * q - 2, 1)), _month(y, 3 * q)[1]


def shift_months(d: date, months: int) -> date:
    """``d`` moved by ``months`` calendar months (back when negative), its day kept or cut to the month's last."""
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, min(d.day, calendar.monthrange(d.year + y, m + 1)[1]))


def _next_year(day: str) -> str:
    return _iso(shift_months(date.fromisoformat(day), 12))


def parse_published(published: str | date | None) -> date | None:
    if published is None or published == "":
        return None
    if isinstance(published, date):
        return published
    return date.fromisoformat(str(published)[:10])


def resolve_period(text: str, published: str | date | None = None, *, country: str | None = None,
                   context: str = "") -> tuple[str, str]:
    """(start, end) ISO dates of a period phrase; ("", "") when it cannot be pinned down. ``country``: the
    ISO code of the country whose fiscal year a 'fiscal 2019' means; ``context``: the words of the sentence,
    where a crop named makes 'the 2019/20 season' its marketing year."""
    pub = parse_published(published)
    try:
        return _resolve(text, pub, country, context)
    except (ValueError, OverflowError):  # a date out of range: "FY0000", "1 January 9999" plus a year
        return "", ""


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A period phrase as the readers of `_resolve` see it: lower case with plain hyphens (``t``), its words,
    the publication date, the country whose fiscal year applies and the sentence's words."""

    t: str
    words: list[str]
    pub: date | None
    country: str | None
    context: str

    def resolve(self, text: str, pub: date | None = None) -> tuple[str, str]:
        """`resolve_period` of a part of the phrase, with the same country and sentence."""
        return resolve_period(text, pub, country=self.country, context=self.context)

    @property
    def rest(self) -> str:
        """The phrase after its first word."""
        return self.t.split(None, 1)[1]


def _resolve(text: str, pub: date | None, country: str | None, context: str) -> tuple[str, str]:
    t = text.lower().replace("–", "-").replace("—", "-")
    words = re.findall(r"[a-z]+|\d+", t)
    if not words:
        return "", ""
    phrase = _Phrase(t, words, pub, country, context)
    for reader in PERIOD_READERS:
        got = reader(phrase)
        if got is not None:
            return got
    return _calendar(t, words, pub)


def _since(p: _Phrase) -> tuple[str, str] | None:
    """"since 2016": to the publication date."""
    if p.words[0] != "since" or len(p.words) < 2:
        return None
    start, _ = p.resolve(p.rest, p.pub)
    if start and p.pub is not None and start <= _iso(p.pub):
        return start, _iso(p.pub)
    return p.resolve(p.rest) if start else ("", "")


def _by(p: _Phrase) -> tuple[str, str] | None:
    """"by 2030" is 2030; "by the end of 2030", "by year-end" its last day; "by October", published in March:
    this October."""
    if p.words[0] != "by" or len(p.words) < 2:
        return None
    rest = p.rest
    start, end = p.resolve(rest, p.pub)
    if start and p.pub is not None and end < _iso(p.pub) and not _YEAR.search(rest):
        start, end = _next_year(start), _next_year(end)
    if start and "end" in p.words:
        return end, end
    return start, end


def _until(p: _Phrase) -> tuple[str, str] | None:
    """"through 2018", "until March": from the publication date to its end; the time it names when that is
    over by the publication date."""
    if p.words[0] not in RANGE_ENDS or len(p.words) < 2:
        return None
    start, end = p.resolve(p.rest, p.pub)
    if end and p.pub is not None and end < _iso(p.pub):
        return start, end
    return ((_iso(p.pub) if p.pub is not None else ""), end) if end else ("", "")


def _span_from(p: _Phrase) -> tuple[str, str] | None:
    """"12 months from March 1", "a year starting July 1": the span that begins on that day."""
    m = _SPAN_FROM.match(p.t)
    if not m:
        return None
    start, _ = p.resolve(m[3], p.pub)
    n = 1 if m[1] in ("a", "an") else int(m[1]) if m[1].isdecimal() else WORD_NUMBERS.get(m[1], 0)
    if not start or not 1 <= n <= 100:
        return "", ""
    first = date.fromisoformat(start)
    months = n * (12 if m[2] == "year" else 1) if m[2] in ("year", "month") else 0
    if months:
        last = shift_months(first, months)
    else:
        last = first + timedelta(days=n * (7 if m[2] == "week" else 1))
    return start, _iso(last - timedelta(days=1))


def _as_of(p: _Phrase) -> tuple[str, str] | None:
    """"as of June 30": that day."""
    if p.words[0] == "as" and len(p.words) > 2 and p.words[1] == "of":
        return p.resolve(p.t.split(None, 2)[2], p.pub)
    return None


def _end_of(p: _Phrase) -> tuple[str, str] | None:
    """"as of end of 2014", "year-end 2019": its last day."""
    if re.search(r"\bend\s+of\b", p.t) or p.words[0] in ("end", "yearend"):
        _, end = _calendar(p.t, p.words, p.pub)
        return (end, end) if end else ("", "")
    return None


def _split_fiscal(p: _Phrase) -> tuple[str, str] | None:
    """"1986/87" in an Australian story: its fiscal year, July to June."""
    split = _split_year(p.t)
    rule = FISCAL_YEARS.get(p.country or "")
    if split is not None and rule is not None and rule[0] != 1 and "/" in p.t:
        return _months(split[0], rule[0], 12)
    return None


def _week_of_month(p: _Phrase) -> tuple[str, str] | None:
    """"the fourth week of February": its days 22 to 28; "the last week of June" its last seven days."""
    week = _WEEK_OF_MONTH.search(p.t)
    if week is None:
        return None
    rest = p.t[week.end(1):]
    start, end = _calendar(rest, re.findall(r"[a-z]+|\d+", rest), p.pub)
    if start and end and start[:7] == end[:7]:
        day = 1 + 7 * _WEEK_ORDINALS[week[1]] if week[1] not in ("last", "final") else int(end[8:]) - 6
        return f"{start[:8]}{day:02d}", f"{start[:8]}{min(day + 6, int(end[8:])):02d}"
    return None


PERIOD_READERS: tuple[Callable[[_Phrase], tuple[str, str] | None], ...] = (
    # a lead word that makes the period run to or from another date
    _since, _by, _until, _span_from, _as_of, _end_of,
    # spans of twelve months: months ending, years ended, fiscal and marketing years
    lambda p: _months_ending(p.t, p.pub), lambda p: _twelve_months(p.t, p.words, p.pub),
    lambda p: _fiscal(p.t, p.words, p.pub, p.country), lambda p: _marketing_year(p.t, p.words, p.context),
    _split_fiscal, _week_of_month,
)


_WEEK_OF_MONTH = re.compile(r"\b(first|second|third|fourth|last|final)\s+week\s+(?:of|in)\s+")
_WEEK_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3}


def _twelve_months(t: str, words: list[str], pub: date | None) -> tuple[str, str] | None:
    """'the year ended December', 'the year to June 1987', 'the 12 months to March', 'the September year': the
    twelve months that end with that month (its last such month by the publication date when no year is
    written). Fiscal years are left to `_fiscal`."""
    if "fiscal" in words or "financial" in words or _FY.search(t):
        return None
    m = _YEAR_ENDED.search(t)
    month = MONTHS.get(m[1]) if m else None
    if month is None:
        m = _MONTH_YEAR.search(t)
        month = MONTHS.get(m[1]) if m else None
    if month is None:
        return None
    y = _year_ending(t, month, pub)
    if y is None:
        return "", ""
    return _months(y - (month != 12), month % 12 + 1, 12)


def _year_ending(t: str, month: int, pub: date | None) -> int | None:
    """The year of the month a span ends with: the last year ``t`` writes, else that of the month's last
    occurrence by the publication date; None when neither is known."""
    years = [int(y) for y in _YEAR.findall(t)]
    if years:
        return years[-1]
    if pub is not None:
        return pub.year if month <= pub.month else pub.year - 1
    return None


_QUARTER_OF_MONTH = re.compile(rf"\b(?:({_MONTH})\.?\s+(?:(\d{{4}})\s+)?quarter|quarter\s+(?:that\s+)?(?:ended|ending|"
                               rf"to|through)\s+(?:in\s+|on\s+)?({_MONTH})\b)")
_MONTHS_TO = re.compile(rf"\b(three|six|nine|\d{{1,2}})\s+months\s+(?:that\s+)?(?:ended|ending|to|through)\s+"
                        rf"(?:in\s+|on\s+)?({_MONTH})\b")


def _months_ending(t: str, pub: date | None) -> tuple[str, str] | None:
    """'the December quarter', 'the quarter ended December 31, 1986', 'the six months to June': the months
    that end with that month (its last such month by the publication date when no year is written); None when
    the phrase is none of these."""
    m = _QUARTER_OF_MONTH.search(t)
    if m:
        n, month = 3, MONTHS[(m[1] or m[3]).lower()]
    else:
        m = _MONTHS_TO.search(t)
        if not m:
            return None
        n = WORD_NUMBERS.get(m[1]) or int(m[1])
        month = MONTHS[m[2].lower()]
        if not 1 <= n <= 24:
            return None
    if _FY.search(t) or "fiscal" in t or "financial" in t:
        return None  # a fiscal quarter is `_fiscal`'s
    y = _year_ending(t, month, pub)
    if y is None:
        return "", ""
    first = month - n + 1
    return _months(y + (first - 1) // 12, (first - 1) % 12 + 1, n)


def _split_year(t: str) -> tuple[int, int] | None:
    """'2018/19', '2018-2019': two consecutive years written as one period."""
    m = _SPLIT_YEAR.search(t)
    if not m:
        return None
    first, second = int(m[1]), int(m[2])
    second = second if second >= 100 else first // 100 * 100 + second
    return (first, second) if second == first + 1 else None


def _fiscal(t: str, words: list[str], pub: date | None, country: str | None) -> tuple[str, str] | None:
    """A fiscal year: None when the phrase names none, ("", "") when it names one that cannot be placed."""
    fy = _FY.search(t)
    if not fy and not ("fiscal" in words or "financial" in words and "year" in words or "budget" in words
                       and "year" in words):
        return None
    ended = _ENDED.search(t)
    end_month = MONTHS.get(ended[1]) if ended else None
    split = _split_year(t)
    years = [int(y) for y in _YEAR.findall(t)]
    named = None
    if fy:
        named = int(fy[1]) if len(fy[1]) == 4 else 2000 + int(fy[1])
        if split is None and not years and _split_year(f"{named}/{t[fy.end():].lstrip('/-')[:2]}"):
            split = (named, named + 1)  # "FY2019/20"
    elif years:
        named = years[-1] if end_month is not None else years[0]
    rule = FISCAL_YEARS.get(country or "")
    if end_month is not None:  # "the fiscal year that ended in June (2024)"
        y = named if named is not None else (pub.year if pub is not None and end_month <= pub.month else
                                             pub.year - 1 if pub is not None else None)
        if y is None:
            return "", ""
        start_month = end_month % 12 + 1
        return _months(y - (start_month != 1), start_month, 12)
    if rule is None:
        return ("", "") if named is not None or split is not None or pub is None else _fiscal_relative(words, pub)
    start_month, naming = rule
    if split is not None:
        return _months(split[0], start_month, 12) if start_month != 1 else _year(split[0])
    if named is None:
        return _fiscal_relative(words, pub, rule) if pub is not None else ("", "")
    first = named if naming == "start" or start_month == 1 else named - 1
    return _months(first, start_month, 12)


def _fiscal_relative(words: list[str], pub: date, rule: tuple[int, str] | None = None) -> tuple[str, str]:
    """'this fiscal year', 'next fiscal year', 'last fiscal year' for a country whose fiscal year is known."""
    if rule is None:
        return "", ""
    shift = next((REL[w] for w in words if w in REL), None)
    if shift is None:
        return "", ""
    start_month = rule[0]
    first = pub.year if pub.month >= start_month else pub.year - 1
    return _months(first + shift, start_month, 12)


def _marketing_year(t: str, words: list[str], context: str) -> tuple[str, str] | None:
    """'the 2019/20 season', 'the 2019/20 marketing year' of a crop named in the phrase or its sentence."""
    split = _split_year(t)
    if split is None or not (SEASON_WORDS & set(words)):
        return None
    crops = re.findall(r"[a-z]+", f"{t} {context.lower()}")
    month = next((MARKETING_YEARS[w] for w in crops if w in MARKETING_YEARS), None)
    return _months(split[0], month, 12) if month else ("", "")


def _calendar(t: str, words: list[str], pub: date | None) -> tuple[str, str]:
    """Calendar periods: days, weekdays, months, quarters, halves, seasons, years, decades."""
    years = [int(y) for y in _YEAR.findall(t)]
    span = _written_span(t, words, years)
    if span is not None:
        return span
    part_of_year = _REL_YEAR.search(t) if pub is not None and not years else None
    if part_of_year is not None and pub is not None \
            and _PART.search(t[:part_of_year.start()] + t[part_of_year.end():]):
        years = [pub.year + REL[part_of_year[1]]]  # "the second half of this year", "September last year"
    if not years and pub is not None:
        relative = _relative(t, words, pub)
        if relative is not None:
            return relative
    if years:
        year = years[0]
    elif pub is not None:
        year = pub.year
    else:
        return "", ""
    implicit = not years  # the year is the publication's: a month or quarter after it is last year's
    part = _part_of_year(t, words, year, pub, implicit)
    if part is not None:
        return part
    season = next((w for w in words if w in SEASONS), None)
    if season is not None:
        return _season(season, year, words, pub, implicit)
    months = [MONTHS[w] for w in words if w in MONTHS]
    if months:
        return _in_months(t, words, months, year, pub, implicit)
    return _year(year) if years else ("", "")


def _written_span(t: str, words: list[str], years: list[int]) -> tuple[str, str] | None:
    """A period written out whole: an ISO day, a split year ("2019/20"), two years or more ("2020-2023",
    "December 2018 to March 2019"), a decade ("the 1990s")."""
    m = _ISO_DAY.search(t)
    if m:
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return "", ""
        return _iso(d), _iso(d)
    split = _split_year(t)
    if split is not None:
        return _iso(date(split[0], 1, 1)), _iso(date(split[1], 12, 31))
    if len(set(years)) >= 2:
        months = [MONTHS[w] for w in words if w in MONTHS]
        if len(months) == 2:
            return _month(min(years), months[0])[0], _month(max(years), months[1])[1]
        return _iso(date(min(years), 1, 1)), _iso(date(max(years), 12, 31))
    m = _DECADE.search(t)
    if m and not years:
        first = int(m[1] + m[2] + "0")
        return _iso(date(first, 1, 1)), _iso(date(first + 9, 12, 31))
    return None


def _part_of_year(t: str, words: list[str], year: int, pub: date | None, implicit: bool) -> tuple[str, str] | None:
    """A quarter, a half, or the first or last months of ``year`` ("Q3", "the second half", "the first nine
    months"); last year's when the year is the publication's and that part has not begun by then."""
    m = _QUARTER.search(t)
    if m:
        q = int(m[1]) if m[1] else ORDINALS[m[2]]
        if implicit and pub is not None and 3 * q - 2 > pub.month and "next" not in words:
            year -= 1
        return _quarter(year, q)
    m = _HALF.search(t)
    if m:
        h = int(m[1]) if m[1] else ORDINALS[m[2]]
        return (_iso(date(year, 1, 1)), _iso(date(year, 6, 30))) if h == 1 else \
            (_iso(date(year, 7, 1)), _iso(date(year, 12, 31)))
    m = _FIRST_N_MONTHS.search(t)
    if m:
        n = int(m[2]) if m[2].isdecimal() else WORD_NUMBERS.get(m[2], 0)
        if 1 <= n <= 12:
            if implicit and pub is not None and m[1] == "first" and n > pub.month:
                year -= 1  # "the first nine months", published in March: last year's
            return _months(year, 1, n) if m[1] == "first" else _months(year, 13 - n, n)
    return None


def _in_months(t: str, words: list[str], months: list[int], year: int, pub: date | None,
               implicit: bool) -> tuple[str, str]:
    """A month, a run of months ("January-March") or a day of a month ("March 5"); last year's when the year
    is the publication's and the month is still to come ("in December", published in May)."""
    month = months[0]
    day = _day(t)
    if implicit and pub is not None and (month, day or 1) > (pub.month, pub.day) and "next" not in words:
        year -= 1
    if len(months) >= 2 and months[-1] > month:  # "January-March", "from January to April"
        return _month(year, month)[0], _month(year, months[-1])[1]
    if day is not None:
        try:
            d = date(year, month, day)
        except ValueError:
            return "", ""
        return _iso(d), _iso(d)
    return _month(year, month)


def _day(t: str) -> int | None:
    """The day of the month written beside a month name ('March 5', '5th of March', wire copy's 'October one'),
    if any."""
    m = _DAY_AFTER.search(t)
    if m and 1 <= int(m[2]) <= 31:
        return int(m[2])
    m = _DAY_WORD.search(t)
    if m and WORD_NUMBERS.get(m[2], 0) >= 1:
        return WORD_NUMBERS[m[2]]
    m = _DAY_BEFORE.search(t)
    if m and 1 <= int(m[1]) <= 31:
        return int(m[1])
    return None


def _season(season: str, year: int, words: list[str], pub: date | None, implicit: bool) -> tuple[str, str]:
    first, last = SEASONS[season]

    def bounds(y: int) -> tuple[date, date]:  # the season that ends in year y ("winter 2019": Dec 2018 - Feb 2019)
        start_year = y - 1 if first > last else y
        return date(start_year, first, 1), date(y, last, calendar.monthrange(y, last)[1])

    if not implicit or pub is None:
        s, e = bounds(year)
        return _iso(s), _iso(e)
    shift = next((REL[w] for w in words if w in REL), 0)
    # the latest such season that has begun by the publication date, then shifted
    y = pub.year + (1 if first > last and pub.month >= first else 0)
    if bounds(y)[0] > pub:
        y -= 1
    if shift == -1 and bounds(y)[1] >= pub:
        y -= 1  # "last summer" in July: the one before
    elif shift == 1:
        y += 1
    s, e = bounds(y)
    return _iso(s), _iso(e)


def _relative(t: str, words: list[str], pub: date) -> tuple[str, str] | None:
    """Phrases relative to the publication date: 'last year', 'this month', 'next quarter', 'last week',
    'the past five years', 'yesterday', 'on Monday'."""
    for i, w in enumerate(words[:-1]):
        if w in REL:
            unit = _relative_unit(w, words[i + 1], pub)
            if unit is not None:
                return unit
    m = _PAST_N.search(t)
    if m:
        n = int(m[1]) if m[1].isdecimal() else WORD_NUMBERS.get(m[1])  # not isdigit(): int("²") raises
        if n:
            days = {"year": 365.25, "month": 30.44, "week": 7, "day": 1}[m[2]]
            return _iso(pub - timedelta(days=round(n * days))), _iso(pub)
        return None
    if ("end" in words and "year" in words or "yearend" in words) and not any(w in REL for w in words):
        return _iso(date(pub.year, 12, 31)), _iso(date(pub.year, 12, 31))  # "by year-end", "the end of the year"
    if "yesterday" in words:
        return _iso(pub - timedelta(days=1)), _iso(pub - timedelta(days=1))
    if "today" in words or "tonight" in words or words[-2:] == ["this", "morning"]:
        return _iso(pub), _iso(pub)
    day = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    if day is not None and not any(w in MONTHS for w in words):
        back = (pub.weekday() - day) % 7
        if "last" in words and back == 0:
            back = 7
        d = pub + timedelta(days=(day - pub.weekday()) % 7) if "next" in words else pub - timedelta(days=back)
        return _iso(d), _iso(d)
    return None


def _relative_unit(w: str, nxt: str, pub: date) -> tuple[str, str] | None:
    """"last year", "this month", "next quarter", "last week", "this weekend", "the last decade": a unit of the
    calendar shifted from the publication date's (``w`` is the shifting word)."""
    if nxt == "year":
        return _year(pub.year + REL[w])
    if nxt == "month":
        month = pub.month - 1 + REL[w]
        return _month(pub.year + month // 12, month % 12 + 1)
    if nxt == "quarter":
        q = (pub.month - 1) // 3 + REL[w]
        return _quarter(pub.year + (q // 4), q % 4 + 1)
    if nxt in ("week", "weekend"):
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=REL[w])
        if nxt == "weekend":
            return _iso(monday + timedelta(days=5 - 7 * (REL[w] == -1 and pub.weekday() >= 5))), \
                _iso(monday + timedelta(days=6 - 7 * (REL[w] == -1 and pub.weekday() >= 5)))
        return _iso(monday), _iso(monday + timedelta(days=6))
    if nxt == "decade" and w != "next":
        return _iso(pub - timedelta(days=3653)), _iso(pub)
    return None
