"""Build small calls from Chinese sentences for table-driven tests."""

from __future__ import annotations

from datetime import date

from nlp import Analysis, Lexicon, Turn, analyze

CALL_DATE = date(2026, 11, 20)  # a Friday
OPENING = (
    Turn("agent", "您好，这里是宁波银行贷后回访中心，本次通话将被录音。请问是张伟先生吗？"),
    Turn("customer", "是我，你说。"),
)


def call(
    *turns: tuple[str, str], product: str | None = "business_loan", lexicon: Lexicon | None = None
) -> Analysis:
    """The standard opening, then the given (speaker, text) turns."""
    return analyze(
        [*OPENING, *(Turn(speaker, text) for speaker, text in turns)],
        product=product,
        call_date=CALL_DATE,
        lexicon=lexicon,
    )


def said(speaker: str, text: str, product: str | None = "business_loan") -> Analysis:
    return call((speaker, text), product=product)


def categories(analysis: Analysis) -> set[str]:
    return {flag.category for flag in analysis.risk_flags}
