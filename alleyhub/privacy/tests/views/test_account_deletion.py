"""Deleting an account: request, confirmation (password), grace period, then the erasure by the
scheduled run — the person's name is nowhere in the database's text columns, the matching index or
the search results any more, while requests and cases keep their history with "已注销用户"; a
superuser's admin deletion does the same and is not blocked by protected references."""

import io
import os
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from alleyhub.accounts.models import Role, User
from alleyhub.accounts.tests.factories import PASSWORD, UserFactory
from alleyhub.brokerage.models import Case, CaseActivity
from alleyhub.brokerage.tests.factories import CaseFactory
from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import AuditEntry
from alleyhub.directory.models import Person
from alleyhub.matching.models import IndexedDocument, Match
from alleyhub.matching.tests.factories import PersonFactory, TechDemandFactory, TechOutcomeFactory
from alleyhub.notifications.models import Notification
from alleyhub.notifications.tests.factories import NotificationFactory
from alleyhub.privacy import services
from alleyhub.privacy.erasure import DELETED_NAME, deleted_user, name_mentions
from alleyhub.privacy.models import DataExport, DeletionRequest, DeletionStatus
from alleyhub.requests.models import EnterpriseRequest
from alleyhub.requests.tests.factories import OrganizationFactory, member, submit

pytestmark = pytest.mark.django_db

NAME = "王小明"
EMAIL = "wang.xiaoming@example.cn"


@pytest.fixture
def wang(commit):
    """王小明: an enterprise member who submitted a request, a broker on a case, an expert in the
    matching index, named in a colleague's notification and in another broker's case note."""
    with commit():
        ent = OrganizationFactory(name_zh="新微传感", slug="xinwei")
        user = member(ent, username="wxm")
        user.display_name, user.email, user.phone, user.role = NAME, EMAIL, "13800001111", Role.BROKER
        user.set_password(PASSWORD)
        user.save()
        colleague = member(ent, username="colleague")
        request = submit(
            org=ent, user=user, title="融资对接", description=f"联系人：{NAME}，电话 13800001111"
        )
        expert = PersonFactory(
            user=user,
            name_zh=NAME,
            name_en="Wang Xiaoming",
            expertise="MEMS 麦克风",
            bio_zh="研究声学传感器。",
        )
        TechDemandFactory(title_zh="低噪声麦克风需求", description_zh="需要MEMS麦克风专家指导。")
        TechOutcomeFactory(title_zh="MEMS麦克风芯片", summary_zh=f"由{NAME}团队研发的MEMS麦克风。")
        case = CaseFactory(broker=user)
        CaseActivity.objects.create(
            case=case,
            kind="note",
            author=UserFactory(role=Role.BROKER),
            text=f"已与{NAME}电话沟通",
            occurred_at=timezone.now(),
        )
        NotificationFactory(
            recipient=colleague,
            title=f"{NAME} 提交了诉求",
            body=f"{NAME}（{EMAIL}）提交了诉求。",
            email_state="pending",
        )
        NotificationFactory(recipient=user, title="您的诉求已受理", email_state="pending")
        audit_record(actor=user, target=request, code="requests.request.commented", data={"by": NAME})
    return {"user": user, "request": request, "case": case, "expert": expert, "colleague": colleague}


def _confirm(client, user, password=PASSWORD):
    client.force_login(user)
    assert 'data-testid="deletion-link"' in client.get("/accounts/me/").content.decode()
    assert client.get("/privacy/delete-account/").status_code == 200
    return client.post("/privacy/delete-account/", {"password": password, "confirm": "1"})


