"""The provider's application form: who may set it and which lists are refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alleyhub.enquiries.selectors import service_questions
from alleyhub.enquiries.services import service_form_set

pytestmark = pytest.mark.django_db


def test_provider_member_sets_the_questions(world):
    service_form_set(
        service=world.service,
        questions=[{"key": "size", "label_zh": "规模", "type": "text", "required": True}],
        actor=world.provider_colleague,
    )
    assert service_questions(service=world.service) == [
        {"key": "size", "label_zh": "规模", "label_en": "", "type": "text", "required": True}
    ]


def test_others_may_not_set_the_questions(world):
    with pytest.raises(PermissionDenied):
        service_form_set(service=world.service, questions=[], actor=world.applicant)


@pytest.mark.parametrize(
    "questions",
    [
        {"key": "x"},
        [{"label_zh": ""}],
        [{"label_zh": "A", "type": "number"}],
        [{"label_zh": "A", "type": "choice"}],
        [{"key": "Bad Key", "label_zh": "A"}],
        [{"key": "a", "label_zh": "A"}, {"key": "a", "label_zh": "B"}],
        [{"label_zh": f"Q{i}"} for i in range(13)],
        ["not an object"],
    ],
)
def test_bad_question_lists_are_refused(world, questions):
    with pytest.raises(ValidationError):
        service_form_set(service=world.service, questions=questions, actor=world.provider_staff)
    assert service_questions(service=world.service) == []
