"""Dates as people say them, resolved against the call's date.

Concrete: 12月15号, 下个月十五号, 下下个月五号, 这个月20号, 15号之前, 月底, 十月底, 下个月底, 下个月月底,
月中 and 下个月中 (the 15th), 年底, 下周三, 下下周一, 这周五, 周五, 今天, 今晚, 明天, 明早, 后天, 大后天. Vague (过两天,
过阵子, 月初, 尽快) gives no date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import cn2an

_NUM = r"[\d零〇一二两三四五六七八九十]+"
_DAY_WORD = r"(?:号|日)"
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # (not the tail of an amount: 三十八万六月底 is 386,000 by month end)
    (
        "named_month_end",
        re.compile(
            rf"(?<![\d零〇一二两三四五六七八九十百千万块])(?P<month>{_NUM})月(?:份)?(?:底|末)"
        ),
    ),
    ("month_day", re.compile(rf"(?P<month>{_NUM})月(?:份)?(?P<day>{_NUM}){_DAY_WORD}?")),
    ("month_after_next_day", re.compile(rf"下下(?:个)?月(?:的)?(?P<day>{_NUM}){_DAY_WORD}")),
    ("next_month_day", re.compile(rf"下(?:个)?月(?:的)?(?P<day>{_NUM}){_DAY_WORD}")),
    ("next_mid_month", re.compile(r"下(?:个)?月(?:份)?(?:的)?月?中(?!旬|间)")),
    # (五月中 names a month: not this month's middle)
    ("mid_month", re.compile(r"(?<![上下\d零〇一二两三四五六七八九十])(?:这个?|本)?月中(?!旬|间)")),
    ("this_month_day", re.compile(rf"(?:这|本|当)(?:个)?月(?:的)?(?P<day>{_NUM}){_DAY_WORD}")),
    ("next_month_end", re.compile(r"下(?:个)?月(?:份)?(?:的)?(?:月)?(?:底|末)")),
    # (not last month's or last year's end: 上个月底, 去年底, 去年年底 are past; 明年底 is not this year's)
    ("month_end", re.compile(r"(?<!上个)(?<!上)(?:这个?|本)?月(?:底|末)")),
    ("year_end", re.compile(r"(?<![去前明])(?<!去年)(?<!前年)(?<!明年)(?:今|这)?年(?:底|末)")),
    (
        "week_after_next",
        re.compile(r"下下(?:个)?(?:周|星期|礼拜)(?P<weekday>[一二三四五六日天末1-7])"),
    ),
    ("next_week", re.compile(r"下(?:个)?(?:周|星期|礼拜)(?P<weekday>[一二三四五六日天末1-7])")),
    (
        "this_week",
        re.compile(r"(?:这|本)(?:个)?(?:周|星期|礼拜)(?P<weekday>[一二三四五六日天末1-7])"),
    ),
    ("weekday", re.compile(r"(?<![上下这本])(?:周|星期|礼拜)(?P<weekday>[一二三四五六日天末1-7])")),
    # 两千六十五号, 两千六二十五号: no day of the month, so the 六 ends an amount and 十五, 二十五
    # is the day (nlp/numbers.py)
    (
        "day",
        re.compile(
            rf"(?:(?<=[百千万亿][四五六七八九])|(?<=[百千万亿][一二两三四五六七八九])(?=[二三]))"
            rf"(?P<day>[二三]?十[一二三四五六七八九]?){_DAY_WORD}"
        ),
    ),
    ("day", re.compile(rf"(?<![月\d零〇一二两三四五六七八九十])(?P<day>{_NUM}){_DAY_WORD}")),
    ("relative", re.compile(r"大后天|后天|明天|今天|明儿|今儿|今晚|明早|明晚")),
)
_RELATIVE = {
    "今天": 0,
    "今儿": 0,
    "今晚": 0,
    "明天": 1,
    "明儿": 1,
    "明早": 1,
    "明晚": 1,
    "后天": 2,
    "大后天": 3,
}


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int
    end: int


def find_dates(text: str, today: date) -> list[FoundDate]:
    """Every concrete date in `text` resolved against `today`, in order of position."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            value = _resolve(kind, match, today)
            if value is not None:
                found.append(FoundDate(value, match.start(), match.end()))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda item: item.start)


def _resolve(kind: str, match: re.Match[str], today: date) -> date | None:
    groups = match.groupdict()
    if kind == "relative":
        return today + timedelta(days=_RELATIVE[match.group()])
    if kind in ("week_after_next", "next_week", "this_week", "weekday"):
        return _weekday(kind, groups["weekday"], today)
    if kind == "mid_month":
        return _month_day(today.year, today.month, 15)
    if kind == "next_mid_month":
        return _month_day(*_add_month(today.year, today.month), 15)
    if kind == "month_end":
        return _month_day(today.year, today.month, 31)
    if kind == "next_month_end":
        year, month = _add_month(today.year, today.month)
        return _month_day(year, month, 31)
    if kind == "year_end":
        return date(today.year, 12, 31)
    if kind == "named_month_end":  # 十月底, 4月份底
        return _absolute(groups["month"], 31, today)
    day = _number(groups["day"])
    if day is None or not 1 <= day <= 31:
        return None
    if kind == "month_day":
        return _absolute(groups["month"], day, today)
    if kind == "next_month_day":
        return _month_day(*_add_month(today.year, today.month), day)
    if kind == "month_after_next_day":
        return _month_day(*_add_month(*_add_month(today.year, today.month)), day)
    if kind == "this_month_day":
        return _month_day(today.year, today.month, day)
    # A bare "15号": this month if still ahead (or today), else next month.
    if day >= today.day:
        return _month_day(today.year, today.month, day)
    return _month_day(*_add_month(today.year, today.month), day)


def _absolute(month_text: str, day: int, today: date) -> date | None:
    month = _number(month_text)
    if month is None or not 1 <= month <= 12:
        return None
    year = today.year
    # Said in December about January: next year. Months well in the past roll forward too.
    if month < today.month - 2:
        year += 1
    return _month_day(year, month, day)


def _weekday(kind: str, text: str, today: date) -> date:
    weekday = _WEEKDAYS.get(text, int(text) - 1 if text.isdigit() else 0)
    monday = today - timedelta(days=today.weekday())
    if kind in ("next_week", "week_after_next"):
        return monday + timedelta(days=(7 if kind == "next_week" else 14) + weekday)
    this_week = monday + timedelta(days=weekday)
    if kind == "weekday" and this_week < today:
        return this_week + timedelta(days=7)
    return this_week


def _add_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _month_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _number(text: str) -> int | None:
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return int(value) if float(value).is_integer() else None
