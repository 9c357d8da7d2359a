"""`manage.py demo_district`: load the demo district (the seed's real entities + generated records +
demo accounts) into an empty database. See alleyhub/demo/loader.py and alleyhub/core/demo_context.py (app hooks)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from alleyhub.demo.loader import DemoDataExists, load_district
from alleyhub.directory.models import Organization


class Command(BaseCommand):
    # Translated when the parser is built: argparse needs a plain str, so a property replaces the
    # class attribute BaseCommand declares.
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "载入演示街区：种子文件中的真实机构、生成的成果/需求/服务/空间数据和演示账号（仅限空数据库）。"
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help=_("随机种子：同一种子生成相同的数据"))
        parser.add_argument("--scale", type=int, default=1, help=_("生成部分的倍数（用于性能测试）"))
        parser.add_argument("--batch-size", type=int, default=5000, help=_("每批写入的行数"))
        parser.add_argument(
            "--if-empty", action="store_true", help=_("数据库中已有机构时跳过（不报错），供 make run 使用")
        )
        parser.add_argument("--no-hooks", action="store_true", help=_("不调用各应用的 demo.load(ctx)"))
        parser.add_argument("--strict-hooks", action="store_true", help=_("某个应用的演示数据载入失败时中止"))
        parser.add_argument(
            "--no-index", action="store_true", help=_("不重建匹配索引（之后请自行运行匹配索引的重建命令）")
        )

    def handle(self, *args, **options) -> None:
        if options["scale"] < 1 or options["batch_size"] < 1:
            raise CommandError(_("--scale 和 --batch-size 必须为正整数。"))
        existing = Organization.objects.count()
        if existing:
            message = _("数据库中已有 %(count)s 个机构，演示数据只会载入空数据库，未做任何改动。") % {
                "count": existing
            }
            if options["if_empty"]:
                self.stdout.write(message)
                return
            raise CommandError(message)
        self.stdout.write(
            _("正在载入演示街区（种子 %(seed)s，倍数 %(scale)s）……")
            % {"seed": options["seed"], "scale": options["scale"]}
        )
        try:
            report = load_district(
                seed=options["seed"],
                scale=options["scale"],
                batch_size=options["batch_size"],
                stdout=self.stdout,
                run_hooks=not options["no_hooks"],
                strict_hooks=options["strict_hooks"],
                rebuild_index=not options["no_index"],
            )
        except DemoDataExists as exc:  # another process loaded data in the meantime
            raise CommandError(
                _("数据库中已有 %(count)s 个机构，演示数据只会载入空数据库，未做任何改动。")
                % {"count": exc.args[0]}
            ) from exc
        width = max(len(label) for label in report.counts)
        self.stdout.write("")
        self.stdout.write(f"{_('数据'):<{width}}  {_('行数'):>9}")
        self.stdout.write(f"{'-' * width}  {'-' * 9}")
        for label, count in sorted(report.counts.items()):
            self.stdout.write(f"{label:<{width}}  {count:>9,}")
        self.stdout.write(
            self.style.SUCCESS(
                _("演示街区已载入，用时 %(seconds).1f 秒。演示账号密码见登录页。")
                % {"seconds": report.seconds}
            )
        )
        for error in report.hook_errors:
            self.stderr.write(_("应用演示数据未载入：%(error)s") % {"error": error})
