"""Masking borrowers' personal numbers in text: ID card, mobile and bank card numbers.

Pure functions. Numbers are found whether written in digits or spoken as Chinese digits
(幺三八…), with or without pauses between groups; a masked number keeps its last four digits
(a mobile keeps 3 + 4, as banks print them), so a reviewer can still tell numbers apart.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from typing import Any

from stdnum import luhn
from stdnum.cn import ric

_SPOKEN = str.maketrans("〇零幺一二三四五六七八九两叉", "0011234567892X")
_CANDIDATE = re.compile(r"\d(?:[ \-－，,、.。]{0,2}[\dXx])+")
_CARD_CONTEXT = re.compile(r"(卡号|银行卡|储蓄卡|信用卡|借记卡|卡是|账号|帐号|卡)")
_ID_CONTEXT = re.compile(r"(身份证|证件号)")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_CONTEXT_CHARS = 12
MASK = "*"


def _kind(digits: str, before: str) -> str | None:
    """What the digit string is: 'id', 'mobile', 'card' or None."""
    if len(digits) == 18 and digits[:17].isdigit():
        if ric.is_valid(digits) or _ID_CONTEXT.search(before):
            return "id"
    if not digits.isdigit():
        return None
    if len(digits) == 11 and _MOBILE.fullmatch(digits):
        return "mobile"
    if 12 <= len(digits) <= 19 and (
        (len(digits) >= 15 and luhn.is_valid(digits)) or _CARD_CONTEXT.search(before)
    ):
        return "card"
    if len(digits) >= 15 and _ID_CONTEXT.search(before):
        return "id"
    return None


def _keep(kind: str, count: int) -> set[int]:
    """Which digit positions stay visible."""
    tail = set(range(count - 4, count))
    return {0, 1, 2} | tail if kind == "mobile" else tail


def _masked_span(span: str, mapped: str, kind: str) -> str:
    positions = [i for i, ch in enumerate(mapped) if ch.isdigit() or ch in "Xx"]
    keep = {positions[i] for i in _keep(kind, len(positions))}
    return "".join(MASK if i in positions and i not in keep else ch for i, ch in enumerate(span))


def mask_text(text: str) -> str:
    """The text with every ID, mobile and bank card number masked."""
    if not text:
        return text
    mapped = text.translate(_SPOKEN)
    out, last = [], 0
    for match in _CANDIDATE.finditer(mapped):
        digits = re.sub(r"[^\dXx]", "", match.group()).upper()
        before = mapped[max(0, match.start() - _CONTEXT_CHARS) : match.start()]
        kind = _kind(digits, before)
        if kind is None:
            continue
        out += [
            text[last : match.start()],
            _masked_span(text[match.start() : match.end()], match.group(), kind),
        ]
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def mask_value(value: Any) -> Any:
    """Masks every string inside JSON-like data."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {k: mask_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_value(v) for v in value]
    return value


def mask_log_event(_logger: Any, _method: str, event: MutableMapping[str, Any]) -> dict[str, Any]:
    """A structlog processor: no personal number reaches a log line."""
    return {k: mask_value(v) if k != "event" else v for k, v in event.items()}
