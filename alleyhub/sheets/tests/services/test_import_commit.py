"""Dry run → commit: all-or-nothing, re-import without duplicates, per-field diff, who may import what."""

import pytest
from django.core.exceptions import PermissionDenied

from alleyhub.accounts.models import Membership
from alleyhub.core.models import AuditEntry, ListingStatus
from alleyhub.directory.models import Organization
from alleyhub.listings.models import TechOutcome
from alleyhub.sheets import services
from alleyhub.sheets.models import ImportJob

from ..factories import (
    IndustryFactory,
    MembershipFactory,
    OperatorFactory,
    OrganizationFactory,
    UserFactory,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

ORGS = [
    ["统一社会信用代码", "类型", "中文名称", "产业领域", "成立年份"],
    ["91310105MA1FW4XH7T", "科创企业", "新微传感科技", "ic", 2019],
    ["", "Research institute", "示例研究院", "集成电路", ""],
]
OUTCOMES = [
    [
        "Organisation",
        "Title (Chinese)",
        "TRL",
        "Cooperation modes",
        "Price from (CNY)",
        "Price up to (CNY)",
        "Status",
    ],
    ["91310105MA1FW4XH7T", "MEMS 压力传感器", 6, "许可；合作开发", "50万", 2000000, "已发布"],
    ["示例研究院", "氧化镓外延", "4", "transfer", "", "", "draft"],
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    global _capture
    _capture = django_capture_on_commit_callbacks
    IndustryFactory(code="ic", name_zh="集成电路", name_en="Integrated circuits")


def checked(user, data, name="data.xlsx", kind=""):
    with _capture(execute=True):
        job = services.import_job_create(upload=upload(data, name), actor=user, kind=kind)
    job.refresh_from_db()
    return job


def committed(job, user):
    with _capture(execute=True):
        services.import_job_commit(job=job, actor=user, expected_version=job.version)
    job.refresh_from_db()
    return job


def test_a_dry_run_writes_nothing_and_a_commit_writes_every_row():
    operator = OperatorFactory()
    job = checked(operator, xlsx_bytes({"机构": ORGS, "科技成果": OUTCOMES}))
    assert job.status == ImportJob.Status.READY, job.report["errors"]
    assert job.report["totals"]["create"] == 4
    assert not Organization.objects.exists()
    job = committed(job, operator)
    assert job.status == ImportJob.Status.DONE and job.result["totals"]["create"] == 4
    org = Organization.objects.get(credit_code="91310105MA1FW4XH7T")
    assert [i.code for i in org.industries.all()] == ["ic"]
    mems = TechOutcome.objects.get(title_zh="MEMS 压力传感器")
    assert (mems.owner, mems.trl, mems.price_min, mems.status) == (org, 6, 500_000, ListingStatus.PUBLISHED)
    assert sorted(mems.cooperation_modes) == ["joint_development", "licence"]
    assert mems.published_at is not None and mems.created_by == operator
    assert AuditEntry.objects.filter(code="sheets.import.committed", target_id=str(job.pk)).exists()


def test_importing_the_same_file_again_creates_no_duplicate():
    operator = OperatorFactory()
    data = xlsx_bytes({"机构": ORGS, "科技成果": OUTCOMES})
    committed(checked(operator, data), operator)
    job = checked(operator, data)
    assert job.report["totals"] == {
        "rows": 4,
        "create": 0,
        "update": 0,
        "unchanged": 4,
        "skipped": 0,
        "errors": 0,
    }
    assert Organization.objects.count() == 2 and TechOutcome.objects.count() == 2


def test_a_changed_row_is_an_update_with_a_per_field_diff():
    operator = OperatorFactory()
    committed(checked(operator, xlsx_bytes({"机构": ORGS, "科技成果": OUTCOMES})), operator)
    changed = [row[:] for row in OUTCOMES]
    changed[1][2] = 7
    job = checked(operator, xlsx_bytes({"科技成果": changed}))
    assert job.report["totals"]["update"] == 1
    assert job.report["changes"][0]["diff"] == [["技术成熟度", "6", "7"]]
    committed(job, operator)
    assert TechOutcome.objects.get(title_zh="MEMS 压力传感器").trl == 7


def test_any_error_and_nothing_is_written_with_every_error_located():
    operator = OperatorFactory()
    bad = [row[:] for row in OUTCOMES] + [["示例研究院", "坏成果", 12, "swap", "abc", "", ""]]
    orgs = [row[:] for row in ORGS] + [["91310105MA1FW4XH7A", "科创企业", "坏代码公司", "", ""]]
    job = checked(operator, xlsx_bytes({"机构": orgs, "科技成果": bad}))
    assert job.status == ImportJob.Status.INVALID
    located = {(e["sheet"], e["row"], e["column"]) for e in job.report["errors"]}
    assert ("机构", 4, "统一社会信用代码") in located
    assert ("科技成果", 4, "合作方式") in located and ("科技成果", 4, "最低报价（元）") in located
    assert not Organization.objects.exists() and not TechOutcome.objects.exists()


def test_trl_out_of_range_is_an_error_of_its_cell():
    operator = OperatorFactory()
    bad = [row[:] for row in OUTCOMES]
    bad[2][2] = 12
    job = checked(operator, xlsx_bytes({"机构": ORGS, "科技成果": bad}))
    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(3, "技术成熟度")]


def test_errors_are_in_the_users_language():
    from django.utils import translation

    operator = OperatorFactory()
    bad = [row[:] for row in OUTCOMES]
    bad[2][3] = "swap"
    with translation.override("en"):
        job = checked(operator, xlsx_bytes({"Organisations": ORGS, "Outcomes": bad}))
    assert job.report["errors"][0]["column"] == "Cooperation modes"
    assert "is not an allowed value" in job.report["errors"][0]["message"]


def test_a_commit_refuses_a_file_whose_data_changed_since_the_dry_run():
    operator = OperatorFactory()
    job = checked(
        operator, xlsx_bytes({"科技成果": [OUTCOMES[0], ["既有公司", "成果甲", 5, "", "", "", ""]]})
    )
    assert job.status == ImportJob.Status.INVALID  # the organisation does not exist
    OrganizationFactory(name_zh="既有公司")
    job = checked(
        operator, xlsx_bytes({"科技成果": [OUTCOMES[0], ["既有公司", "成果甲", 5, "", "", "", ""]]})
    )
    assert job.status == ImportJob.Status.READY
    Organization.objects.filter(name_zh="既有公司").delete()
    job = committed(job, operator)
    assert job.status == ImportJob.Status.FAILED and job.result["errors"]
    assert not TechOutcome.objects.exists()


def test_an_organisation_admin_imports_only_the_listings_of_the_organisation():
    own = OrganizationFactory(name_zh="自家公司")
    OrganizationFactory(name_zh="别家公司")
    admin = MembershipFactory(organization=own, role=Membership.MemberRole.ADMIN).user
    rows = [
        OUTCOMES[0],
        ["自家公司", "自家成果", 5, "", "", "", ""],
        ["别家公司", "别家成果", 5, "", "", "", ""],
    ]
    job = checked(admin, xlsx_bytes({"科技成果": rows}))
    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(3, "所属机构")]
    job = checked(admin, xlsx_bytes({"科技成果": rows[:2]}))
    committed(job, admin)
    assert list(TechOutcome.objects.values_list("title_zh", flat=True)) == ["自家成果"]
    job = checked(admin, xlsx_bytes({"机构": ORGS}))
    assert job.status == ImportJob.Status.INVALID and "运营方" in job.report["errors"][0]["message"]


