"""The call script: what an agent must say on a product's follow-up call, and when to call again."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from call_scripts.yamlnodes import KeyPath, Located, Reader, YamlSchemaError

PRODUCTS: tuple[str, ...] = (
    "housing_loan",
    "credit_card_installment",
    "business_loan",
    "project_finance",
    "consumer_loan",
)


class ScriptError(YamlSchemaError):
    """A call script file that cannot be used (message: file:line: key path: problem)."""


@dataclass(frozen=True)
class ScriptItem:
    """A required agent item, said when any of its phrases or patterns occurs in an agent turn."""

    id: str
    description: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Cadence:
    """Days or months from the call (or from disbursement) to the next follow-up, by risk level."""

    high_days: int
    medium_days: int
    low_months: tuple[int, ...]
    no_answer_days: int


@dataclass(frozen=True)
class Script:
    product: str
    title: str
    items: tuple[ScriptItem, ...]
    prohibited: re.Pattern[str] | None
    cadence: Cadence


_TOP_REQUIRED = ("product", "required", "followup")
_TOP_OPTIONAL = ("title", "prohibited")


def parse_script(doc: Located) -> Script:
    read = Reader(doc, ScriptError)
    top = read.mapping(doc.data, ())
    read.check_keys(top, (), _TOP_REQUIRED, _TOP_OPTIONAL)
    product = read.string(top["product"], ("product",))
    items = read.each(top["required"], ("required",), lambda v, p: _item(read, v, p))
    ids = [item.id for item in items]
    for index, item_id in enumerate(ids):
        if item_id in ids[:index]:
            raise read.fail(("required", index, "id"), f"duplicate item id '{item_id}'")
    prohibited = None
    if top.get("prohibited") is not None:
        prohibited = _phrases_and_patterns(read, top["prohibited"], ("prohibited",))
    return Script(
        product=product,
        title=read.string(top.get("title", product), ("title",)),
        items=items,
        prohibited=prohibited,
        cadence=_cadence(read, top["followup"], ("followup",)),
    )


def _item(read: Reader, value: Any, path: KeyPath) -> ScriptItem:
    item = read.mapping(value, path)
    read.check_keys(item, path, ("id",), ("description", "phrases", "patterns"))
    if "phrases" not in item and "patterns" not in item:
        raise read.fail(path, "an item needs 'phrases' or 'patterns'")
    return ScriptItem(
        id=read.string(item["id"], (*path, "id")),
        description=str(item.get("description", "")),
        pattern=_phrases_and_patterns(read, item, path),
    )


def _phrases_and_patterns(read: Reader, value: Any, path: KeyPath) -> re.Pattern[str]:
    block: Mapping[str, Any] = read.mapping(value, path)
    read.check_keys(block, path, (), ("phrases", "patterns", "id", "description"))
    sources = [re.escape(p) for p in read.string_list(block.get("phrases", []), (*path, "phrases"))]
    patterns = block.get("patterns", [])
    for index, source in enumerate(read.string_list(patterns, (*path, "patterns"))):
        read.regex(source, (*path, "patterns", index))
        sources.append(source)
    if not sources:
        raise read.fail(path, "needs at least one phrase or pattern")
    return re.compile("|".join(f"(?:{source})" for source in sources))


def _cadence(read: Reader, value: Any, path: KeyPath) -> Cadence:
    block = read.mapping(value, path)
    read.check_keys(block, path, ("high_days", "medium_days", "low_months"), ("no_answer_days",))
    months = block["low_months"]
    if not isinstance(months, list) or not months:
        raise read.fail(
            (*path, "low_months"), "expected a non-empty list of months, e.g. [3, 6, 12]"
        )
    low = tuple(read.integer(m, (*path, "low_months", i), 1) for i, m in enumerate(months))
    if list(low) != sorted(set(low)):
        raise read.fail((*path, "low_months"), "months must be increasing, e.g. [3, 6, 12]")
    return Cadence(
        high_days=read.integer(block["high_days"], (*path, "high_days"), 1),
        medium_days=read.integer(block["medium_days"], (*path, "medium_days"), 1),
        low_months=low,
        no_answer_days=read.integer(block.get("no_answer_days", 1), (*path, "no_answer_days"), 1),
    )
