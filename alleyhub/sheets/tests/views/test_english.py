"""The sheets pages render in English: no Chinese text of ours is left untranslated."""

import re

import pytest
from django.urls import reverse

from alleyhub.sheets.models import ImportJob

from ..factories import OperatorFactory, upload, xlsx_bytes

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_pages_render_in_english(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    operator = OperatorFactory()
    client.force_login(operator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    bad = [
        ["Unified social credit code", "Kind", "Name (Chinese)"],
        ["91310105MA1FW4XH7A", "Enterprise", "Acme"],
    ]
    client.post(reverse("sheets:index"), {"file": upload(xlsx_bytes({"Organisations": bad}))})
    job = ImportJob.objects.get()
    assert job.report["errors"][0]["column"] == "Unified social credit code"
    for url in (reverse("sheets:index"), reverse("sheets:job", args=[job.pk])):
        page = client.get(url).content.decode()
        main = page[page.index("<main") : page.index("</main>")]
        assert not CJK.findall(main), (url, sorted(set(CJK.findall(main))))
