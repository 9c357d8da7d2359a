from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from alleyhub.notifications.models import Notification
from alleyhub.plans.models import Kpi
from alleyhub.plans.services import kpi_value_enter, update_post


def test_update_evidence_downloads_only_for_platform_staff(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    update = update_post(
        item=world.a1,
        actor=world.staff_a,
        text="纪要",
        progress=10,
        files=[SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 x")],
    )
    url = reverse("plans:evidence", args=[update.evidence.get().pk])
    client.force_login(world.member)
    assert client.get(url).status_code == 403
    client.force_login(world.staff_c)
    res = client.get(url)
    assert res.status_code == 200 and res["Content-Disposition"].startswith("attachment")
    assert b"".join(res.streaming_content) == b"%PDF-1.4 x"
    res.close()  # last: closing sends request_finished, which closes the database connection


def test_kpi_evidence_downloads_only_for_platform_staff(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    kpi = Kpi.objects.create(
        code="e", name_zh="指标", unit_zh="个", source="entered", responsible_unit=world.unit_a
    )
    row = kpi_value_enter(
        kpi=kpi,
        actor=world.staff_a,
        year=timezone.localdate().year - 1,
        value=1,
        evidence=SimpleUploadedFile("统计.pdf", b"%PDF-1.4 y"),
    )
    url = reverse("plans:kpi_evidence", args=[row.pk])
    client.force_login(world.member)
    assert client.get(url).status_code == 403
    client.force_login(world.staff_c)
    res = client.get(url)
    assert res.status_code == 200
    res.close()


def test_pages_read_in_english(world, client, settings):
    client.force_login(world.lead)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("plans:index")).content.decode()
    assert "Action plan" in page and "Lead unit" in page and "My unit" not in page
    page = client.get(reverse("plans:item", args=[world.a1.pk])).content.decode()
    assert "Timeline" in page and "Not started" in page


def test_notifications_render_in_the_readers_language(world):
    world.lead.preferred_language = "en"
    world.lead.save(update_fields=["preferred_language"])
    update_post(item=world.a1, actor=world.staff_a, text="进展", progress=30)
    n = Notification.objects.get(recipient=world.lead, code="plans.update.posted")
    assert n.title.startswith("New progress update") and "(30" in n.body
