"""Bad files: each gets a clear message and nothing is written. The files are generated here."""

import io
import time
import zipfile

import pytest

from alleyhub.core.exceptions import ApplicationError
from alleyhub.directory.models import Organization
from alleyhub.sheets import services
from alleyhub.sheets.models import ImportJob

from ..factories import OperatorFactory, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

ORG_HEADER = ["统一社会信用代码", "类型", "中文名称"]


@pytest.fixture
def operator(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return OperatorFactory()


@pytest.fixture(autouse=True)
def _on_commit(django_capture_on_commit_callbacks):
    global _capture
    _capture = django_capture_on_commit_callbacks


def check(operator, data: bytes, name: str = "data.xlsx", kind: str = "") -> ImportJob:
    # Large files are checked by the task worker (run at once by the test settings' backend).
    with _capture(execute=True):
        job = services.import_job_create(upload=upload(data, name), actor=operator, kind=kind)
    job.refresh_from_db()
    return job


def commit(job, operator):
    with _capture(execute=True):
        services.import_job_commit(job=job, actor=operator)


def test_a_file_that_is_not_a_spreadsheet_is_refused(operator):
    with pytest.raises(ApplicationError) as exc:
        check(operator, b"%PDF-1.4 not a sheet", "data.xlsx")
    assert exc.value.extra["code"] == "upload_content"
    job = check(operator, b"PK\x03\x04" + b"\x00" * 100, "data.xlsx")  # a broken ZIP
    assert job.status == ImportJob.Status.INVALID and "损坏" in job.message


def test_a_zip_that_is_not_a_workbook_is_refused(operator):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    job = check(operator, out.getvalue())
    assert job.status == ImportJob.Status.INVALID and "不是电子表格" in job.message


def test_a_password_protected_file_is_refused(operator):
    # An encrypted Office file is an OLE2 container with EncryptionInfo / EncryptedPackage streams.
    data = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 504
        + "EncryptionInfo".encode("utf-16-le")
        + b"\x00" * 64
        + "EncryptedPackage".encode("utf-16-le")
    )
    job = check(operator, data)
    assert job.status == ImportJob.Status.INVALID and "密码" in job.message


def test_a_workbook_with_macros_is_refused(operator):
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx_bytes({"机构": [ORG_HEADER]}))) as src,
        zipfile.ZipFile(out, "w") as dst,
    ):
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    for name in ("data.xlsm", "data.xlsx"):
        job = check(operator, out.getvalue(), name)
        assert job.status == ImportJob.Status.INVALID and "宏" in job.message


def test_a_million_rows_are_refused_quickly_before_reading_them(operator, settings):
    # A sheet that declares 1,000,001 rows: refused from its <dimension> without parsing the rows.
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx_bytes({"机构": [ORG_HEADER]}))) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                rows = "".join(
                    f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>'
                    for r in range(2, 1_000_002)
                )
                data = data.replace(b'<dimension ref="A1:C1"/>', b'<dimension ref="A1:C1000001"/>').replace(
                    b"</sheetData>", rows.encode() + b"</sheetData>"
                )
            dst.writestr(item, data)
    started = time.monotonic()
    job = check(operator, out.getvalue())
    assert job.status == ImportJob.Status.INVALID and "行数过多" in job.message
    assert time.monotonic() - started < 5


def test_a_csv_with_too_many_rows_is_refused(operator, settings):
    settings.SHEETS = {"MAX_ROWS": 100}
    data = ("\n".join([",".join(ORG_HEADER)] + ["91310000000000000X,科创企业,甲"] * 200)).encode()
    job = check(operator, data, "orgs.csv", kind="organizations")
    assert job.status == ImportJob.Status.INVALID and "行数过多" in job.message


def test_ten_thousand_columns_are_refused(operator):
    job = check(operator, xlsx_bytes({"机构": [[f"c{i}" for i in range(10_000)]]}))
    assert job.status == ImportJob.Status.INVALID and "列数过多" in job.message


def test_merged_header_cells_are_refused(operator):
    job = check(operator, xlsx_bytes({"机构": [ORG_HEADER, ["", "科创企业", "甲公司"]]}, merge_header=True))
    assert job.status == ImportJob.Status.INVALID and "合并单元格" in job.message
    assert not Organization.objects.exists()


def test_formulas_are_read_as_the_values_excel_saved(operator):
    data = xlsx_bytes(
        {"机构": [["类型", "中文名称", "员工人数"], ["科创企业", "公式公司", "=3+4"]]}, formulas=True
    )
    job = check(operator, data)
    assert job.status == ImportJob.Status.READY, job.report
    commit(job, operator)
    assert Organization.objects.get(name_zh="公式公司").employees == 7


def test_dates_as_text_in_three_formats_are_accepted(operator):
    from alleyhub.listings.models import TechDemand

    org = Organization.objects.create(kind="enterprise", name_zh="日期公司", slug="riqi")
    rows = [["所属机构", "中文标题", "截止日期"]] + [
        ["日期公司", f"需求{i}", text]
        for i, text in enumerate(["2026-12-30", "2026/12/30", "2026年12月30日"])
    ]
    rows.append(["日期公司", "坏日期", "30.12.2026x"])
    job = check(operator, xlsx_bytes({"技术需求": rows}))
    assert job.status == ImportJob.Status.INVALID
    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(5, "截止日期")]
    job = check(operator, xlsx_bytes({"技术需求": rows[:-1]}))
    commit(job, operator)
    assert {d.deadline.isoformat() for d in TechDemand.objects.filter(owner=org)} == {"2026-12-30"}


def test_duplicate_natural_keys_inside_the_file_are_errors(operator):
    rows = [ORG_HEADER, ["91310105MA1FW4XH7T", "科创企业", "甲"], ["91310105ma1fw4xh7t", "科创企业", "乙"]]
    job = check(operator, xlsx_bytes({"机构": rows}))
    assert job.status == ImportJob.Status.INVALID
    assert job.report["errors"][0]["row"] == 3 and "第 2 行重复" in job.report["errors"][0]["message"]
    assert not Organization.objects.exists()
