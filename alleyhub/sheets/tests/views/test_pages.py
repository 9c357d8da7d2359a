"""The pages: upload → preview → commit, the template, exports of the list pages with their filters
and the user's visibility, the links on the list pages."""

import csv
import io

import pytest
import python_calamine
from django.urls import reverse

from alleyhub.accounts.models import Membership
from alleyhub.core.models import AuditEntry, ListingStatus
from alleyhub.directory.models import Organization
from alleyhub.privacy.hooks import personal_data_exporters
from alleyhub.sheets.models import ImportJob
from alleyhub.sheets.specs import SPECS

from ..factories import (
    MembershipFactory,
    OperatorFactory,
    OrganizationFactory,
    TechOutcomeFactory,
    UserFactory,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

ORGS = [["统一社会信用代码", "类型", "中文名称"], ["91310105MA1FW4XH7T", "科创企业", "新微传感科技"]]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_operator_uploads_sees_the_preview_and_commits(client):
    operator = OperatorFactory()
    client.force_login(operator)
    response = client.post(reverse("sheets:index"), {"file": upload(xlsx_bytes({"机构": ORGS}))})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("sheets:job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "新微传感科技" in page and 'data-testid="commit"' in page
    assert not Organization.objects.exists()
    response = client.post(reverse("sheets:commit", args=[job.pk]), {"version": job.version})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Organization.objects.filter(credit_code="91310105MA1FW4XH7T").exists()
    assert AuditEntry.objects.filter(code="sheets.import.committed").count() == 1
    # The uploaded file stays with the job, downloadable by its uploader.
    download = client.get(reverse("sheets:file", args=[job.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"PK")


def test_a_file_with_errors_shows_row_column_and_message_and_no_commit_button(client):
    client.force_login(OperatorFactory())
    bad = [ORGS[0], ["91310105MA1FW4XH7A", "火星企业", "坏公司"]]
    response = client.post(reverse("sheets:index"), {"file": upload(xlsx_bytes({"机构": bad}))}, follow=True)
    page = response.content.decode()
    assert "统一社会信用代码校验位不正确" in page and "火星企业" in page
    assert 'data-testid="commit"' not in page


def test_a_file_of_the_wrong_type_is_a_field_error(client):
    client.force_login(OperatorFactory())
    response = client.post(reverse("sheets:index"), {"file": upload(b"MZ\x90\x00", "virus.exe")})
    assert response.status_code == 200 and "不支持的文件类型" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_another_users_job_is_not_found(client):
    operator = OperatorFactory()
    client.force_login(operator)
    client.post(reverse("sheets:index"), {"file": upload(xlsx_bytes({"机构": ORGS}))})
    job = ImportJob.objects.get()
    admin = MembershipFactory(role=Membership.MemberRole.ADMIN).user
    client.force_login(admin)
    assert client.get(reverse("sheets:job", args=[job.pk])).status_code == 404
    assert client.post(reverse("sheets:commit", args=[job.pk])).status_code == 404
    assert client.get(reverse("sheets:file", args=[job.pk])).status_code == 404
    client.force_login(UserFactory())
    assert client.get(reverse("sheets:index")).status_code == 403


def test_the_template_has_a_sheet_per_kind_with_examples_and_allowed_values(client):
    client.force_login(OperatorFactory())
    response = client.get(reverse("sheets:template"))
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheet_names == [s.sheet_zh for s in SPECS.values()] + ["可选值"]
    rows = book.get_sheet_by_name("科技成果").to_python()
    assert rows[0][:3] == ["编号", "所属机构", "中文标题"] and rows[1][0] == "示例"
    allowed = book.get_sheet_by_name("可选值").to_python()
    assert ["科技成果", "合作方式", "转让、许可、合作开发、作价入股"] in allowed


def test_the_template_imports_with_its_example_rows_skipped(client):
    client.force_login(OperatorFactory())
    data = b"".join(client.get(reverse("sheets:template")).streaming_content)
    client.post(reverse("sheets:index"), {"file": upload(data, "template.xlsx")})
    job = ImportJob.objects.get()
    assert job.report["totals"]["skipped"] == len(SPECS) and job.report["totals"]["create"] == 0


def test_an_export_follows_the_list_filters_and_hides_others_drafts(client):
    mine = OrganizationFactory(name_zh="自家研究所")
    TechOutcomeFactory(owner=mine, title_zh="自家草稿", status=ListingStatus.DRAFT, trl=3)
    TechOutcomeFactory(title_zh="别家草稿", status=ListingStatus.DRAFT, trl=3)
    TechOutcomeFactory(title_zh="公开成果三", trl=3, confidential_details="机密参数")
    TechOutcomeFactory(title_zh="公开成果七", trl=7)
    member = MembershipFactory(organization=mine).user
    client.force_login(member)
    response = client.get(reverse("sheets:export", kwargs={"kind": "outcomes", "fmt": "csv"}), {"trl": 3})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    titles = {row["中文标题"] for row in csv.DictReader(io.StringIO(text))}
    assert titles == {"自家草稿", "公开成果三"}
    assert "机密参数" not in text
    assert response["Content-Disposition"].startswith("attachment")


def test_the_export_is_in_the_users_language(client):
    TechOutcomeFactory(title_zh="公开成果", trl=5)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("sheets:export", kwargs={"kind": "outcomes", "fmt": "xlsx"}))
    rows = (
        python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[0][:3] == ["ID", "Organisation", "Title (Chinese)"]
    assert rows[1][-1] == "Published"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("listings:outcome_list", "outcomes"),
        ("listings:demand_list", "demands"),
        ("listings:investor_list", "investors"),
        ("catalogue:list", "services"),
        ("spaces:list", "spaces"),
        ("directory:list", "organizations"),
        ("directory:people", "people"),
    ],
)
def test_every_list_page_links_its_exports_with_the_current_filters(client, url, kind):
    page = client.get(reverse(url), {"q": "传感"}).content.decode()
    assert f'href="/sheets/export/{kind}.xlsx?q=%E4%BC%A0%E6%84%9F"' in page
    assert f'href="/sheets/export/{kind}.csv?q=%E4%BC%A0%E6%84%9F"' in page
    response = client.get(f"/sheets/export/{kind}.csv", {"q": "传感"})
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"\xef\xbb\xbf")


def test_a_users_data_export_holds_the_files_they_imported(client):
    operator = OperatorFactory()
    client.force_login(operator)
    client.post(reverse("sheets:index"), {"file": upload(xlsx_bytes({"机构": ORGS}), "机构名单.xlsx")})
    exported = [p(operator) for p in personal_data_exporters.providers()]
    imports = next(e for e in exported if e.name == "imports")
    assert imports.records["imports"][0]["fields"]["filename"] == "机构名单.xlsx"
    assert imports.files[0][0].endswith("机构名单.xlsx")
