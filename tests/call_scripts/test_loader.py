"""Call script loading: the bundled scripts, and malformed files named with file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from call_scripts import PRODUCTS, ScriptError, load_scripts

GOOD = """\
product: consumer_loan
required:
  - id: recording_notice
    phrases: [本次通话将被录音]
prohibited:
  phrases: [坐牢]
followup:
  high_days: 7
  medium_days: 30
  low_months: [3, 6, 12]
"""


def _write(folder: Path, text: str, name: str = "consumer_loan.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_scripts_cover_every_product_with_the_common_items() -> None:
    scripts = load_scripts()
    assert set(scripts) == set(PRODUCTS)
    for script in scripts.values():
        ids = [item.id for item in script.items]
        for required in ("greeting", "recording_notice", "identity_check", "closing"):
            assert required in ids
        assert script.prohibited is not None
        assert script.prohibited.search("等着坐牢吧")


def test_a_good_script_loads(tmp_path: Path) -> None:
    _write(tmp_path, GOOD)
    script = load_scripts(tmp_path)["consumer_loan"]
    assert script.cadence.low_months == (3, 6, 12)
    assert script.items[0].pattern.search("本次通话将被录音")


BAD = [
    # (replace this, with this, expected line, words in the message)
    ("  high_days: 7\n", "  high_days: seven\n", 8, "high_days"),
    (
        "    phrases: [本次通话将被录音]\n",
        "    patterns: ['(unclosed']\n",
        4,
        "invalid regular expression",
    ),
    ("  - id: recording_notice\n", "  - idd: recording_notice\n", 3, "missing required key 'id'"),
    ("  low_months: [3, 6, 12]\n", "  low_months: [12, 6]\n", 10, "increasing"),
    ("prohibited:\n", "prohibited:\n  colour: red\n", 6, "unknown key"),
    ("product: consumer_loan\n", "product: housing_loan\n", 1, "does not match the file name"),
]


@pytest.mark.parametrize(("old", "new", "line", "words"), BAD)
def test_schema_error_names_file_line_and_problem(
    tmp_path: Path, old: str, new: str, line: int, words: str
) -> None:
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(ScriptError) as error:
        load_scripts(tmp_path)
    message = str(error.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert words in message


def test_missing_key_is_reported_with_the_enclosing_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("  medium_days: 30\n", ""))
    with pytest.raises(
        ScriptError, match=re.escape(f"{path}:7: followup: missing required key 'medium_days'")
    ):
        load_scripts(tmp_path)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("  low_months: [3, 6, 12]\n", "  low_months: [3, 6\n"))
    with pytest.raises(ScriptError, match=re.escape(f"{path}:") + r"1[01]: invalid YAML"):
        load_scripts(tmp_path)


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD + "followup:\n  high_days: 1\n")
    with pytest.raises(ScriptError, match=re.escape(f"{path}:11: followup: duplicate key")):
        load_scripts(tmp_path)


def test_script_error_is_a_value_error() -> None:
    assert issubclass(ScriptError, ValueError)
