"""API schema pieces every listing-like app shares: bounded ids, text without NUL, the owner and
the common fields of a `PublishableListing`."""

from datetime import date, datetime
from typing import Annotated

from django.db.models import Choices
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, WithJsonSchema

ID_MAX = 2**63 - 1


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL characters in text; refuse them here as bad input (422), not a 500.
    if "\x00" in value:
        raise ValueError(_("不能包含空字符。"))
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


def choices_json_schema(choices: type[Choices], name: str) -> WithJsonSchema:
    """The JSON schema of a Django choices enum under a name of its own, for
    `Annotated[Person.Kind, choices_json_schema(Person.Kind, "PersonKind")]`: Django's nested
    `Kind` / `Stage` classes would otherwise all be one `Kind` component in the OpenAPI schema,
    the last one written winning (`core.api_errors.ProblemOpenAPISchema` refuses such clashes)."""
    return WithJsonSchema({"title": name, "type": "string", "enum": [str(value) for value in choices.values]})


class OwnerOut(Schema):
    id: int
    slug: str
    name: str
    kind: str


class ListingOut(Schema):
    id: int
    version: int = Field(
        ..., description="Send it back as `version` or `If-Match` when you change the listing"
    )
    status: str
    language: str
    title: str
    title_zh: str
    title_en: str
    owner: OwnerOut
    published_at: datetime | None
    expires_on: date | None
    last_confirmed_at: datetime | None
    is_stale: bool = Field(..., description="neither confirmed nor saved for 180 days")
    is_expired: bool = Field(..., description="past `expires_on`: no longer in public lists")


def range_in_order(low_name: str, high_name: str, message: str):
    """A model-validator step: `low_name` may not be above `high_name` (raises ValueError with the
    translated `message`)."""

    def check(self):
        low, high = getattr(self, low_name), getattr(self, high_name)
        if low is not None and high is not None and low > high:
            raise ValueError(_(message))
        return self

    return check
