from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import AuditEntry
from alleyhub.notifications.models import Notification
from alleyhub.plans.models import PlanItem, ProgressUpdate, UpdateStatus
from alleyhub.plans.services import item_move_status, update_post, update_review


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_lead_unit_posts_and_the_task_force_accepts_which_rolls_up(world):
    pdf = SimpleUploadedFile("会议纪要.pdf", b"%PDF-1.4 minutes")
    update = update_post(item=world.a1, actor=world.staff_a, text="签署合作协议", progress=60, files=[pdf])
    assert update.status == UpdateStatus.SUBMITTED and update.unit == world.unit_a
    assert update.evidence.get().original_name == "会议纪要.pdf"
    assert PlanItem.objects.get(pk=world.a1.pk).progress == 0  # not before review
    assert Notification.objects.filter(recipient=world.lead, code="plans.update.posted").count() == 1

    update_review(update_id=update.pk, action="accept", actor=world.lead)
    a1, task = PlanItem.objects.get(pk=world.a1.pk), PlanItem.objects.get(pk=world.task.pk)
    assert a1.progress == Decimal(60) and a1.status == "on_track"
    assert task.progress == Decimal("30.0")
    assert Notification.objects.filter(recipient=world.staff_a, code="plans.update.accepted").count() == 1
    assert AuditEntry.objects.filter(code="plans.update.accepted", target_id=str(update.pk)).exists()
    kinds = list(a1.events.values_list("kind", flat=True))
    assert "update_posted" in kinds and "update_accepted" in kinds


def test_a_cooperating_unit_may_post_too(world):
    update = update_post(item=world.a1, actor=world.staff_b, text="配合完成走访", progress=20)
    assert update.unit == world.unit_b


def test_an_update_from_a_unit_that_does_not_own_the_item_is_refused(world):
    for actor in (world.staff_c, world.staff_b, world.lead, world.member):
        with pytest.raises(PermissionDenied):
            update_post(item=world.a2, actor=actor, text="越权报送", progress=50)
    assert not ProgressUpdate.objects.exists()


def test_bad_figures_and_files_save_nothing(world):
    with pytest.raises(ValidationError):
        update_post(item=world.a1, actor=world.staff_a, text="进度超限", progress=120)
    with pytest.raises(ValidationError):
        update_post(item=world.a1, actor=world.staff_a, text="  ", progress=10)
    with pytest.raises(ApplicationError):
        update_post(
            item=world.a1,
            actor=world.staff_a,
            text="伪装的文件",
            progress=10,
            files=[SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf")],
        )
    assert not ProgressUpdate.objects.exists()
    assert PlanItem.objects.get(pk=world.a1.pk).last_update_at is None


def test_sending_back_needs_a_reason_and_changes_no_figure(world):
    update = update_post(item=world.a1, actor=world.staff_a, text="初稿", progress=70)
    with pytest.raises(ApplicationError):
        update_review(update_id=update.pk, action="return", actor=world.lead, note="")
    update_review(update_id=update.pk, action="return", actor=world.lead, note="请补充佐证材料")
    assert ProgressUpdate.objects.get(pk=update.pk).status == UpdateStatus.RETURNED
    assert PlanItem.objects.get(pk=world.a1.pk).progress == 0
    assert Notification.objects.filter(recipient=world.staff_a, code="plans.update.returned").exists()
    with pytest.raises(ApplicationError) as exc:  # reviewed once only
        update_review(update_id=update.pk, action="accept", actor=world.lead)
    assert exc.value.status == 409


def test_units_do_not_review(world):
    update = update_post(item=world.a1, actor=world.staff_a, text="自审", progress=70)
    for actor in (world.staff_a, world.staff_c, world.member):
        with pytest.raises(PermissionDenied):
            update_review(update_id=update.pk, action="accept", actor=actor)


def test_accepting_an_update_on_a_parent_overrides_with_the_update_as_reason(world):
    staff = world.staff_a
    update = update_post(item=world.task, actor=staff, text="总体进展", progress=45)
    update_review(update_id=update.pk, action="accept", actor=world.lead)
    task = PlanItem.objects.get(pk=world.task.pk)
    assert task.progress == 45 and task.progress_overridden and task.override_reason


def test_status_moves_per_role(world):
    item_move_status(item_id=world.a1.pk, action="start", actor=world.staff_a)
    with pytest.raises(PermissionDenied):
        item_move_status(item_id=world.a1.pk, action="done", actor=world.staff_a)  # the task force confirms
    with pytest.raises(PermissionDenied):
        item_move_status(item_id=world.a2.pk, action="start", actor=world.staff_c)
    item_move_status(item_id=world.a1.pk, action="done", actor=world.lead)
    assert PlanItem.objects.get(pk=world.a1.pk).progress == 100
    with pytest.raises(ApplicationError):
        update_post(item=world.a1, actor=world.staff_a, text="已完成还报送", progress=100)
