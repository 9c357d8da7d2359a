"""The questions a provider asks on a service's application form, and the answers to them.

A question is a small JSON object::

    {"key": "employees", "label_zh": "员工人数", "label_en": "Employees", "type": "text",
     "required": true}
    {"key": "need", "label_zh": "需求类型", "label_en": "Need", "type": "choice",
     "choices": [{"zh": "贷款", "en": "Loan"}, {"zh": "担保", "en": "Guarantee"}]}
    {"key": "start", "label_zh": "希望开始日期", "label_en": "Start date", "type": "date"}

`questions_clean` checks a list the provider wrote; `answers_clean` checks what an applicant
answered and returns the answers as they are stored on the enquiry (labels copied in both
languages, so a later change of the form never changes what was asked)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import QuestionType

MAX_QUESTIONS = 12
MAX_CHOICES = 20
MAX_ANSWER_LENGTH = 1000
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def questions_clean(value: Any) -> list[dict[str, Any]]:
    """The questions in their stored shape. Raises ValidationError (one message per problem,
    naming the question's number) for anything else."""
    if not isinstance(value, list):
        raise ValidationError(_("申请表应为问题列表（JSON 数组）。"), code="questions_not_list")
    if len(value) > MAX_QUESTIONS:
        raise ValidationError(
            _("申请表最多 %(n)s 个问题。") % {"n": MAX_QUESTIONS}, code="too_many_questions"
        )
    errors: list[str] = []
    cleaned: list[dict[str, Any]] = []
    keys: set[str] = set()
    for i, q in enumerate(value, start=1):
        if not isinstance(q, dict):
            errors.append(_("第 %(n)s 个问题应为对象。") % {"n": i})
            continue
        key = str(q.get("key") or f"q{i}")
        label_zh = str(q.get("label_zh") or "").strip()[:200]
        label_en = str(q.get("label_en") or "").strip()[:200]
        qtype = q.get("type") or QuestionType.TEXT
        if not _KEY.match(key) or key in keys:
            errors.append(_("第 %(n)s 个问题的 key 无效或重复（小写字母、数字、下划线）。") % {"n": i})
        keys.add(key)
        if not (label_zh or label_en):
            errors.append(_("第 %(n)s 个问题缺少中文或英文标题。") % {"n": i})
        if qtype not in QuestionType.values:
            errors.append(_("第 %(n)s 个问题的类型应为 text、choice 或 date。") % {"n": i})
        item: dict[str, Any] = {
            "key": key,
            "label_zh": label_zh,
            "label_en": label_en,
            "type": qtype,
            "required": bool(q.get("required", False)),
        }
        if qtype == QuestionType.CHOICE:
            choices = q.get("choices") or []
            good = (
                isinstance(choices, list)
                and 0 < len(choices) <= MAX_CHOICES
                and all(isinstance(c, dict) and (c.get("zh") or c.get("en")) for c in choices)
            )
            if not good:
                errors.append(
                    _("第 %(n)s 个问题（选项）需要 1–%(max)s 个选项，每个含 zh 或 en。")
                    % {"n": i, "max": MAX_CHOICES}
                )
            else:
                item["choices"] = [
                    {"zh": str(c.get("zh") or "")[:100], "en": str(c.get("en") or "")[:100]} for c in choices
                ]
        cleaned.append(item)
    if errors:
        raise ValidationError(errors, code="bad_question")
    return cleaned


def question_label(question: dict[str, Any], lang: str) -> str:
    return question.get(f"label_{lang}") or question.get("label_zh") or question.get("label_en") or ""


def choice_label(choice: dict[str, Any], lang: str) -> str:
    return choice.get(lang) or choice.get("zh") or choice.get("en") or ""


def answers_clean(questions: list[dict[str, Any]], raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers to `questions` from `raw` (key → value; a choice is its index or its label in
    either language), stored as [{key, label_zh, label_en, type, value}]. Raises ValidationError
    keyed by `answer_<key>` for a missing required answer, an unknown choice or a bad date."""
    errors: dict[str, list[str]] = {}
    out: list[dict[str, Any]] = []
    for q in questions:
        key = q["key"]
        value = raw.get(key)
        value = "" if value is None else str(value).strip()
        if not value:
            if q.get("required"):
                errors[f"answer_{key}"] = [_("请回答此问题。")]
            continue
        if len(value) > MAX_ANSWER_LENGTH:
            errors[f"answer_{key}"] = [_("回答过长（最多 %(n)s 字）。") % {"n": MAX_ANSWER_LENGTH}]
            continue
        if q["type"] == QuestionType.CHOICE:
            choices = q.get("choices") or []
            found = None
            if value.isdigit() and int(value) < len(choices):
                found = choices[int(value)]
            else:
                found = next((c for c in choices if value in (c.get("zh"), c.get("en"))), None)
            if found is None:
                errors[f"answer_{key}"] = [_("请选择列表中的一项。")]
                continue
            value = choice_label(found, "zh") or choice_label(found, "en")
        elif q["type"] == QuestionType.DATE:
            try:
                value = date.fromisoformat(value).isoformat()
            except ValueError:
                errors[f"answer_{key}"] = [_("请输入日期，格式为 YYYY-MM-DD。")]
                continue
        out.append(
            {
                "key": key,
                "label_zh": q.get("label_zh", ""),
                "label_en": q.get("label_en", ""),
                "type": q["type"],
                "value": value,
            }
        )
    if errors:
        raise ValidationError(errors)
    return out