def _assert_erased(client, world):
    assert not User.objects.filter(username="wxm").exists()
    assert name_mentions([NAME, EMAIL, "Wang Xiaoming", "13800001111"]) == []
    # Matching index: no document names them; the person's document and matches are gone.
    [tombstone] = IndexedDocument.objects.filter(kind="expert", object_id=world["expert"].pk)
    assert not tombstone.is_active and tombstone.vector is None and tombstone.text == ""
    assert not IndexedDocument.objects.filter(is_active=True, vector__isnull=False, text_hash="").exists()
    assert not Match.objects.filter(target_kind="expert", target_id=world["expert"].pk).exists()
    # Search results (the engine and the lists' text filter).
    for q in (NAME, "Wang Xiaoming"):
        search = client.get("/search/", {"q": q})
        assert search.status_code == 200
        assert not [r for r in search.context["results"] if r.doc_id == f"expert:{world['expert'].pk}"]
        assert q not in " ".join(f"{r.title} {r.explanation}" for r in search.context["results"])
    people = client.get("/api/people", {"q": NAME})
    assert people.status_code == 200 and people.json()["count"] == 0
    # History stays, with 已注销用户 in place of the name.
    request = EnterpriseRequest.objects.get(pk=world["request"].pk)
    assert str(request.submitter) == DELETED_NAME and DELETED_NAME in request.description
    assert str(Case.objects.get(pk=world["case"].pk).broker) == DELETED_NAME
    assert Person.objects.get(pk=world["expert"].pk).name_zh == DELETED_NAME
    note = Notification.objects.get(recipient=world["colleague"])
    assert note.title == f"{DELETED_NAME} 提交了诉求" and note.email_state == "pending"
    assert not Notification.objects.filter(title="您的诉求已受理").exists()  # their own queued e-mail


def test_a_confirmed_request_is_carried_out_after_the_grace_period(client, commit, wang):
    assert name_mentions([NAME])  # the scan does find the name before
    before = client.get("/search/", {"q": NAME}).context["results"]
    assert f"expert:{wang['expert'].pk}" in [r.doc_id for r in before]  # found before the deletion
    response = _confirm(client, wang["user"])
    assert response.status_code == 302
    request = DeletionRequest.objects.get(user=wang["user"])
    assert request.status == DeletionStatus.SCHEDULED
    assert timedelta(days=6, hours=23) < request.due_at - timezone.now() <= timedelta(days=7)
    assert 'data-testid="deletion-cancel"' in client.get("/accounts/me/").content.decode()

    assert services.deletions_run_due() == 0  # still in the grace period
    assert User.objects.filter(pk=wang["user"].pk).exists()

    DeletionRequest.objects.filter(pk=request.pk).update(due_at=timezone.now() - timedelta(seconds=1))
    with commit():
        call_command("run_due_deletions", stdout=io.StringIO())
    request.refresh_from_db()
    assert (
        request.status == DeletionStatus.DONE and request.user is None and request.user_ref == wang["user"].pk
    )
    client.logout()
    _assert_erased(client, wang)
    erased = AuditEntry.objects.get(code="privacy.user.erased")
    assert erased.actor is None and erased.data == {"user_id": wang["user"].pk}
    assert services.deletions_run_due() == 0


def test_a_wrong_password_schedules_nothing(client, wang):
    response = _confirm(client, wang["user"], password="wrong")
    assert response.status_code == 422 and "密码不正确" in response.content.decode()
    assert not DeletionRequest.objects.exists()


def test_the_user_can_cancel_during_the_grace_period(client, commit, wang):
    _confirm(client, wang["user"])
    assert client.post("/privacy/delete-account/cancel/").status_code == 302
    assert DeletionRequest.objects.get().status == DeletionStatus.CANCELLED
    assert services.deletions_run_due(now=timezone.now() + timedelta(days=30)) == 0
    assert User.objects.filter(pk=wang["user"].pk).exists()
    codes = set(
        AuditEntry.objects.filter(target_type="privacy.deletionrequest").values_list("code", flat=True)
    )
    assert codes == {"privacy.deletion.scheduled", "privacy.deletion.cancelled"}


def test_admin_deletion_is_not_blocked_by_protected_references(client, commit, wang):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = f"/admin/accounts/user/{wang['user'].pk}/delete/"
    page = client.get(url)
    assert page.status_code == 200 and "无法删除" not in page.content.decode()
    with commit():
        response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    _assert_erased(client, wang)
    assert AuditEntry.objects.get(code="privacy.user.erased").actor == admin


def test_the_deleted_user_account_itself_cannot_be_erased():
    with pytest.raises(ApplicationError):
        services.user_erase(user=deleted_user(), actor=None)


def test_an_export_file_left_on_disk_goes_with_the_account(client, commit, wang):
    client.force_login(wang["user"])
    with commit():
        client.post("/privacy/export/")
    path = DataExport.objects.get().file.path
    assert os.path.exists(path)
    with commit():
        services.user_erase(user=wang["user"], actor=None)
    assert not os.path.exists(path) and not DataExport.objects.exists()
