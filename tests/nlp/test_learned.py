"""What the analyzer learns from labelled calls (nlp/learned.py, learned.yaml), beside the rules.

The sentences below are our own, in none of the labelled calls the models learn from.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from nlp import LexiconError, evaluate, load_lexicon
from nlp.learned import read_calls, tfidf, train
from nlp.lexicon import CATEGORIES, LEXICON_DIR, default_lexicon

from .helpers import call, categories

A, C = "agent", "customer"
CALLS = LEXICON_DIR / "calls"

# (agent question, borrower reply, product, category the clause model must hear)
HEARD = [
    ("最近怎么样？", "我爸查出来肺上有个东西，这两个月一直跑医院", "consumer_loan", "hardship"),
    (
        "这期能按时还吗？",
        "下个月我就去澳大利亚打工了，这个号可能也用不了",
        "consumer_loan",
        "contact_loss",
    ),
    ("车子还在吗？", "那辆车我已经转手给别人了", "business_loan", "collateral_risk"),
]


@pytest.mark.parametrize(("question", "reply", "product", "category"), HEARD)
def test_clause_model_hears_wording_the_rules_lack(
    question: str, reply: str, product: str, category: str
) -> None:
    assert category in categories(call((A, question), (C, reply), product=product))


# (speaker, sentence, product, category it must not raise): the same scope rules as a rule hit
QUIET = [
    (C, "房子没卖，自己住着", "housing_loan", "collateral_risk"),
    (C, "我爸身体挺好的，没住过院", "consumer_loan", "hardship"),
    (C, "我们公司裁了一批人，我没事", "consumer_loan", "income_loss"),
    (C, "要是下个月再没订单，厂子可能就得停了", "business_loan", "business_distress"),
    (A, "您的贷款已经逾期三个月了，想了解一下情况。", "consumer_loan", "agent_misconduct"),
    (C, "你们再这样催，我就说你们威胁我", "consumer_loan", "agent_misconduct"),
]


@pytest.mark.parametrize(("speaker", "text", "product", "category"), QUIET)
def test_clause_model_keeps_the_scope_rules(
    speaker: str, text: str, product: str, category: str
) -> None:
    assert category not in categories(call((speaker, text), product=product))


def test_field_model_answers_where_the_rules_found_nothing() -> None:
    question, reply = "最近工作怎么样？", "公司效益不好，上个月开始只发七成工资"
    rules = replace(default_lexicon(), learned=None)
    assert call((A, question), (C, reply), lexicon=rules).facts.income_change == "unknown"
    facts = call((A, question), (C, reply)).facts
    assert facts.income_change == "decreased"
    assert "七成工资" in facts.evidence["income_change"].text


def test_fast_tfidf_rows_are_scikit_learns() -> None:
    """The analyzer's own TF-IDF rows (tfidf) are the fitted vectorizer's, value for value."""
    learned = default_lexicon().learned
    assert learned is not None
    assert learned.clauses is not None
    texts = [reply for _, reply, _, _ in HEARD] + ["", "好", "ABC 123，还款。"]
    vectorizers = [learned.clauses.vectorizer, *(m.vectorizer for m in learned.fields.values())]
    for vectorizer in vectorizers:
        ours = tfidf(vectorizer, texts).toarray()
        theirs = vectorizer.transform(texts).toarray()
        assert ours.shape == theirs.shape
        assert np.allclose(ours, theirs, atol=1e-12)


def test_field_model_needs_something_said_on_the_topic() -> None:
    facts = call((A, "这期月供已经扣款了吗？"), (C, "我看看。"), product="housing_loan").facts
    assert facts.repayment_intent == "unknown"


def test_learning_lifts_labelled_sets_it_never_saw() -> None:
    """Trained on every other labelled set (half of them, to train in a third of the time), none
    of the three held out (written by three other people), the analyzer hears more of their risks
    than the rules alone, and reads intent and project status better."""
    held_out = [CALLS / f"{name}.jsonl" for name in ("g11", "g12", "g13")]
    rules = replace(default_lexicon(), learned=None)
    others = read_calls(sorted(p for p in CALLS.glob("*.jsonl") if p not in held_out)[::2])
    learned = train(
        others, rules, CATEGORIES, 0.95, {"repayment_intent": 0.5, "project_status": 0.4}
    )
    rows = [
        json.loads(line)
        for path in held_out
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    alone = evaluate(rows, lexicon=rules)
    both = evaluate(rows, lexicon=replace(rules, learned=learned))
    assert both.risk_micro.recall > alone.risk_micro.recall + 0.03
    assert both.risk_micro.f1 > alone.risk_micro.f1
    assert both.accuracy["repayment_intent"] > alone.accuracy["repayment_intent"]
    assert both.accuracy["project_status"] > alone.accuracy["project_status"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "lexicons"
    shutil.copytree(LEXICON_DIR, target, ignore=shutil.ignore_patterns("calls"))
    (target / "calls").mkdir()
    shutil.copy(CALLS / "dev.jsonl", target / "calls")
    return target


def test_a_banks_labelled_calls_teach_its_wording(folder: Path) -> None:
    """Calls labelled by the bank with its own borrowers' phrase (发配到仓库: sent off to the
    warehouse on reduced pay) make the model hear it in a new call."""
    template = json.loads((CALLS / "dev.jsonl").read_text(encoding="utf-8").splitlines()[0])
    lines = []
    for number, where in enumerate(["仓库", "库房", "车间后面的仓库", "外地仓库", "老仓库"]):
        reply = f"唉，上个月被老板发配到{where}去了，活倒是轻了"
        turns = [{"speaker": A, "text": "工作还顺利吗？"}, {"speaker": C, "text": reply}]
        flag = {"category": "income_loss", "phrase": f"发配到{where}", "speaker": C}
        gold = {**template["gold"], "risk_flags": [flag]}
        lines.append(json.dumps({**template, "id": f"bank{number}", "turns": turns, "gold": gold}))
    (folder / "calls" / "bank.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (folder / "learned.yaml").write_text("risk_flags: {threshold: 0.6}\n", encoding="utf-8")
    taught = load_lexicon(folder)
    new = call(
        (A, "最近怎么样？"), (C, "我被发配到码头仓库了"), product="consumer_loan", lexicon=taught
    )
    assert "income_loss" in categories(new)


def test_trained_models_are_kept_and_trained_anew_when_the_calls_change(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = load_lexicon(folder, cache_dir=cache)
    assert len(list(cache.glob("learned-*.pickle"))) == 1

    def no_training(*_args: object) -> None:
        raise AssertionError("trained again although nothing changed")

    monkeypatch.setattr("nlp.learned.train", no_training)
    again = load_lexicon(folder, cache_dir=cache)
    reply = (C, "我爸查出来肺上有个东西，这两个月一直跑医院")
    assert call(reply, lexicon=again).to_dict() == call(reply, lexicon=first).to_dict()
    monkeypatch.undo()
    calls = folder / "calls" / "dev.jsonl"
    calls.write_text(
        "\n".join(calls.read_text(encoding="utf-8").splitlines()[:30]), encoding="utf-8"
    )
    assert load_lexicon(folder, cache_dir=cache).learned.calls == 30  # type: ignore[union-attr]
    assert len(list(cache.glob("learned-*.pickle"))) == 2


def test_the_cache_keeps_the_three_most_recently_used_models(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    calls = folder / "calls" / "dev.jsonl"
    lines = calls.read_text(encoding="utf-8").splitlines()
    first = None
    for keep in (40, 35, 30, 25):
        calls.write_text("\n".join(lines[:keep]), encoding="utf-8")
        load_lexicon(folder, cache_dir=cache)
        first = first or sorted(cache.glob("learned-*.pickle"))
    assert len(list(cache.glob("learned-*.pickle"))) == 3
    assert not set(first or []) & set(cache.glob("learned-*.pickle"))  # the oldest went


def test_without_learned_yaml_the_rules_work_alone(folder: Path) -> None:
    (folder / "learned.yaml").unlink()
    assert load_lexicon(folder).learned is None


def test_a_bad_threshold_names_file_line_and_key(folder: Path) -> None:
    text = (folder / "learned.yaml").read_text(encoding="utf-8")
    line = text[: text.index("income_change")].count("\n") + 1
    (folder / "learned.yaml").write_text(
        re.sub(r"income_change: \{threshold: [\d.]+\}", "income_change: {threshold: 5}", text),
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as error:
        load_lexicon(folder)
    assert str(error.value).startswith(
        f"{folder / 'learned.yaml'}:{line}: facts.income_change.threshold"
    )
    assert "between 0 and 1" in str(error.value)


def test_an_unknown_fact_is_named(folder: Path) -> None:
    (folder / "learned.yaml").write_text("facts:\n  mood: {threshold: 0.5}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape("learned.yaml:2: facts.mood: unknown key")):
        load_lexicon(folder)


def test_a_broken_labelled_call_names_file_and_line(folder: Path) -> None:
    bad = folder / "calls" / "ours.jsonl"
    bad.write_text('{"id": "x", "turns": []}\n{"id": ', encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(f"{bad}:1: not a labelled call")):
        load_lexicon(folder)
