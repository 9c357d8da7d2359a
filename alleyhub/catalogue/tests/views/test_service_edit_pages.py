"""The service pages for providers: new / edit / publish / archive, buttons only for those allowed."""

import pytest
from django.urls import reverse

from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.models import ListingStatus

from ..factories import ServiceOfferingFactory

pytestmark = pytest.mark.django_db


def test_provider_member_creates_a_draft_and_publishes_it(client_as, provider_org, provider_member):
    client = client_as(provider_member)
    page = client.get(reverse("catalogue:list"))
    assert reverse("catalogue:create") in page.content.decode()
    response = client.post(
        reverse("catalogue:create"),
        {
            "owner": provider_org.pk,
            "language": "zh",
            "category": "ip",
            "title_zh": "专利快速预审",
            "stages": ["seed"],
        },
    )
    service = ServiceOffering.objects.get(title_zh="专利快速预审")
    assert response.status_code == 302 and response["Location"] == reverse(
        "catalogue:detail", args=[service.pk]
    )
    assert service.status == ListingStatus.DRAFT
    detail = client.get(reverse("catalogue:detail", args=[service.pk])).content.decode()
    assert reverse("catalogue:edit", args=[service.pk]) in detail
    client.post(reverse("catalogue:action", args=[service.pk, "publish"]), {"version": service.version})
    service.refresh_from_db()
    assert service.status == ListingStatus.PUBLISHED


def test_create_page_is_refused_to_members_of_other_kinds(client_as, member, other_member):
    # `member` belongs to an institute: no "new" button, 403 on the page.
    assert client_as(member).get(reverse("catalogue:create")).status_code == 403
    assert (
        reverse("catalogue:create") not in client_as(member).get(reverse("catalogue:list")).content.decode()
    )


def test_bad_input_is_shown_on_the_form(client_as, provider_org, provider_member):
    response = client_as(provider_member).post(
        reverse("catalogue:create"), {"owner": provider_org.pk, "language": "zh", "category": "ip"}
    )
    assert response.status_code == 200
    assert "请至少填写中文或英文名称" in response.content.decode()
    assert not ServiceOffering.objects.exists()


def test_edit_with_a_stale_version_shows_changed_meanwhile(client_as, provider_org, provider_member):
    service = ServiceOfferingFactory(owner=provider_org)
    client = client_as(provider_member)
    form = {"language": "zh", "category": "ip", "title_zh": "先保存的", "version": 1}
    assert client.post(reverse("catalogue:edit", args=[service.pk]), form).status_code == 302
    form["title_zh"] = "后保存的"
    response = client.post(reverse("catalogue:edit", args=[service.pk]), form)
    assert response.status_code == 200
    assert "先保存的" in response.content.decode()
    service.refresh_from_db()
    assert service.title_zh == "先保存的"


def test_others_get_403_on_edit_and_drafts_are_404(client, client_as, provider_org, other_member):
    published = ServiceOfferingFactory(owner=provider_org)
    draft = ServiceOfferingFactory(owner=provider_org, status=ListingStatus.DRAFT)
    assert client_as(other_member).get(reverse("catalogue:edit", args=[published.pk])).status_code == 403
    assert client_as(other_member).get(reverse("catalogue:edit", args=[draft.pk])).status_code == 404
    assert client_as(other_member).get(reverse("catalogue:detail", args=[draft.pk])).status_code == 404
    detail = client_as(other_member).get(reverse("catalogue:detail", args=[published.pk])).content.decode()
    assert reverse("catalogue:edit", args=[published.pk]) not in detail
    archive = client_as(other_member).post(reverse("catalogue:action", args=[published.pk, "archive"]))
    assert archive.status_code == 403
    published.refresh_from_db()
    assert published.status == ListingStatus.PUBLISHED


def test_pages_work_in_english(client_as, provider_org, provider_member):
    client = client_as(provider_member)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("catalogue:create")).content.decode()
    assert "Publish a service" in page
    assert "发布服务" not in page
    service = ServiceOfferingFactory(owner=provider_org)
    detail = client.get(reverse("catalogue:detail", args=[service.pk])).content.decode()
    assert "Upload attachment" in detail and "Attachments" in detail
