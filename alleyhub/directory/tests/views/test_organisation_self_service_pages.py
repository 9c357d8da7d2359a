"""The pages of organisations running themselves: join, register, the operators' review queue,
the profile form (with "changed meanwhile"), members and the invitation link."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alleyhub.accounts.models import Membership
from alleyhub.accounts.tests.factories import MembershipFactory, OperatorFactory, UserFactory
from alleyhub.directory import services
from alleyhub.directory.models import JoinRequest, Organization, OrganizationStatus
from alleyhub.directory.tests.factories import IndustryFactory, OrganizationFactory, make_credit_code

pytestmark = pytest.mark.django_db

ADMIN = Membership.MemberRole.ADMIN


def test_join_page_needs_sign_in_and_finds_organisations_by_name_or_credit_code(client, client_as):
    assert client.get(reverse("directory:join")).status_code == 302
    org = OrganizationFactory(name_zh="上海微系统与信息技术研究所", short_name="微系统所")
    OrganizationFactory(name_zh="待审核的微系统公司", status=OrganizationStatus.PENDING)
    client = client_as(UserFactory())
    page = client.get(reverse("directory:join"), {"q": "微系统"}).content.decode()
    assert "上海微系统与信息技术研究所" in page
    assert "待审核的微系统公司" not in page
    page = client.get(reverse("directory:join"), {"q": org.credit_code.lower()}).content.decode()
    assert "上海微系统与信息技术研究所" in page


def test_asking_to_join_twice_shows_a_clear_message(client_as):
    org = OrganizationFactory()
    user = UserFactory()
    client = client_as(user)
    url = reverse("directory:join_request", kwargs={"slug": org.slug})
    first = client.post(url, {"message": "我是研发部的"}, follow=True)
    assert "已向" in first.content.decode()
    assert JoinRequest.objects.filter(user=user, organization=org).count() == 1
    second = client.post(url, {"message": ""}, follow=True).content.decode()
    assert "正在等待审批" in second
    assert JoinRequest.objects.filter(user=user, organization=org).count() == 1


def test_registering_shows_field_errors_and_the_organisation_to_join(client_as):
    existing = OrganizationFactory(name_zh="华阳路街道科创中心")
    client = client_as(UserFactory())
    url = reverse("directory:register")
    bad = client.post(url, {"kind": "enterprise", "name_zh": "甲", "credit_code": "913101050000000000"})
    assert bad.status_code == 200
    assert "统一社会信用代码" in bad.content.decode()
    dup = client.post(
        url, {"kind": "enterprise", "name_zh": "乙", "credit_code": existing.credit_code}
    ).content.decode()
    assert "华阳路街道科创中心" in dup and 'data-testid="already-registered"' in dup
    industry = IndustryFactory()
    ok = client.post(
        url,
        {
            "kind": "enterprise",
            "name_zh": "愚园路量子科技有限公司",
            "credit_code": make_credit_code(777),
            "industries": [industry.pk],
        },
    )
    org = Organization.objects.get(credit_code=make_credit_code(777))
    assert ok.status_code == 302 and ok["Location"] == reverse("directory:detail", kwargs={"slug": org.slug})
    assert org.status == OrganizationStatus.PENDING and list(org.industries.all()) == [industry]


def test_the_review_queue_is_for_operators_who_approve_and_reject_with_a_reason(client_as):
    org = OrganizationFactory(status=OrganizationStatus.PENDING, name_zh="新注册的机构")
    assert client_as(UserFactory()).get(reverse("directory:review")).status_code == 403
    client = client_as(OperatorFactory())
    assert "新注册的机构" in client.get(reverse("directory:review")).content.decode()
    reject = reverse("directory:review_action", kwargs={"slug": org.slug, "action": "reject"})
    client.post(reject, {"note": ""})
    assert Organization.objects.get(pk=org.pk).status == OrganizationStatus.PENDING
    client.post(reject, {"note": "营业执照与名称不符"})
    org.refresh_from_db()
    assert org.status == OrganizationStatus.REJECTED and org.review_note == "营业执照与名称不符"


def test_the_profile_form_saves_and_reports_a_change_made_meanwhile(client_as):
    admin = MembershipFactory(role=ADMIN)
    org = admin.organization
    IndustryFactory(parent=IndustryFactory(code="ic"), code="ic-power")
    url = reverse("directory:edit", kwargs={"slug": org.slug})
    client = client_as(admin.user)
    form = client.get(url).content.decode()
    assert 'type="checkbox"' in form  # industries as checkboxes, not a Ctrl-click list
    data = {
        "language": "zh",
        "name_zh": org.name_zh,
        "name_en": org.name_en,
        "version": 1,
        "description_zh": "新的简介",
    }
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "description_zh": "另一份简介"})
    assert stale.status_code == 200
    assert "已被他人修改" in stale.content.decode()
    org.refresh_from_db()
    assert org.description_zh == "新的简介"


def test_only_admins_and_operators_open_the_profile_and_members_pages(client_as):
    admin = MembershipFactory(role=ADMIN)
    org = admin.organization
    member = MembershipFactory(organization=org).user
    for name in ("directory:edit", "directory:members"):
        url = reverse(name, kwargs={"slug": org.slug})
        assert client_as(member).get(url).status_code == 403
        assert client_as(admin.user).get(url).status_code == 200
        assert client_as(OperatorFactory()).get(url).status_code == 200


def test_members_page_refuses_removing_the_last_admin_with_a_message(client_as):
    admin = MembershipFactory(role=ADMIN)
    org = admin.organization
    client = client_as(admin.user)
    url = reverse("directory:member_remove", kwargs={"slug": org.slug, "pk": admin.pk})
    page = client.post(url, follow=True).content.decode()
    assert "至少需要一名管理员" in page
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_the_members_page_invites_and_approves(client_as, mailoutbox, django_capture_on_commit_callbacks):
    admin = MembershipFactory(role=ADMIN)
    org = admin.organization
    requester = UserFactory()
    join = services.join_request_create(organization=org, actor=requester)
    client = client_as(admin.user)
    url = reverse("directory:members", kwargs={"slug": org.slug})
    assert requester.email in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"email": "colleague@example.cn", "role": "member"}).status_code == 302
    assert mailoutbox[0].to == ["colleague@example.cn"]
    assert "http://testserver/directory/invitations/" in mailoutbox[0].body
    client.post(
        reverse("directory:join_request_action", kwargs={"pk": join.pk, "action": "approve"}), {"next": url}
    )
    assert Membership.objects.filter(user=requester, organization=org).exists()


def test_the_invitation_link_sends_strangers_to_sign_up_and_members_in(client, client_as):
    admin = MembershipFactory(role=ADMIN)
    invitation = services.invitation_create(
        organization=admin.organization, email="new@example.cn", actor=admin.user
    )
    url = reverse("directory:invitation", kwargs={"token": services.invitation_token(invitation)})
    page = client.get(url).content.decode()
    assert "/accounts/signup/?next=" in page
    forged = client.get(reverse("directory:invitation", kwargs={"token": "forged"}))
    assert forged.status_code == 400 and "邀请链接无效" in forged.content.decode()
    invitee = UserFactory(email="new@example.cn")
    response = client_as(invitee).post(url)
    assert response.status_code == 302
    assert Membership.objects.filter(user=invitee, organization=admin.organization).exists()


def test_the_account_page_links_to_joining_managing_and_the_review_queue(client_as):
    admin = MembershipFactory(role=ADMIN)
    services.join_request_create(organization=admin.organization, actor=UserFactory())
    page = client_as(admin.user).get(reverse("accounts:me")).content.decode()
    assert reverse("directory:join") in page
    assert reverse("directory:members", kwargs={"slug": admin.organization.slug}) in page
    assert "1 个加入申请" in page
    assert reverse("directory:review") not in page
    assert (
        reverse("directory:review")
        in client_as(OperatorFactory()).get(reverse("accounts:me")).content.decode()
    )


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_logo_is_uploaded_checked_and_served_with_protective_headers(client_as, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    admin = MembershipFactory(role=ADMIN)
    org = admin.organization
    url = reverse("directory:edit", kwargs={"slug": org.slug})
    data = {"language": "zh", "name_zh": org.name_zh, "version": 1}
    editor = client_as(admin.user)
    renamed = editor.post(url, {**data, "logo": SimpleUploadedFile("logo.png", b"MZ\x90\x00not a png")})
    assert renamed.status_code == 200  # an executable renamed .png is refused on the field
    assert not Organization.objects.get(pk=org.pk).logo
    assert editor.post(url, {**data, "logo": SimpleUploadedFile("标志.png", PNG)}).status_code == 302
    org.refresh_from_db()
    assert org.logo.name.startswith("logos/") and "标志" not in org.logo.name
    response = client.get(reverse("directory:logo", kwargs={"slug": org.slug}))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG
