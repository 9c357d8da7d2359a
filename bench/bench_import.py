"""Import / export benchmark (issue 9 point 9). ``make bench-import`` runs it.

    python bench/bench_import.py                      # 50,000 organisations + 50,000 outcomes
    python bench/bench_import.py --orgs 5000 --outcomes 5000
    python bench/bench_import.py --database-url postgres://postgres@127.0.0.1:5432/bench_import

Generates one .xlsx (an organisations sheet and an outcomes sheet whose rows name their organisation
by credit code), imports it into an empty, freshly migrated database exactly as the site does (the
dry run, then the commit in one transaction), then exports the 100k rows again (.xlsx in constant
memory, and .csv). The last line is JSON:
{"rows": …, "dry_run_s": …, "commit_s": …, "peak_rss_mb": …, "export_xlsx_s": …, "export_csv_s": …}
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def credit_code(n: int) -> str:
    from alleyhub.core.validators import CREDIT_CODE_ALPHABET, credit_code_check_char

    body = "913101"
    digits = []
    for _ in range(11):
        n, r = divmod(n, len(CREDIT_CODE_ALPHABET))
        digits.append(CREDIT_CODE_ALPHABET[r])
    first17 = body + "".join(reversed(digits))
    return first17 + credit_code_check_char(first17)


def generate(path: Path, orgs: int, outcomes: int) -> None:
    import xlsxwriter

    rng = random.Random(2026)
    kinds = ["科创企业", "科研院所", "服务机构", "孵化器 / 空间运营方"]
    stages = ["种子期", "初创期", "成长期", "成熟期"]
    modes = ["转让", "许可", "合作开发", "作价入股"]
    words = [
        "功率半导体",
        "MEMS 传感器",
        "氧化镓",
        "区块链",
        "工业软件",
        "新材料",
        "生物医药",
        "智能制造",
        "车规芯片",
        "量子通信",
    ]
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("机构")
    sheet.write_row(
        0,
        0,
        [
            "统一社会信用代码",
            "类型",
            "中文名称",
            "英文名称",
            "发展阶段",
            "产业领域",
            "成立年份",
            "员工人数",
            "地址",
            "联系人",
        ],
    )
    for i in range(orgs):
        sheet.write_row(
            i + 1,
            0,
            [
                credit_code(i + 1),
                rng.choice(kinds),
                f"硅巷{rng.choice(words)}科技有限公司{i}",
                f"Alley Tech {i}",
                rng.choice(stages),
                "",
                1990 + i % 35,
                5 + i % 500,
                f"上海市长宁区长宁路{i % 2000}号",
                "王敏",
            ],
        )
    sheet = book.add_worksheet("科技成果")
    sheet.write_row(
        0,
        0,
        [
            "所属机构",
            "中文标题",
            "英文标题",
            "中文简介",
            "技术成熟度",
            "知识产权状态",
            "合作方式",
            "最低报价（元）",
            "最高报价（元）",
            "有效期至",
            "状态",
        ],
    )
    for i in range(outcomes):
        low = rng.randrange(10, 500) * 10_000
        sheet.write_row(
            i + 1,
            0,
            [
                credit_code(rng.randrange(orgs) + 1),
                f"{rng.choice(words)}成果{i}",
                f"Outcome {i}",
                f"关于{rng.choice(words)}的成果，可用于{rng.choice(words)}。",
                1 + i % 9,
                "已授权专利",
                "；".join(rng.sample(modes, 2)),
                low,
                low * 2,
                "2027年12月31日",
                "已发布",
            ],
        )
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=50_000)
    parser.add_argument("--outcomes", type=int, default=50_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    database_url = args.database_url or f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings.local",
        MATCHING_EMBEDDINGS="false",
        MEDIA_ROOT=str(work / "media"),
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True)

    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction

    from alleyhub.accounts.models import Role, User
    from alleyhub.directory.models import Organization
    from alleyhub.listings.models import TechOutcome
    from alleyhub.sheets import exports, importer, reading, writing
    from alleyhub.sheets.specs import SPECS

    settings.SHEETS = {"MAX_ROWS": max(args.orgs, args.outcomes) + 10}
    assert not Organization.objects.exists(), "the database must be empty"
    path = work / "bench.xlsx"
    started = time.perf_counter()
    generate(path, args.orgs, args.outcomes)
    print(
        f"generated {args.orgs + args.outcomes:,} rows in {time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e6:.1f} MB)",
        flush=True,
    )
    actor = User.objects.create(username="bench-operator", role=Role.OPERATOR)

    started = time.perf_counter()
    with path.open("rb") as handle:
        report = importer.run(reading.open_sheets(handle), actor=actor, write=False)
    fingerprint = importer.data_fingerprint(actor)  # as services.import_job_check stores it
    dry_run_s = time.perf_counter() - started
    totals = report.totals()
    assert report.error_count == 0, report.errors[:5]
    print(f"dry run: {dry_run_s:.1f} s {totals}", flush=True)

    started = time.perf_counter()
    with path.open("rb") as handle, transaction.atomic():
        # As services.import_job_run_commit does: nothing changed since the dry run.
        unchanged = importer.data_fingerprint(actor) == fingerprint
        importer.run(reading.open_sheets(handle), actor=actor, write=True, values_checked=unchanged)
    commit_s = time.perf_counter() - started
    assert Organization.objects.count() == args.orgs and TechOutcome.objects.count() == args.outcomes
    print(f"commit: {commit_s:.1f} s", flush=True)

    timings = {}
    for fmt in ("xlsx", "csv"):
        started = time.perf_counter()
        lookups = exports.export_lookups()
        size = 0
        for kind in ("organizations", "outcomes"):
            spec = SPECS[kind]
            queryset = exports.export_queryset(kind=kind, user=actor, params={})
            rows = writing.export_rows(spec, exports.export_objects(spec, queryset, user=actor), lookups)
            if fmt == "csv":
                size += sum(len(chunk) for chunk in writing.csv_stream(spec, rows))
            else:
                with writing.xlsx_file([(spec, rows)]) as handle:
                    size += len(handle.read())
        timings[fmt] = time.perf_counter() - started
        print(f"export {fmt}: {timings[fmt]:.1f} s ({size / 1e6:.1f} MB)", flush=True)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"load: {os.getloadavg()}", flush=True)
    print(
        json.dumps(
            {
                "rows": args.orgs + args.outcomes,
                "dry_run_s": round(dry_run_s, 2),
                "commit_s": round(commit_s, 2),
                "peak_rss_mb": round(peak_mb),
                "export_xlsx_s": round(timings["xlsx"], 2),
                "export_csv_s": round(timings["csv"], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
