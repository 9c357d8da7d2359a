"""`manage.py backup PATH`: the database and the uploaded files in one checked archive
(alleyhub/core/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from alleyhub.core.backup import backup_create
from alleyhub.core.exceptions import ApplicationError


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("把数据库和上传的文件备份到一个 .tar.gz 文件（含清单和校验和），网站运行时也可备份。")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help=_("备份文件的路径（.tar.gz）"))
        parser.add_argument("--database", default="default", help=_("要备份的数据库别名"))

    def handle(self, *args, **options) -> None:
        try:
            summary = backup_create(target=options["path"], alias=options["database"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            _("已备份 %(engine)s 数据库和 %(files)s 个上传文件到 %(path)s（%(bytes)s 字节）。")
            % {"engine": summary.engine, "files": summary.files, "path": summary.path, "bytes": summary.bytes}
        )
