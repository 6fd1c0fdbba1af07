"""Masking personal numbers in transcripts: (what was said, what a reviewer sees)."""

from __future__ import annotations

import pytest

from service.privacy.mask import mask_text


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("身份证号110101199003074514", "身份证号**************4514"),
        ("证件号码是11010119900307451X", "证件号码是**************451X"),
        ("幺幺零幺零幺幺九九零零三零七四五幺四", "**************四五幺四"),
        ("我手机13812345678", "我手机138****5678"),
        ("电话是幺三八幺二三四五六七八", "电话是幺三八****五六七八"),
        ("号码 138 1234 5678", "号码 138 **** 5678"),
        ("卡号6222021234567890123", "卡号***************0123"),
        ("卡号是六二二二 零二一二 三四五六 七八九零", "卡号是**** **** **** 七八九零"),
        ("4111111111111111", "************1111"),  # Luhn-valid without context words
        # not personal numbers: amounts, dates, hotlines, short tails
        ("我下个月十五号之前先还两万", "我下个月十五号之前先还两万"),
        ("贷款一共三十万零五千", "贷款一共三十万零五千"),
        ("打12378投诉", "打12378投诉"),
        ("尾号1234的卡", "尾号1234的卡"),
        ("订单号202611201234567", "订单号202611201234567"),
        ("", ""),
    ],
)
def test_mask_text(said: str, shown: str) -> None:
    assert mask_text(said) == shown
