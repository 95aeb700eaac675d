"""Resolving a period phrase ('last year', 'first half of 2024', 'by 2030', 'March') to ISO dates,
against the publication date where the phrase is relative."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name} | \
    {name: i for i, name in enumerate(calendar.month_abbr) if name} | {"Sept": 9}
MONTHS = {k.lower(): v for k, v in MONTHS.items()}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "last": 4, "final": 4}
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "twelve": 12}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d|21\d\d)\b")
_QUARTER = re.compile(r"\b(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th|last|final)\s+quarter)\b")
_HALF = re.compile(r"\b(?:h([12])|(first|second|1st|2nd)\s+half)\b")
_PAST_N = re.compile(r"\b(?:past|last|previous)\s+(\d+|\w+)\s+(year|month|week|day)s\b")


def _iso(d: date) -> str:
    return d.isoformat()


def _year(y: int) -> tuple[str, str]:
    return _iso(date(y, 1, 1)), _iso(date(y, 12, 31))


def _month(y: int, m: int) -> tuple[str, str]:
    return _iso(date(y, m, 1)), _iso(date(y, m, calendar.monthrange(y, m)[1]))


def _quarter(y: int, q: int) -> tuple[str, str]:
    return _iso(date(y, 3 * q - 2, 1)), _month(y, 3 * q)[1]


def parse_published(published: str | date | None) -> date | None:
    if published is None or published == "":
        return None
    if isinstance(published, date):
        return published
    return date.fromisoformat(str(published)[:10])


def resolve_period(text: str, published: str | date | None = None) -> tuple[str, str]:
    """(start, end) ISO dates of a period phrase; ("", "") when it cannot be pinned down."""
    pub = parse_published(published)
    t = text.lower().replace("-", " ")
    years = [int(y) for y in _YEAR.findall(t)]
    words = t.split()
    if not years and pub is not None:
        # relative phrases anchor on the publication date
        rel = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
        for i, w in enumerate(words[:-1]):
            if w in rel and words[i + 1] == "year":
                return _year(pub.year + rel[w])
            if w in rel and words[i + 1] == "month":
                m = pub.month - 1 + rel[w]
                return _month(pub.year + m // 12, m % 12 + 1)
            if w in rel and words[i + 1] == "quarter":
                q = (pub.month - 1) // 3 + rel[w]
                return _quarter(pub.year + (q // 4), q % 4 + 1)
            if w in rel and words[i + 1] == "week":
                monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=rel[w])
                return _iso(monday), _iso(monday + timedelta(days=6))
        m = _PAST_N.search(t)
        if m:
            n = int(m[1]) if m[1].isdecimal() else WORD_NUMBERS.get(m[1])  # not isdigit(): int("²") raises
            if n:
                days = {"year": 365.25, "month": 30.44, "week": 7, "day": 1}[m[2]]
                return _iso(pub - timedelta(days=round(n * days))), _iso(pub)
        if "yesterday" in words:
            return _iso(pub - timedelta(days=1)), _iso(pub - timedelta(days=1))
        if "today" in words:
            return _iso(pub), _iso(pub)
        year = pub.year
    elif years:
        year = years[0]
    else:
        return "", ""
    if len(set(years)) >= 2:  # "2020-2023", "between 2020 and 2023"
        return _iso(date(min(years), 1, 1)), _iso(date(max(years), 12, 31))
    m = _QUARTER.search(t)
    if m:
        return _quarter(year, int(m[1]) if m[1] else ORDINALS[m[2]])
    m = _HALF.search(t)
    if m:
        h = int(m[1]) if m[1] else ORDINALS[m[2]]
        return (_iso(date(year, 1, 1)), _iso(date(year, 6, 30))) if h == 1 else \
            (_iso(date(year, 7, 1)), _iso(date(year, 12, 31)))
    month = next((MONTHS[w.rstrip(".")] for w in words if w.rstrip(".") in MONTHS), None)
    if month is not None:
        if not years and pub is not None and month > pub.month and "next" not in words:
            year -= 1  # "in December", published in May: last December
        return _month(year, month)
    if years:
        y0, y1 = _year(year)
        if words and words[0] == "since" and pub is not None:
            return y0, _iso(pub)
        if words and words[0] in ("by", "until", "through"):
            return (_iso(pub) if pub is not None else ""), y1
        return y0, y1
    return "", ""
