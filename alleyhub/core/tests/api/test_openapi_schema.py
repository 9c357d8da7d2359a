"""The OpenAPI document describes what the API really answers: real responses validate against it,
every operation documents its problem responses, and no two schemas share a component name."""

import json
from typing import Any

import pytest
from django.test import Client
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from alleyhub.accounts.models import PersonalAccessToken
from alleyhub.core.api_errors import PROBLEM_RESPONSES
from alleyhub.directory.tests.factories import PersonFactory
from alleyhub.listings.tests.factories import MembershipFactory, TechDemandFactory
from alleyhub.requests.models import RequestRating
from alleyhub.requests.tests.factories import OrganizationFactory, RoutingRuleFactory, member, submit

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def doc(client) -> dict[str, Any]:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(doc):
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def _validator(doc, schema: dict) -> Draft202012Validator:
    # OpenAPI 3.1 schemas are JSON Schema 2020-12; their refs point into the document's components.
    return Draft202012Validator({**schema, "components": doc["components"]})


def _assert_conforms(doc, path: str, method: str, response) -> None:
    """The response's body validates against what the document says this operation answers
    with this status and content type."""
    operation = doc["paths"][path][method]
    documented = operation["responses"].get(str(response.status_code))
    assert documented, f"{method.upper()} {path} answered {response.status_code}, which is not documented"
    content_type = response["Content-Type"].split(";")[0]
    schema = documented["content"][content_type]["schema"]
    _validator(doc, schema).validate(response.json())


def _parameter_schema(doc, path: str, name: str) -> dict:
    return next(p["schema"] for p in doc["paths"][path]["get"]["parameters"] if p["name"] == name)


def test_every_operation_documents_its_problem_responses(doc):
    assert doc["components"]["schemas"]["Problem"]["required"] == ["type", "title", "status"]
    count = 0
    for path, method, operation in _operations(doc):
        for status in PROBLEM_RESPONSES:
            content = operation["responses"][str(status)]["content"]
            assert content["application/problem+json"]["schema"] == {
                "$ref": "#/components/schemas/Problem"
            }, (
                method,
                path,
                status,
            )
        count += 1
    assert count > 50


def test_every_reference_resolves_and_every_json_body_is_an_object(doc):
    schemas = doc["components"]["schemas"]
    refs = {ref for ref in _refs(doc)}
    assert refs, "the document uses components"
    assert {ref.removeprefix("#/components/schemas/") for ref in refs} <= set(schemas)
    for path, method, operation in _operations(doc):
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body:
            schema = body["schema"]
            if "$ref" in schema:
                schema = schemas[schema["$ref"].removeprefix("#/components/schemas/")]
            assert schema.get("type") == "object", (method, path)


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_enum_and_schema_names_no_longer_collide(doc):
    schemas = doc["components"]["schemas"]
    assert "RequestRatingOut" in schemas and "CaseRatingOut" in schemas and "RatingOut" not in schemas
    assert "Kind" not in schemas and "Stage" not in schemas
    assert _parameter_schema(doc, "/api/people", "kind")["anyOf"][0]["title"] == "PersonKind"
    assert _parameter_schema(doc, "/api/cases", "stage")["anyOf"][0]["title"] == "CaseStage"
    assert _parameter_schema(doc, "/api/spaces/renewal-sites", "stage")["anyOf"][0]["title"] == "RenewalStage"


def test_people_filtered_by_kind_conform_to_the_schema(client, doc):
    PersonFactory(kind="expert")
    kind = _validator(doc, _parameter_schema(doc, "/api/people", "kind"))
    kind.validate("expert")
    with pytest.raises(SchemaError):
        kind.validate("note")  # a case activity's kind, which the schema used to offer here
    response = client.get("/api/people?kind=expert")
    assert response.status_code == 200 and response.json()["count"] == 1
    _assert_conforms(doc, "/api/people", "get", response)
    response = client.get("/api/people?kind=note")
    assert response.status_code == 422
    _assert_conforms(doc, "/api/people", "get", response)


def test_a_request_with_its_ratings_conforms_to_the_schema(doc):
    unit_rule = RoutingRuleFactory()
    enterprise = OrganizationFactory()
    user = member(enterprise)
    req = submit(org=enterprise, user=user, category=unit_rule.category)
    RequestRating.objects.create(
        request=req, unit=unit_rule.responsible_unit, score=4, comment="及时", rated_by=user
    )
    client = Client()
    client.force_login(user)
    response = client.get(f"/api/requests/{req.pk}")
    assert response.status_code == 200, response.content
    assert response.json()["ratings"][0]["score"] == 4
    _assert_conforms(doc, "/api/requests/{request_id}", "get", response)
    _assert_conforms(doc, "/api/requests/{request_id}", "get", client.get("/api/requests/999999"))


def test_problem_answers_conform_to_the_schema(client, doc):
    _assert_conforms(doc, "/api/me", "get", client.get("/api/me"))
    response = client.get("/api/outcomes", headers={"Authorization": "Bearer nope"})
    _assert_conforms(doc, "/api/outcomes", "get", response)


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "3", "null", '[{"name": "x"}]'])
def test_a_json_body_that_is_not_an_object_is_refused(body):
    membership = MembershipFactory()
    demand = TechDemandFactory(owner=membership.organization)
    _, plain = PersonalAccessToken.issue(user=membership.user, name="t")
    client = Client(headers={"Authorization": f"Bearer {plain}"})
    version = demand.version
    for method, path in [
        ("post", "/api/tokens"),
        ("patch", f"/api/demands/{demand.pk}"),
        ("post", f"/api/demands/{demand.pk}/confirm"),
        ("put", "/api/notifications/preferences"),
    ]:
        response = getattr(client, method)(path, body, content_type="application/json")
        assert response.status_code == 422, (method, path, response.content)
        assert response["Content-Type"] == "application/problem+json"
        assert json.loads(response.content)["status"] == 422
    demand.refresh_from_db()
    assert demand.version == version
