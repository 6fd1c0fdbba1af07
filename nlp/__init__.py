"""Huifang's call analyzer: transcript turns in, a visit record (frozen dataclasses) out.

Pure: no database, HTTP or settings. Lexicons and call scripts are YAML a bank can edit, loaded
through explicit functions so callers (and tests) can pass their own.
"""

from call_scripts.loader import load_scripts
from call_scripts.schema import PRODUCTS, Script, ScriptError
from nlp.analyze import analyze
from nlp.evaluate import EvalReport, evaluate, format_report
from nlp.lexicon import CATEGORIES, Lexicon, LexiconError, load_lexicon
from nlp.models import (
    Analysis,
    Compliance,
    ComplianceItem,
    Evidence,
    Facts,
    RiskFlag,
    Turn,
)
from nlp.text import turns_from_text

__all__ = [
    "CATEGORIES",
    "PRODUCTS",
    "Analysis",
    "Compliance",
    "ComplianceItem",
    "EvalReport",
    "Evidence",
    "Facts",
    "Lexicon",
    "LexiconError",
    "RiskFlag",
    "Script",
    "ScriptError",
    "Turn",
    "analyze",
    "evaluate",
    "format_report",
    "load_lexicon",
    "load_scripts",
    "turns_from_text",
]
