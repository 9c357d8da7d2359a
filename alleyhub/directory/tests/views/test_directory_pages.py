import pytest
from django.urls import reverse

from alleyhub.accounts.tests.factories import MembershipFactory, OperatorFactory, UserFactory
from alleyhub.directory.hooks import ContactParties, person_contact_parties
from alleyhub.directory.models import OrganizationKind, Person
from alleyhub.directory.tests.factories import (
    AffiliationFactory,
    IndustryFactory,
    OrganizationFactory,
    PersonFactory,
)
from alleyhub.listings.models import TechOutcome

pytestmark = pytest.mark.django_db


def test_directory_lists_published_organisations_for_an_anonymous_visitor(client):
    OrganizationFactory(name_zh="新微科技集团")
    OrganizationFactory(name_zh="隐藏的草稿机构", is_published=False)
    response = client.get(reverse("directory:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "新微科技集团" in body
    assert "隐藏的草稿机构" not in body


def test_directory_filters_by_kind(client):
    OrganizationFactory(name_zh="中国科学院上海微系统与信息技术研究所", kind=OrganizationKind.INSTITUTE)
    OrganizationFactory(name_zh="华泰创新", kind=OrganizationKind.INVESTOR)
    body = client.get(reverse("directory:list"), {"kind": "institute"}).content.decode()
    assert "微系统与信息技术研究所" in body
    assert "华泰创新" not in body


def test_choosing_a_parent_industry_includes_organisations_in_its_children(client):
    ic = IndustryFactory(code="ic", name_zh="集成电路")
    power = IndustryFactory(code="ic-power", name_zh="功率半导体", parent=ic)
    ai = IndustryFactory(code="ai", name_zh="人工智能")
    OrganizationFactory(name_zh="功率器件公司", industries=[power])
    OrganizationFactory(name_zh="芯片设计公司", industries=[ic])
    OrganizationFactory(name_zh="大模型公司", industries=[ai])

    body = client.get(reverse("directory:list"), {"industry": "ic"}).content.decode()
    assert "功率器件公司" in body and "芯片设计公司" in body
    assert "大模型公司" not in body

    body = client.get(reverse("directory:list"), {"industry": "ic-power"}).content.decode()
    assert "功率器件公司" in body
    assert "芯片设计公司" not in body


def test_text_filter_matches_english_names_and_descriptions(client):
    OrganizationFactory(name_zh="甲公司", name_en="Photonics Alpha", description_zh="光子芯片")
    OrganizationFactory(name_zh="乙公司", name_en="Beta Bio", description_zh="医疗器械")
    body = client.get(reverse("directory:list"), {"q": "photonics"}).content.decode()
    assert "甲公司" in body and "乙公司" not in body
    body = client.get(reverse("directory:list"), {"q": "医疗"}).content.decode()
    assert "乙公司" in body and "甲公司" not in body


def test_directory_is_paginated_by_twenty(client):
    OrganizationFactory.create_batch(25)
    first = client.get(reverse("directory:list"))
    assert len(first.context["page"].object_list) == 20
    assert 'rel="next"' in first.content.decode()
    second = client.get(reverse("directory:list"), {"page": 2})
    assert len(second.context["page"].object_list) == 5
    # A page number that is not a number falls back to the first page instead of failing.
    assert client.get(reverse("directory:list"), {"page": "abc"}).status_code == 200


def test_invalid_filter_values_are_ignored_with_a_notice_not_an_error(client):
    OrganizationFactory(name_zh="新微科技集团")
    response = client.get(reverse("directory:list"), {"kind": "nonsense", "industry": "no-such"})
    assert response.status_code == 200
    assert "新微科技集团" in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_htmx_filter_request_gets_only_the_results_partial(client):
    OrganizationFactory(name_zh="硅巷创客厅运营公司", kind=OrganizationKind.INCUBATOR)
    response = client.get(reverse("directory:list"), {"kind": "incubator"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="results"')
    assert "<html" not in body
    assert "硅巷创客厅运营公司" in body
    assert "HX-Request" in response["Vary"]


def test_organisation_detail_hides_contact_details_from_anonymous_visitors(client):
    org = OrganizationFactory(contact_email="bd@xinwei.example.cn", contact_phone="021-55556666")
    response = client.get(reverse("directory:detail", args=[org.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert org.name_zh in body
    assert "bd@xinwei.example.cn" not in body
    assert "021-55556666" not in body
    assert reverse("accounts:login") in body


def test_organisation_detail_shows_contact_details_to_a_signed_in_member(client_as):
    org = OrganizationFactory(contact_email="bd@xinwei.example.cn")
    client = client_as(UserFactory())
    body = client.get(reverse("directory:detail", args=[org.slug])).content.decode()
    assert "bd@xinwei.example.cn" in body


def test_organisation_detail_lists_people_and_published_listings_only(client):
    org = OrganizationFactory()
    aff = AffiliationFactory(organization=org, person=PersonFactory(name_zh="张教授"), position="首席科学家")
    outcome = TechOutcome.objects.create(
        owner=org, title_zh="氮化镓功率器件外延技术", trl=6, status="published"
    )
    TechOutcome.objects.create(owner=org, title_zh="未发布的草稿成果", trl=3, status="draft")
    body = client.get(reverse("directory:detail", args=[org.slug])).content.decode()
    assert "张教授" in body and "首席科学家" in body
    assert reverse("directory:person_detail", args=[aff.person.pk]) in body
    assert "氮化镓功率器件外延技术" in body
    assert f'href="{reverse("listings:outcome_detail", args=[outcome.pk])}"' in body
    assert "未发布的草稿成果" not in body


def test_unpublished_organisation_is_404_for_outsiders_and_visible_to_members_and_operators(
    client, client_as
):
    org = OrganizationFactory(is_published=False)
    url = reverse("directory:detail", args=[org.slug])
    assert client.get(url).status_code == 404
    assert client_as(UserFactory()).get(url).status_code == 404
    member = MembershipFactory(organization=org).user
    assert client_as(member).get(url).status_code == 200
    assert client_as(OperatorFactory()).get(url).status_code == 200


def test_unknown_organisation_gives_the_styled_404(client):
    response = client.get(reverse("directory:detail", args=["no-such-org"]))
    assert response.status_code == 404
    assert "返回首页" in response.content.decode()


def test_person_detail_shows_affiliations_and_hides_email_from_anonymous_visitors(client, client_as):
    aff = AffiliationFactory(person=PersonFactory(email="li@simit.example.cn", contact_consent=True))
    url = reverse("directory:person_detail", args=[aff.person.pk])
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert aff.organization.name_zh in body
    assert "li@simit.example.cn" not in body
    assert "li@simit.example.cn" not in client_as(UserFactory()).get(url).content.decode()
    viewer = UserFactory()
    party = ContactParties(person_ids=frozenset({aff.person.pk}))
    with person_contact_parties.replaced(lambda user: party if user.pk == viewer.pk else ContactParties()):
        assert "li@simit.example.cn" in client_as(viewer).get(url).content.decode()


def test_person_email_stays_hidden_without_consent(client_as):
    person = PersonFactory(email="private@example.cn", contact_consent=False)
    body = client_as(UserFactory()).get(reverse("directory:person_detail", args=[person.pk])).content.decode()
    assert "private@example.cn" not in body


def test_unpublished_person_is_404_for_outsiders_and_visible_to_their_organisation(client, client_as):
    aff = AffiliationFactory(person=PersonFactory(is_published=False))
    url = reverse("directory:person_detail", args=[aff.person.pk])
    assert client.get(url).status_code == 404
    member = MembershipFactory(organization=aff.organization).user
    assert client_as(member).get(url).status_code == 200


def test_people_list_filters_by_kind_and_text_and_hides_unpublished(client):
    AffiliationFactory(person=PersonFactory(name_zh="沈经纪", kind=Person.Kind.BROKER, expertise="技术转移"))
    PersonFactory(name_zh="周研究员", kind=Person.Kind.RESEARCHER, expertise="碳化硅")
    PersonFactory(name_zh="未公开人员", is_published=False)
    body = client.get(reverse("directory:people")).content.decode()
    assert "沈经纪" in body and "周研究员" in body and "未公开人员" not in body
    body = client.get(reverse("directory:people"), {"kind": "broker"}).content.decode()
    assert "沈经纪" in body and "周研究员" not in body
    partial = client.get(
        reverse("directory:people"), {"q": "碳化硅"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert partial.lstrip().startswith('<section id="results"')
    assert "周研究员" in partial and "沈经纪" not in partial
    assert client.get(reverse("directory:people"), {"kind": "wizard", "page": "x"}).status_code == 200


def test_directory_and_detail_pages_use_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    ind = IndustryFactory(code="ic")
    orgs = OrganizationFactory.create_batch(20, industries=[ind])
    for _ in range(5):
        AffiliationFactory(organization=orgs[0], person=PersonFactory())
    with django_assert_max_num_queries(12):
        assert client.get(reverse("directory:list")).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("directory:detail", args=[orgs[0].slug])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("directory:people")).status_code == 200
