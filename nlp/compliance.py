"""Script compliance (did the agent say each required item, and where) and the next follow-up date."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from call_scripts.schema import Cadence, Script
from nlp.call import Call
from nlp.models import Compliance, ComplianceItem

# Used when the product has no call script (unknown product): the usual supervisory cadence.
DEFAULT_CADENCE = Cadence(high_days=7, medium_days=30, low_months=(3, 6, 12), no_answer_days=1)


def check_script(call: Call, script: Script) -> Compliance:
    agent = [block for block in call.blocks if block.role == "agent"]
    items = []
    for item in script.items:
        segment = None
        for block in agent:
            match = item.pattern.search(block.text)
            if match is not None:
                segment = block.segment_at(match.start())
                break
        items.append(ComplianceItem(id=item.id, said=segment is not None, segment=segment))
    return Compliance(script=script.product, items=tuple(items))


def next_followup(
    *,
    call_date: date,
    risk_level: str,
    contact_result: str,
    cadence: Cadence,
    disbursed_on: date | None = None,
) -> date:
    """high: a week, medium: a month, low: the next step of the 3/6/12-month schedule from
    disbursement (or the first step from the call when disbursement is unknown); no answer: retry."""
    if contact_result == "no_answer":
        return call_date + timedelta(days=cadence.no_answer_days)
    if risk_level == "high":
        return call_date + timedelta(days=cadence.high_days)
    if risk_level == "medium":
        return call_date + timedelta(days=cadence.medium_days)
    if disbursed_on is None:
        return add_months(call_date, cadence.low_months[0])
    return _next_scheduled(call_date, disbursed_on, cadence.low_months)


def _next_scheduled(call_date: date, disbursed_on: date, months: tuple[int, ...]) -> date:
    # After the listed steps the last interval repeats (e.g. yearly after 12 months).
    step = months[-1] - (months[-2] if len(months) > 1 else 0)
    offset = 0
    index = 0
    while True:
        offset = months[index] if index < len(months) else offset + step
        due = add_months(disbursed_on, offset)
        if due > call_date:
            return due
        index += 1


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
