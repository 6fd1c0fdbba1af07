"""Lexicon loading: a bank's own lexicon folder, and malformed files named with file and line."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from nlp import LexiconError, Turn, analyze, load_lexicon
from nlp.lexicon import LEXICON_DIR


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "lexicons"
    shutil.copytree(LEXICON_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> int:
    """Replace `old` (once) and return the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def test_a_banks_own_phrase_raises_a_flag(folder: Path) -> None:
    (folder / "learned.yaml").unlink()  # the rules alone, before and after the edit
    turns = [Turn("customer", "那笔钱我拿去玩期权了")]
    before = analyze(turns, call_date=date(2026, 1, 5), lexicon=load_lexicon(folder))
    _edit(folder / "risk.yaml", "phrases: [炒股,", "phrases: [玩期权, 炒股,")
    edited = analyze(turns, call_date=date(2026, 1, 5), lexicon=load_lexicon(folder))
    assert "fund_diversion" not in {f.category for f in before.risk_flags}
    assert "fund_diversion" in {f.category for f in edited.risk_flags}


def test_bad_regex_names_file_line_and_key(folder: Path) -> None:
    line = _edit(
        folder / "risk.yaml",
        "      - '还不(?:上|起|出|清|完)了?'",
        "      - '还不(?:上|起|出|清|完'",
    )
    with pytest.raises(LexiconError) as error:
        load_lexicon(folder)
    message = str(error.value)
    assert message.startswith(
        f"{folder / 'risk.yaml'}:{line}: categories.repayment_difficulty.patterns.0"
    )
    assert "invalid regular expression" in message


def test_unknown_category_is_named(folder: Path) -> None:
    line = _edit(folder / "risk.yaml", "  income_loss:\n", "  income_los:\n")
    with pytest.raises(
        LexiconError,
        match=re.escape(f"risk.yaml:{line}: categories.income_los: unknown risk category"),
    ):
        load_lexicon(folder)


def test_bad_level_is_named(folder: Path) -> None:
    line = _edit(
        folder / "risk.yaml",
        "    level: high\n    speaker: agent",
        "    level: severe\n    speaker: agent",
    )
    with pytest.raises(
        LexiconError,
        match=re.escape(
            f":{line}: categories.agent_misconduct.level: expected one of medium, high"
        ),
    ):
        load_lexicon(folder)


YIELD = "{category: business_distress, products: [business_loan, project_finance], within: turn}"


@pytest.mark.parametrize(
    ("edit", "key", "problem"),
    [
        (YIELD.replace("business_distress", "business_distres"), "category", "expected one of"),
        (YIELD.replace("business_distress", "income_loss"), "category", "cannot yield to itself"),
        (YIELD.replace("business_loan", "business_loans"), "products.0", "expected one of"),
        (YIELD.replace("within: turn", "within: call"), "within", "expected one of clause, turn"),
    ],
)
def test_bad_yields_to_is_named(folder: Path, edit: str, key: str, problem: str) -> None:
    line = _edit(folder / "risk.yaml", YIELD, edit)
    with pytest.raises(LexiconError) as error:
        load_lexicon(folder)
    message = str(error.value)
    expected = f"{folder / 'risk.yaml'}:{line}: categories.income_loss.yields_to.0.{key}"
    assert message.startswith(expected)
    assert problem in message


def test_missing_fact_cue_is_named(folder: Path) -> None:
    _edit(folder / "facts.yaml", "  hang_up: [", "  hangup: [")
    with pytest.raises(
        LexiconError, match=r"facts\.yaml:\d+: contact: missing required key 'hang_up'"
    ):
        load_lexicon(folder)


def test_yaml_syntax_error_names_the_line(folder: Path) -> None:
    line = _edit(folder / "facts.yaml", "  wrong_number: [", "  wrong_number: [[")
    with pytest.raises(
        LexiconError, match=re.escape("facts.yaml:") + r"\d+: invalid YAML"
    ) as error:
        load_lexicon(folder)
    reported = int(str(error.value).split("facts.yaml:")[1].split(":")[0])
    assert line <= reported <= line + 3


def test_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="not a folder"):
        load_lexicon(tmp_path / "nowhere")
