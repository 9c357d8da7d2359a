"""`manage.py restore PATH`: put back the database and the uploaded files of a `manage.py backup`
archive (alleyhub/core/backup.py). Stop the web and task processes first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from alleyhub.core.backup import backup_restore
from alleyhub.core.exceptions import ApplicationError


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("用备份文件替换数据库和全部上传文件（备份之后写入的内容将丢失）。请先停止网站和任务进程。")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help=_("备份文件的路径（.tar.gz）"))
        parser.add_argument("--database", default="default", help=_("要恢复的数据库别名"))

    def handle(self, *args, **options) -> None:
        try:
            manifest = backup_restore(source=options["path"], alias=options["database"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        files = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            _("已从 %(path)s 恢复 %(engine)s 数据库和 %(files)s 个上传文件（备份时间 %(created)s）。")
            % {
                "path": options["path"],
                "engine": manifest["engine"],
                "files": files,
                "created": manifest["created_at"],
            }
        )
