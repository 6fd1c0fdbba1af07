"""analyze(): one call's turns in, its Analysis (facts, flags, risk level, compliance, follow-up) out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from types import MappingProxyType

from call_scripts.loader import default_scripts
from call_scripts.schema import Script
from nlp.call import Call, Hit
from nlp.compliance import DEFAULT_CADENCE, check_script, next_followup
from nlp.facts import (
    PROJECT_PRODUCTS,
    business_from_income,
    business_income,
    contact_result,
    fund_usage,
    identity_verified,
    income_change,
    project_status,
)
from nlp.intent import (
    PROMISING_INTENTS,
    Promise,
    find_promise,
    repayment_intent,
    with_stated_due,
)
from nlp.lexicon import Lexicon, default_lexicon
from nlp.models import Analysis, Evidence, Facts, Turn
from nlp.risk import find_flags, risk_level
from nlp.text import build_blocks


def analyze(
    turns: Sequence[Turn],
    product: str | None = None,
    call_date: date | None = None,
    lexicon: Lexicon | None = None,
    scripts: Mapping[str, Script] | None = None,
    disbursed_on: date | None = None,
) -> Analysis:
    """Read one call. `turns` in order; speakers agent, customer, third_party or unknown.

    Relative dates resolve against `call_date` (today when None). `lexicon` and `scripts` default to
    the bundled ones (nlp/lexicons/, call_scripts/). `compliance` is None when the product has no
    script.
    """
    lexicon = lexicon or default_lexicon()
    scripts = scripts if scripts is not None else default_scripts()
    script = scripts.get(product) if product else None
    turns = tuple(turns)
    call = Call(
        turns=turns,
        blocks=build_blocks(turns, lexicon),
        product=product,
        call_date=call_date or date.today(),
        lexicon=lexicon,
    )
    contact, contact_hit = contact_result(call)
    flags = find_flags(call, script, contact)
    facts = _facts(call, contact, contact_hit, flags)
    level = risk_level(call, flags, facts)
    return Analysis(
        facts=facts,
        risk_level=level,
        risk_flags=flags,
        compliance=check_script(call, script) if script else None,
        next_followup_at=next_followup(
            call_date=call.call_date,
            risk_level=level,
            contact_result=contact,
            cadence=script.cadence if script else DEFAULT_CADENCE,
            disbursed_on=disbursed_on,
        ),
    )


def _learnt(call: Call, field: str, found: tuple[str, Hit | None]) -> tuple[str, Hit | None]:
    """The field model's answer (nlp/learned.py) when the rules found nothing and it is sure."""
    learned = call.lexicon.learned
    model = learned.fields.get(field) if learned is not None else None
    if found[0] != "unknown" or model is None:
        return found
    clauses = model.clauses(call.blocks)
    answer = model.predict(call.product, [call.blocks[i].text[s:e] for i, s, e in clauses])
    if answer is None:
        return found
    value, which = answer
    index, start, end = clauses[which]
    return value, Hit(index, start, end)


def _facts(call: Call, contact: str, contact_hit: Hit | None, flags: tuple) -> Facts:
    evidence: dict[str, Evidence] = {}

    def note(field: str, value: object, hit: Hit | None) -> None:
        if hit is not None and value not in (None, "unknown", False):
            evidence[field] = call.evidence(hit)

    note("contact_result", contact, contact_hit)
    verified, verified_hit = identity_verified(call, contact)
    note("identity_verified", verified, verified_hit)
    promise = find_promise(call) if contact == "connected" else Promise()
    ruled, ruled_hit = repayment_intent(call, contact, promise)
    intent, intent_hit = ruled, ruled_hit
    if contact == "connected":
        intent, intent_hit = _learnt(call, "repayment_intent", (intent, intent_hit))
    note("repayment_intent", intent, intent_hit)
    if intent not in PROMISING_INTENTS:
        promise = Promise()
    elif intent == "will_repay":
        # the rules' words of commitment (能，按时还) take the agent's stated amount and date;
        # the learned model's guess alone does not
        promise = with_stated_due(call, promise, ruled_hit if ruled == intent else None)
    note("promise_amount", promise.amount, promise.amount_hit)
    note("promise_date", promise.date, promise.date_hit)
    reachable = contact not in ("wrong_number", "no_answer")
    spoken = flags if contact == "connected" else ()
    project, project_hit = (
        project_status(call)
        if reachable and call.product in PROJECT_PRODUCTS
        else ("unknown", None)
    )
    income, income_hit = (
        business_income(
            call, income_change(call, spoken, contact), (project, project_hit), intent, spoken
        )
        if reachable
        else ("unknown", None)
    )
    if reachable and call.product in PROJECT_PRODUCTS:
        project, project_hit = _learnt(
            call,
            "project_status",
            business_from_income(call, (project, project_hit), (income, income_hit), spoken),
        )
    note("project_status", project, project_hit)
    # another's words (a third party's): the rules alone (facts.py)
    own_words = reachable and contact != "third_party"
    if own_words:
        income, income_hit = _learnt(call, "income_change", (income, income_hit))
    note("income_change", income, income_hit)
    usage, usage_hit = fund_usage(call, flags, contact) if reachable else ("unknown", None)
    if own_words:
        usage, usage_hit = _learnt(call, "fund_usage", (usage, usage_hit))
    note("fund_usage", usage, usage_hit)
    return Facts(
        contact_result=contact,
        identity_verified=verified,
        repayment_intent=intent,
        promise_amount=promise.amount,
        promise_date=promise.date,
        income_change=income,
        project_status=project,
        fund_usage=usage,
        evidence=MappingProxyType(evidence),
    )
