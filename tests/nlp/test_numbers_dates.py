"""Amounts and dates as people say them."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.dates import find_dates
from nlp.numbers import amounts

AMOUNTS = [
    ("三万五", 35000),
    ("两万八千块", 28000),
    ("3万5千元", 35000),
    ("35000元", 35000),
    ("一万五", 15000),
    ("五千八百六", 5860),
    ("一百二十六万", 1260000),
    ("那1866我会还上", 1866),
    ("1.5万", 15000),
    ("三千一百五一分不少", 3150),
    # a word opening with 一 after a round amount is no digit of it (一分不差, 一准, 一把)
    ("八十五万一分不差", 850000),
    ("四十二万一准到账", 420000),
    ("两万一把还清", 20000),
    ("三万一", 31000),
    # digits after a spoken magnitude and before a day or month are the date (一百八十万15号之前)
    ("一百八十万15号之前肯定还", 1800000),
    ("五万12月15号前还上", 50000),
    ("一百一十万二十一号之前肯定到账", 1100000),
    ("两万十五号前还", 20000),
    # 六十五 is no day: 两千六 is the amount and 十五号 the day
    ("两千六十五号之前肯定在卡里", 2600),
    ("3万5", 35000),
    # tenths of a yuan after 块, not a day or 一分不少 (两千块八号还; 三千块一分不少)
    ("两千三百一十六块八", 2316.8),
    ("一千零八十六块五毛", 1086.5),
    ("两千块八号之前还上", 2000),
    ("三千块一分不少", 3000),
    # thousands commas; a spoken decimal before 万 (三点五万)
    ("12,000元", 12000),
    ("¥3,500", 3500),
    ("三点五万", 35000),
    ("两点五万月底前还", 25000),
]


@pytest.mark.parametrize(("text", "value"), AMOUNTS)
def test_amount_is_read(text: str, value: float) -> None:
    found = amounts(text)
    assert [(a.value, a.approximate) for a in found] == [(value, False)]


@pytest.mark.parametrize(
    "text", ["一万出头", "两三千", "大概五千左右", "七八万", "三千多", "压了快两百万", "小一万"]
)
def test_approximate_amount_is_marked(text: str) -> None:
    assert [a.approximate for a in amounts(text)] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "十五号",
        "三个月",
        "工号2471",
        "工号是3307",
        "身份证后四位是0327",
        "2024年",
        "一分都不认",
        # goods, livestock and land counted, a range too
        "一天能有一千五六百件",
        "存栏两千多头",
        "承包了八百亩",
        "下午三点五十到",
    ],
)
def test_not_money(text: str) -> None:
    assert amounts(text) == []


TODAY = date(2026, 11, 20)  # a Friday
DATES = [
    ("下个月十五号之前", date(2026, 12, 15)),
    ("15号之前", date(2026, 12, 15)),  # the 15th has passed this month
    ("25号之前", date(2026, 11, 25)),
    ("12月15号", date(2026, 12, 15)),
    ("1月5号", date(2027, 1, 5)),
    ("月底", date(2026, 11, 30)),
    ("下个月底", date(2026, 12, 31)),
    ("下个月月底", date(2026, 12, 31)),
    # a named month's end, not this month's; not the tail of an amount (三十八万六月底)
    ("十二月底之前", date(2026, 12, 31)),
    ("一月底", date(2027, 1, 31)),
    ("三十八万六月底之前一定付", date(2026, 11, 30)),
    ("下周三", date(2026, 11, 25)),
    ("这周五", date(2026, 11, 20)),
    ("下礼拜一", date(2026, 11, 23)),
    ("明天", date(2026, 11, 21)),
    ("后天", date(2026, 11, 22)),
    ("这个月二十八号", date(2026, 11, 28)),
    ("两千六二十五号之前", date(2026, 11, 25)),
    ("两千六十五号之前", date(2026, 12, 15)),  # the 15th has passed this month
    # the week after next, the month after next, mid-month (the 15th)
    ("下下周一", date(2026, 11, 30)),
    ("下下个礼拜三", date(2026, 12, 2)),
    ("下下个月五号", date(2027, 1, 5)),
    ("下个月中", date(2026, 12, 15)),
    ("月中之前", date(2026, 11, 15)),
    ("今晚", date(2026, 11, 20)),
    ("明早", date(2026, 11, 21)),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_date_is_resolved_against_the_call_date(text: str, expected: date) -> None:
    assert [found.value for found in find_dates(text, TODAY)] == [expected]


@pytest.mark.parametrize(
    "text", ["过两天", "过阵子", "过段时间", "尽快", "月初吧", "三个月", "下个月中旬", "五月中"]
)
def test_vague_date_gives_none(text: str) -> None:
    assert find_dates(text, TODAY) == []


@pytest.mark.parametrize(
    "text", ["去年底就撤场了", "去年年底生了老二", "上个月底扣过了", "前年底竣工的"]
)
def test_an_end_already_past_is_no_date(text: str) -> None:
    """去年底 and 上个月底 name an end gone by, not this year's or this month's."""
    assert find_dates(text, TODAY) == []


def test_month_end_of_february() -> None:
    assert find_dates("月底", date(2026, 2, 3))[0].value == date(2026, 2, 28)