def test_members_who_are_not_admins_and_outsiders_may_not_import():
    member = MembershipFactory(role=Membership.MemberRole.MEMBER).user
    for user in (member, UserFactory()):
        with pytest.raises(PermissionDenied):
            services.import_job_create(upload=upload(xlsx_bytes({"机构": ORGS})), actor=user)
    assert not ImportJob.objects.exists()


def test_a_job_is_committed_once():
    from alleyhub.core.exceptions import ApplicationError

    operator = OperatorFactory()
    job = committed(checked(operator, xlsx_bytes({"机构": ORGS})), operator)
    with pytest.raises(ApplicationError) as exc:
        services.import_job_commit(job=job, actor=operator)
    assert exc.value.status == 409
    assert Organization.objects.count() == 2


def test_the_commit_checks_the_values_again_only_when_the_data_changed_since_the_dry_run(monkeypatch):
    from alleyhub.sheets import importer

    operator = OperatorFactory()
    calls = []
    real = importer._validate
    monkeypatch.setattr(importer, "_validate", lambda obj, changed: calls.append(obj) or real(obj, changed))
    job = checked(operator, xlsx_bytes({"机构": ORGS}))
    assert len(calls) == 2
    committed(job, operator)
    assert len(calls) == 2  # same data as the dry run: the values were checked then
    job = checked(operator, xlsx_bytes({"机构": [ORGS[0], ["", "科创企业", "第三家"]]}))
    OrganizationFactory(name_zh="同时新增的机构")
    committed(job, operator)
    assert len(calls) == 4  # the data changed meanwhile: checked again
    assert Organization.objects.filter(name_zh="第三家").exists()
