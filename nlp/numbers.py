"""Amounts of money as people say them: 三万五, 两万八千块, 3万5千元, 35000元, 五千八百六.

The numeral itself is read by cn2an; this module only finds the spans, drops those that are not
money (dates, durations, ID digits) and marks approximate ones (一万出头, 两三千, 大概五千左右),
which are never a promise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

_DIGITS = "零〇一二两三四五六七八九"
# (with thousands commas, 12,000元, and a spoken decimal before 万 or 千, 三点五万)
_NUMBER = re.compile(
    rf"[\d{_DIGITS}十百千万亿](?:[\d.{_DIGITS}十百千万亿]|,(?=\d{{3}})|点(?=[{_DIGITS}]+[万千]))*"
)
_DIGIT_VALUES = {d: v for v, ds in enumerate(("零〇", "一", "二两", *"三四五六七八九")) for d in ds}
_SPOKEN_DECIMAL = re.compile(rf"([{_DIGITS}十]+)点([{_DIGITS}]+)([万千])")
_MAGNITUDE = re.compile("[十百千万亿]")
# What follows a number that is not money: dates, times, counts, durations.
_NOT_MONEY_AFTER = re.compile(
    r"^(?:号|日|月(?!底|初|末|中旬)|年(?!底|初|末)|天|个|期|点|岁|家|笔|次|周|星期|分钟|小时|位|口|台|辆|套|层|楼|成|倍|%|手|张|斤)"
    # goods, livestock, land, people and loads counted (一天一千五六百件; 存栏两千多头; 八百亩)
    r"|^(?:多|来|余)?(?:件|头|只|亩|吨|公斤|平米|平方|平|米|公里|人|名|单|箱|袋|桶|条|棵|株|趟|间|栋|户|瓶|盒|包|根|度|方|克|兆瓦|千瓦|瓦)"
)
_NOT_MONEY_BEFORE = re.compile(
    r"(?:(?:工号|尾号|编号|电话|手机号?|号码|后四位|后六位)(?:是不是|是|为|：|:)?|第|周|星期|礼拜)$"
)
_RANGE_REST = re.compile("^[三四五六七八九][十百千万]?(?![零〇一二两三四五六七八九十百千万])")
_APPROX_AFTER = re.compile(r"^(?:出头|多|来|左右|上下|几|把|挂零)")
_APPROX_BEFORE = re.compile(
    r"(?:(?:大概|大约|差不多|估计|可能|顶多|最多)[^，。,]{0,6}|约|将近|接近|近|几|(?<![尽赶加很])快|(?<![大])小)$"
)
# Hotlines and short service numbers, said bare (打12378投诉): never money.
_HOTLINE = re.compile(r"^(?:12\d{3}|95\d{3}|96\d{3}|400\d{7}|110|119|120)$")
_RANGE = re.compile(rf"^[{_DIGITS[2:]}][{_DIGITS[2:]}]")  # 两三千, 七八万: two digits in a row
# Words that start with 一 (一次性, 一下子, 一直, 一共, 一分不少, 一准): not a digit of the number before them.
_ONE_WORD = re.compile(r"次性|下子|直|共|起|定|般|口气|分(?:钱|不|也|都|没)|准|把|块儿|并|齐")
_CURRENCY = re.compile(r"^(?:块钱|块|元|圆|万元|万块)")
# Tenths of a yuan after 块 (两千三百一十六块八 is 2,316.80), not a day or a count (两千块八号还)
_JIAO = re.compile(
    r"块([一二三四五六七八九])毛?(?![\d零〇一二两三四五六七八九十百千万号日月点个天期周分次下共起定般口准把并齐])"
)
# Digits, or a day with 十, after a spoken magnitude and before a day or month (一百八十万15号;
# 一百一十万二十一号之前): a date. (三万五 is 35,000: a single digit there is the amount's.)
_DATE_TAIL = re.compile(
    r"(?:(?<=[十百千万亿])\d+|(?<=[百千万亿])[一二两三]?十[一二三四五六七八九]?"
    # 两千六十五号, 两千六二十五号: 六十五 and 六二十五 are no day of the month, so the 六 ends the
    # amount and 十五, 二十五 is the day
    r"|(?<=[百千万亿][四五六七八九])十[一二三四五六七八九]?"
    r"|(?<=[百千万亿][一二两三四五六七八九])[二三]十[一二三四五六七八九]?)$"
)
_DATE_UNIT = re.compile(r"号|日|月|点")


@dataclass(frozen=True)
class Amount:
    value: int | float
    start: int
    end: int
    approximate: bool


def amounts(text: str) -> list[Amount]:
    """Every money amount in `text`, in order, with its character span."""
    found: list[Amount] = []
    for match in _NUMBER.finditer(text):
        number = match.group().rstrip(".")
        if number.endswith("一") and _ONE_WORD.match(text, match.start() + len(number)):
            number = number[:-1]  # 四十万一次性还上: the 一 belongs to 一次性
        tail = _DATE_TAIL.search(number)
        if tail and _DATE_UNIT.match(text, match.start() + len(number)):
            number = number[: tail.start()]  # 一百八十万15号之前: the 15 is the day
        span, value = _longest_number(number)
        start, end = match.start(), match.start() + len(span)
        after, before = text[end : end + 3], text[max(0, start - 10) : start]
        # past the rest of a range (一千五六百件: the 件 counts the whole)
        counted = _RANGE_REST.sub("", text[end : end + 6], count=1)
        if _NOT_MONEY_AFTER.match(counted) or _NOT_MONEY_BEFORE.search(before):
            continue
        if value is None or not _looks_like_money(span, value, after):
            continue
        approximate = bool(
            _APPROX_AFTER.match(after) or _APPROX_BEFORE.search(before) or _RANGE.match(span)
        )
        jiao = _JIAO.match(text, end)
        if jiao is not None:
            value, end = value + _DIGIT_VALUES[jiao.group(1)] / 10, jiao.end()
        found.append(Amount(value=value, start=start, end=end, approximate=approximate))
    return found


def _looks_like_money(span: str, value: int | float, after: str) -> bool:
    if _CURRENCY.match(after):
        return value >= 10 and not after.startswith("块儿")  # 一块儿还 is "together"
    span = span.replace(",", "")
    if span.isdigit():
        if _HOTLINE.match(span):
            return False
        return 100 <= value and len(span) <= 9  # a bare number of at least three digits
    return value >= 100 and bool(_MAGNITUDE.search(span))


def _longest_number(span: str) -> tuple[str, int | float | None]:
    """The longest leading part that reads as a number (三千一百五一分不少 -> 三千一百五)."""
    while span:
        value = _value(span)
        if value is not None:
            return span, value
        span = span[:-1]
    return span, None


def _value(span: str) -> int | float | None:
    span = span.replace(",", "")
    decimal = _SPOKEN_DECIMAL.fullmatch(span)
    if decimal is not None:  # 三点五万: cn2an reads 3.5万 but not 三点五万
        whole, tenths, unit = decimal.groups()
        digits = "".join(str(_DIGIT_VALUES[d]) for d in tenths)
        span = f"{cn2an.cn2an(whole, 'smart'):g}.{digits}{unit}"
    if _RANGE.match(span):
        span = span[1:]  # read 两三千 as 三千 only to keep the span; it is marked approximate
    try:
        value = cn2an.cn2an(span, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
