"""The bank-editable word lists: risk categories (risk.yaml), fact cues (facts.yaml), jieba words.

`load_lexicon(path)` reads a folder holding risk.yaml, facts.yaml and userdict.txt (the bundled
nlp/lexicons/ by default) and returns a compiled, immutable Lexicon. Any problem raises a
LexiconError whose message starts with `file:line:` and names the key path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from call_scripts.schema import PRODUCTS
from call_scripts.yamlnodes import KeyPath, Reader, YamlSchemaError, read_yaml
from nlp.dialect import Dialect, build_dialect
from nlp.prefilter import needs
from nlp.respell import Vocabulary, build_vocabulary
from nlp.vocabulary import lexicon_words

if TYPE_CHECKING:
    from nlp.learned import Learned

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"

CATEGORIES: tuple[str, ...] = (
    "repayment_difficulty",
    "income_loss",
    "business_distress",
    "fund_diversion",
    "legal_or_complaint",
    "hardship",
    "contact_loss",
    "fraud_identity",
    "collateral_risk",
    "multi_debt",
    "agent_misconduct",
)

# Every fact cue list facts.yaml must define, as "section.key".
FACT_CUES: tuple[str, ...] = (
    "roles.agent",
    "roles.customer",
    "contact.third_party",
    "contact.wrong_number",
    "contact.refuse_talk",
    "contact.hang_up",
    "identity.question",
    "identity.confirm",
    "identity.deny",
    "intent.dispute",
    "intent.refuse",
    "intent.resigned",
    "intent.request_delay",
    "intent.unable",
    "intent.partial",
    "intent.prepaid",
    "intent.already_repaid",
    "intent.put_off",
    "intent.habit",
    "intent.other_debts",
    "intent.repaid_statement",
    "intent.will_repay",
    "intent.steady",
    "promise.commit",
    "promise.past",
    "promise.threat",
    "promise.remainder",
    "promise.correction",
    "promise.income_day",
    "promise.too_much",
    "promise.owed",
    "promise.loan_before",
    "promise.loan_after",
    "promise.due_before",
    "promise.agree",
    "promise.ask",
    "income.topic",
    "income.lost",
    "income.decreased",
    "income.increased",
    "income.less",
    "income.stable",
    "income.overall",
    "income.household",
    "income.stated",
    "project.topic",
    "project.suspended",
    "project.delayed",
    "project.completed",
    "project.on_track",
    "project.future",
    "project.ongoing",
    "project.past",
    "usage.question",
    "usage.astray_question",
    "usage.as_agreed",
    "usage.negative",
    "qa.affirm",
    "qa.negate",
    "qa.steady_question",
    "qa.trouble_question",
)


# The facts a risk-level row may name, and their values (records.md).
LEVEL_FACTS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "contact_result": ("connected", "third_party", "wrong_number", "refused", "no_answer"),
        "repayment_intent": (
            "will_repay",
            "already_repaid",
            "partial",
            "request_delay",
            "unable",
            "refuse",
            "dispute",
            "unknown",
        ),
        "income_change": ("increased", "stable", "decreased", "lost", "unknown"),
        "project_status": ("on_track", "delayed", "suspended", "completed", "unknown"),
        "fund_usage": ("as_agreed", "diverted", "unknown"),
    }
)


class LexiconError(YamlSchemaError):
    """A lexicon file that cannot be used (message: file:line: key path: problem)."""


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    products: frozenset[str] | None = None
    not_products: frozenset[str] = frozenset()

    def applies_to(self, product: str | None) -> bool:
        if product in self.not_products:
            return False
        return self.products is None or product in self.products


@dataclass(frozen=True)
class Yield:
    """In a call about one of `products`, a hit of the owning category is dropped where
    `category` has a hit in the same `within` (clause or turn)."""

    category: str
    products: frozenset[str]
    within: str  # "clause" or "turn"


@dataclass(frozen=True)
class Category:
    name: str
    level: str  # the risk level one flag of this category implies: medium or high
    speaker: str  # "agent" (agent_misconduct) or "customer" (anyone but the agent)
    conditional: bool  # threats count although conditional ("再打我就投诉你们")
    rules: tuple[Rule, ...]
    to_third_party: re.Pattern[str] | None  # counts only when the listener is not the borrower
    exclude: re.Pattern[str] | None = None  # a sentence matching it raises no flag of this category
    yields_to: tuple[Yield, ...] = ()  # where another category's hit takes this one's place


@dataclass(frozen=True)
class LevelRow:
    """One row of the risk-level table: it holds when a flag of one of `flags` levels was raised
    or a fact has one of the listed values."""

    flags: frozenset[str]  # category levels (medium, high)
    facts: Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class LevelTable:
    """risk.yaml `risk_level`: high if the high row holds, else medium if the medium row holds,
    else low. Flags of a `softened` category count as medium when the borrower's intent is one of
    `softened_when` (a hardship already behind a borrower who pays in full)."""

    high: LevelRow
    medium: LevelRow
    softened: frozenset[str] = frozenset()
    softened_when: frozenset[str] = frozenset()


DEFAULT_LEVELS = LevelTable(
    high=LevelRow(
        frozenset({"high"}),
        MappingProxyType(
            {
                "repayment_intent": frozenset({"unable", "refuse", "dispute"}),
                "project_status": frozenset({"suspended"}),
                "fund_usage": frozenset({"diverted"}),
            }
        ),
    ),
    medium=LevelRow(
        frozenset({"medium"}),
        MappingProxyType(
            {
                "repayment_intent": frozenset({"request_delay", "partial"}),
                "income_change": frozenset({"decreased", "lost"}),
                "project_status": frozenset({"delayed"}),
            }
        ),
    ),
)


# (category, pattern, the characters it needs or None) for each rule a block runs
RuleTable = tuple[tuple["Category", re.Pattern[str], frozenset[str] | None], ...]


@dataclass(frozen=True)
class Lexicon:
    file: str
    categories: tuple[Category, ...]
    negation_tokens: frozenset[str]
    negation_window: int
    hypothetical: re.Pattern[str]
    hypothetical_after: re.Pattern[str]
    hypothetical_window: int
    question: re.Pattern[str]
    cues: Mapping[str, re.Pattern[str]]
    userdict: Path | None
    resolved_before: re.Pattern[str] | None = None  # 以前 … (then 现在不 …): a trouble that is over
    resolved_after: re.Pattern[str] | None = None
    denied: re.Pattern[str] | None = None  # 外面有人传…，瞎传的: a rumour, no trouble
    vocabulary: Vocabulary | None = None  # words to put back in Whisper's transcripts (asr.yaml)
    dialect: Dialect | None = None  # dialect words read as Mandarin (dialect.yaml)
    levels: LevelTable = DEFAULT_LEVELS  # risk.yaml `risk_level`
    learned: Learned | None = None  # from calls/*.jsonl, as learned.yaml says (nlp/learned.py)

    def cue(self, name: str) -> re.Pattern[str]:
        return self.cues[name]

    def rules_for(self, product: str | None, role: str) -> RuleTable:
        """The category rules a call of `product` runs on a `role`'s block, each with the
        characters it needs (nlp/prefilter.py): read once per product and role, not per block."""
        table = self._rule_tables.get((product, role))
        if table is None:
            table = self._rule_tables[(product, role)] = tuple(
                (category, rule.pattern, needs(rule.pattern))
                for category in self.categories
                if category.speaker == role
                for rule in category.rules
                if rule.applies_to(product)
            )
        return table

    @cached_property
    def _rule_tables(self) -> dict[tuple[str | None, str], RuleTable]:
        return {}  # kept with the lexicon, dropped with it


def load_lexicon(path: Path | str | None = None, cache_dir: Path | None = None) -> Lexicon:
    """Load risk.yaml, facts.yaml and (optional) userdict.txt, asr.yaml, dialect.yaml and learned.yaml with the
    labelled calls in calls/ from the folder `path`. With `cache_dir`, the models learnt from the
    calls are kept there and reused while nothing they were learnt from changes."""
    folder = Path(path) if path is not None else LEXICON_DIR
    if not folder.is_dir():
        raise LexiconError(f"{folder}: not a folder with risk.yaml and facts.yaml")
    risk_doc = read_yaml(folder / "risk.yaml", LexiconError)
    facts_doc = read_yaml(folder / "facts.yaml", LexiconError)
    risk = Reader(risk_doc, LexiconError)
    top = risk.mapping(risk_doc.data, ())
    risk.check_keys(
        top,
        (),
        ("negation", "hypothetical", "question", "categories"),
        ("resolved", "risk_level", "denied"),
    )
    negation = risk.mapping(top["negation"], ("negation",))
    risk.check_keys(negation, ("negation",), ("tokens",), ("window",))
    hypo = risk.mapping(top["hypothetical"], ("hypothetical",))
    risk.check_keys(hypo, ("hypothetical",), ("before",), ("after", "window"))
    userdict = folder / "userdict.txt"
    resolved = _resolved(risk, top.get("resolved"))
    categories = _categories(risk, top["categories"])
    cues = _fact_cues(Reader(facts_doc, LexiconError))
    lexicon = Lexicon(
        file=str(folder),
        categories=categories,
        negation_tokens=frozenset(risk.string_list(negation["tokens"], ("negation", "tokens"))),
        negation_window=risk.integer(negation.get("window", 3), ("negation", "window"), 1),
        hypothetical=risk.regex_list(hypo["before"], ("hypothetical", "before")),
        hypothetical_after=risk.regex_list(hypo.get("after", []), ("hypothetical", "after")),
        hypothetical_window=risk.integer(hypo.get("window", 12), ("hypothetical", "window"), 1),
        question=risk.regex_list(top["question"], ("question",)),
        cues=cues,
        userdict=userdict if userdict.is_file() else None,
        resolved_before=resolved[0],
        resolved_after=resolved[1],
        denied=risk.regex_list(top["denied"], ("denied",)) if "denied" in top else None,
        vocabulary=_vocabulary(folder / "asr.yaml", categories, cues),
        dialect=_dialect(folder / "dialect.yaml"),
        levels=_levels(risk, top["risk_level"]) if "risk_level" in top else DEFAULT_LEVELS,
    )
    learned = folder / "learned.yaml"
    if not learned.is_file():
        return lexicon
    return replace(lexicon, learned=_learned(learned, lexicon, cache_dir))


def _learned(path: Path, lexicon: Lexicon, cache_dir: Path | None) -> Learned:
    """learned.yaml: how sure the models learnt from calls/ must be (nlp/learned.py)."""
    from nlp.learned import FIELDS, cached, read_calls, train  # they read calls with this lexicon

    doc = read_yaml(path, LexiconError)
    read = Reader(doc, LexiconError)
    top = read.mapping(doc.data, ())
    read.check_keys(top, (), (), ("risk_flags", "facts"))
    flags = _threshold(read, top["risk_flags"], ("risk_flags",)) if "risk_flags" in top else None
    facts = read.mapping(top.get("facts", {}), ("facts",))
    read.check_keys(facts, ("facts",), (), FIELDS)
    fields = {name: _threshold(read, value, ("facts", name)) for name, value in facts.items()}
    labelled = sorted((path.parent / "calls").glob("*.jsonl"))

    def build() -> Learned:
        try:
            calls = read_calls(labelled)
        except ValueError as error:
            raise LexiconError(str(error)) from error
        return train(calls, lexicon, CATEGORIES, flags, fields)

    read_by_blocks = [
        path.parent / name for name in ("risk.yaml", "facts.yaml", "asr.yaml", "dialect.yaml")
    ]
    userdict = [lexicon.userdict] if lexicon.userdict else []
    inputs = [path, *read_by_blocks, *userdict, *labelled]
    return cached(cache_dir, [p for p in inputs if p.is_file()], build)


def _threshold(read: Reader, value: Any, path: KeyPath) -> float:
    block = read.mapping(value, path)
    read.check_keys(block, path, ("threshold",), ())
    return read.fraction(block["threshold"], (*path, "threshold"))


def _levels(read: Reader, value: Any) -> LevelTable:
    path: KeyPath = ("risk_level",)
    block = read.mapping(value, path)
    read.check_keys(block, path, ("high", "medium"), ("softened",))
    softened: frozenset[str] = frozenset()
    softened_when: frozenset[str] = frozenset()
    if "softened" in block:
        soft = read.mapping(block["softened"], (*path, "softened"))
        read.check_keys(soft, (*path, "softened"), ("categories", "repayment_intent"), ())
        names = read.string_list(soft["categories"], (*path, "softened", "categories"))
        for index, name in enumerate(names):
            read.choice(name, (*path, "softened", "categories", index), CATEGORIES)
        softened = frozenset(names)
        softened_when = _values(read, soft, "repayment_intent", (*path, "softened"))
    return LevelTable(
        high=_level_row(read, block["high"], (*path, "high")),
        medium=_level_row(read, block["medium"], (*path, "medium")),
        softened=softened,
        softened_when=softened_when,
    )


def _level_row(read: Reader, value: Any, path: KeyPath) -> LevelRow:
    row = read.mapping(value, path)
    read.check_keys(row, path, (), ("flags", *LEVEL_FACTS))
    flags = read.string_list(row.get("flags", []), (*path, "flags"))
    for index, level in enumerate(flags):
        read.choice(level, (*path, "flags", index), ("medium", "high"))
    facts = {name: _values(read, row, name, path) for name in LEVEL_FACTS if name in row}
    return LevelRow(frozenset(flags), MappingProxyType(facts))


def _values(read: Reader, row: Mapping[str, Any], name: str, path: KeyPath) -> frozenset[str]:
    values = read.string_list(row[name], (*path, name))
    for index, value in enumerate(values):
        read.choice(value, (*path, name, index), LEVEL_FACTS[name])
    return frozenset(values)


def _optional(path: Path) -> tuple[Reader, Mapping[str, Any]] | None:
    """The reader and top mapping of a lexicon file the folder may leave out (None if absent)."""
    if not path.is_file():
        return None
    doc = read_yaml(path, LexiconError)
    read = Reader(doc, LexiconError)
    return read, read.mapping(doc.data, ())


def _vocabulary(
    path: Path, categories: tuple[Category, ...], cues: Mapping[str, re.Pattern[str]]
) -> Vocabulary | None:
    """asr.yaml's words, plus the lexicon's own unless it says `lexicon_words: false`."""
    opened = _optional(path)
    if opened is None:
        return None
    read, top = opened
    read.check_keys(top, (), ("words",), ("lexicon_words",))
    words = list(read.string_list(top["words"], ("words",)))
    own = top.get("lexicon_words", True)
    if not isinstance(own, bool):
        raise read.fail(("lexicon_words",), f"expected true or false, got {own!r}")
    if own:
        patterns = [rule.pattern for category in categories for rule in category.rules]
        words.extend(lexicon_words((), [*patterns, *cues.values()]))
    return build_vocabulary(words)


def _dialect(path: Path) -> Dialect | None:
    """dialect.yaml: written forms read as Mandarin of the same length, and words kept as they are."""
    opened = _optional(path)
    if opened is None:
        return None
    read, top = opened
    read.check_keys(top, (), ("words",), ("keep",))
    words = read.mapping(top["words"], ("words",))
    for form, mandarin in words.items():
        read.string(mandarin, ("words", form))
        if len(str(form)) != len(mandarin):
            raise read.fail(
                ("words", form),
                f"{form} ({len(str(form))} characters) must be read as Mandarin of as many "
                f"characters, got {mandarin} ({len(mandarin)})",
            )
    keep = read.string_list(top.get("keep", []), ("keep",))
    return build_dialect({str(form): str(value) for form, value in words.items()}, keep)


def _resolved(read: Reader, value: Any) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    if value is None:
        return None, None
    block = read.mapping(value, ("resolved",))
    read.check_keys(block, ("resolved",), ("before", "after"), ())
    return (
        read.regex_list(block["before"], ("resolved", "before")),
        read.regex_list(block["after"], ("resolved", "after")),
    )


@cache
def default_lexicon() -> Lexicon:
    """The bundled lexicon, its learnt models kept in the user's cache folder between runs
    ($XDG_CACHE_HOME or ~/.cache, then huifang/learned), so a process that analyses without a
    lexicon of its own does not train them anew each start (about a minute on 6,000 calls)."""
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return load_lexicon(cache_dir=Path(home) / "huifang" / "learned")


def _categories(read: Reader, value: Any) -> tuple[Category, ...]:
    block = read.mapping(value, ("categories",))
    categories = []
    for name, body in block.items():
        path: KeyPath = ("categories", name)
        if name not in CATEGORIES:
            raise read.fail(path, f"unknown risk category (known: {', '.join(CATEGORIES)})")
        categories.append(_category(read, name, body, path))
    return tuple(categories)


def _category(read: Reader, name: str, value: Any, path: KeyPath) -> Category:
    body = read.mapping(value, path)
    read.check_keys(
        body,
        path,
        ("level",),
        ("speaker", "conditional", "phrases", "patterns", "exclude", "to_third_party", "yields_to"),
    )
    rules: list[Rule] = []
    phrases = read.string_list(body.get("phrases", []), (*path, "phrases"))
    if phrases:
        rules.append(Rule(re.compile("|".join(re.escape(p) for p in phrases))))
    plain: list[str] = []
    for index, entry in enumerate(read.each(body.get("patterns", []), (*path, "patterns"), _raw)):
        item_path = (*path, "patterns", index)
        if isinstance(entry, str):
            read.regex(entry, item_path)
            plain.append(entry)
        else:
            rules.append(_product_rule(read, entry, item_path))
    if plain:
        rules.insert(0, Rule(re.compile("|".join(f"(?:{p})" for p in plain))))
    if not rules:
        raise read.fail(path, "a category needs 'phrases' or 'patterns'")
    third = body.get("to_third_party")
    exclude = body.get("exclude")
    conditional = body.get("conditional", False)
    if not isinstance(conditional, bool):
        raise read.fail((*path, "conditional"), f"expected true or false, got {conditional!r}")
    yields_to = tuple(
        _yield(read, name, entry, (*path, "yields_to", index))
        for index, entry in enumerate(
            read.each(body.get("yields_to", []), (*path, "yields_to"), _raw)
        )
    )
    return Category(
        name=name,
        level=read.choice(body["level"], (*path, "level"), ("medium", "high")),
        speaker=read.choice(
            body.get("speaker", "customer"), (*path, "speaker"), ("agent", "customer")
        ),
        conditional=conditional,
        rules=tuple(rules),
        to_third_party=read.regex_list(third, (*path, "to_third_party")) if third else None,
        exclude=read.regex_list(exclude, (*path, "exclude")) if exclude else None,
        yields_to=yields_to,
    )


def _yield(read: Reader, name: str, value: Any, path: KeyPath) -> Yield:
    entry = read.mapping(value, path)
    read.check_keys(entry, path, ("category", "products"), ("within",))
    other = read.choice(entry["category"], (*path, "category"), CATEGORIES)
    if other == name:
        raise read.fail((*path, "category"), "a category cannot yield to itself")
    return Yield(
        category=other,
        products=frozenset(_products(read, entry["products"], (*path, "products"))),
        within=read.choice(entry.get("within", "clause"), (*path, "within"), ("clause", "turn")),
    )


def _raw(value: Any, _path: KeyPath) -> Any:
    return value


def _product_rule(read: Reader, value: Any, path: KeyPath) -> Rule:
    entry = read.mapping(value, path)
    read.check_keys(entry, path, ("pattern",), ("products", "not_products"))
    products = None
    if "products" in entry:
        products = frozenset(_products(read, entry["products"], (*path, "products")))
    return Rule(
        pattern=read.regex(entry["pattern"], (*path, "pattern")),
        products=products,
        not_products=frozenset(
            _products(read, entry.get("not_products", []), (*path, "not_products"))
        ),
    )


def _products(read: Reader, value: Any, path: KeyPath) -> tuple[str, ...]:
    names = read.string_list(value, path)
    for index, name in enumerate(names):
        read.choice(name, (*path, index), PRODUCTS)
    return names


def _fact_cues(read: Reader) -> Mapping[str, re.Pattern[str]]:
    top = read.mapping(read.doc.data, ())
    sections = sorted({name.split(".")[0] for name in FACT_CUES})
    read.check_keys(top, (), sections, ())
    cues: dict[str, re.Pattern[str]] = {}
    for section in sections:
        block = read.mapping(top[section], (section,))
        keys = [name.split(".")[1] for name in FACT_CUES if name.startswith(section + ".")]
        read.check_keys(block, (section,), keys, ())
        for key in keys:
            cues[f"{section}.{key}"] = read.regex_list(block[key], (section, key))
    return MappingProxyType(cues)
