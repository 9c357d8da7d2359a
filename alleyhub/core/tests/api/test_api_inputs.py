"""core.api_inputs: an action's body may be JSON, form fields or nothing."""

import pytest
from django.test import RequestFactory
from ninja import Field, Schema
from ninja.errors import ValidationError as NinjaValidationError

from alleyhub.core.api_inputs import optional_body, optional_body_openapi


class Body(Schema):
    reason: str = Field("", max_length=5)
    version: int | None = Field(None, ge=1)


def test_no_body_gives_the_defaults():
    assert optional_body(RequestFactory().post("/"), Body) == Body()
    assert optional_body(RequestFactory().post("/", "", content_type="application/json"), Body) == Body()


def test_json_and_form_bodies_are_read_alike():
    json_body = RequestFactory().post("/", {"version": 3, "reason": "dup"}, content_type="application/json")
    form_body = RequestFactory().post("/", {"version": "3", "reason": "dup"})
    assert optional_body(json_body, Body) == optional_body(form_body, Body) == Body(version=3, reason="dup")


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ('{"version": 0}', "application/json"),
        ("{not json", "application/json"),
        ({"reason": "too long"}, None),
    ],
)
def test_a_bad_body_is_a_validation_error(data, content_type):
    factory = RequestFactory()
    request = factory.post("/", data, content_type=content_type) if content_type else factory.post("/", data)
    with pytest.raises(NinjaValidationError):
        optional_body(request, Body)


def test_openapi_says_the_body_is_optional():
    extra = optional_body_openapi(Body)["requestBody"]
    assert extra["required"] is False
    assert "version" in extra["content"]["application/json"]["schema"]["properties"]
