"""A process killed (`kill -9`) in the middle of committing an import leaves 0 partial rows: the
import's one transaction never commits. Run again, the job imports every row once."""

import signal
import subprocess
import sys
import time

import pytest

from alleyhub.core.tests import worker_crash

pytestmark = pytest.mark.slow

_migrated_database, _migrated_pg_template, crash_site = (
    worker_crash._migrated_database,
    worker_crash._migrated_pg_template,
    worker_crash.crash_site,
)

ROWS = 5000  # three batches of the importer: the kill comes after the first is written

SETUP = f"""
import io, json
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from alleyhub.accounts.models import Role, User
from alleyhub.sheets import services
from alleyhub.sheets.models import ImportJob
out = io.BytesIO()
book = xlsxwriter.Workbook(out)
sheet = book.add_worksheet("机构")
sheet.write_row(0, 0, ["类型", "中文名称"])
for i in range({ROWS}):
    sheet.write_row(i + 1, 0, ["科创企业", f"崩溃测试公司{{i}}"])
book.close()
operator = User.objects.create(username="crash-operator", role=Role.OPERATOR)
job = services.import_job_create(upload=SimpleUploadedFile("orgs.xlsx", out.getvalue()), actor=operator)
job.refresh_from_db()
if job.status == ImportJob.Status.UPLOADED:
    job = services.import_job_check(job_id=job.pk)
assert job.status == ImportJob.Status.READY, job.report
ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.COMMITTING)
print(json.dumps(job.pk))
"""

# The commit, stopping for good once its first batch is written (inside the transaction).
KILLED_COMMIT = """
import os, time
from pathlib import Path
from alleyhub.sheets import services
def pause(done):
    Path(os.environ["CRASH_DIR"], "commit.reached").write_text(str(done))
    while True:
        time.sleep(60)
services.import_job_run_commit(job_id={job_id}, progress=pause)
"""

STATE = """
import json
from alleyhub.directory.models import Organization
from alleyhub.sheets.models import ImportJob
job = ImportJob.objects.get()
print(json.dumps({"orgs": Organization.objects.count(), "distinct": Organization.objects.values("name_zh").distinct().count(), "status": job.status}))
"""


def test_a_commit_killed_midway_writes_no_row_and_a_rerun_writes_each_once(crash_site):
    job_id = crash_site.json(SETUP)
    log = (crash_site.dir / "commit.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", KILLED_COMMIT.format(job_id=job_id)],
        cwd=worker_crash.ROOT,
        env=crash_site.env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    reached = crash_site.dir / "commit.reached"
    deadline = time.monotonic() + 120
    try:
        while not reached.exists():
            assert process.poll() is None, (crash_site.dir / "commit.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the commit did not reach its first batch"
            time.sleep(0.1)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        log.close()
    assert process.returncode == -signal.SIGKILL
    assert int(reached.read_text()) >= 2000  # a batch was written inside the transaction

    assert crash_site.json(STATE) == {"orgs": 0, "distinct": 0, "status": "committing"}

    crash_site.shell(f"from alleyhub.sheets import services; services.import_job_run_commit(job_id={job_id})")
    assert crash_site.json(STATE) == {"orgs": ROWS, "distinct": ROWS, "status": "done"}
