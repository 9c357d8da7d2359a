"""`manage.py ensure_admin`: make sure the platform has an administrator.

Creates the superuser "admin" (role operator) when no superuser exists, with the password from the
ADMIN_PASSWORD environment variable or a random one printed once in a box. Otherwise says that an
administrator exists and how to reset its password; it never changes an existing account.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from alleyhub.accounts.models import Role


class Command(BaseCommand):
    # A property so that it is translated when the parser is built (argparse needs a plain str);
    # BaseCommand declares `help` as a plain attribute, hence the ignore.
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("如果还没有超级管理员，创建管理员账号 admin 并显示一次其密码。")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin", help=_("管理员用户名（默认 admin）"))
        parser.add_argument("--email", default="", help=_("管理员邮箱"))

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        username = options["username"]
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            self.stdout.write(
                _("管理员账号已存在（%(username)s）。如需重置密码：manage.py changepassword %(username)s")
                % {"username": existing.get_username()}
            )
            return
        if User.objects.filter(username=username).exists():
            # Never promote an ordinary account: whoever owns it would become administrator.
            raise CommandError(
                _(
                    "已有名为 %(username)s 的普通账号，未做改动。请用 --username 指定其他用户名，或运行 manage.py createsuperuser。"
                )
                % {"username": username}
            )
        from_env = os.environ.get("ADMIN_PASSWORD", "")
        password = from_env or secrets.token_urlsafe(12)
        with transaction.atomic():
            user = User(
                username=username,
                email=options["email"],
                is_superuser=True,
                is_staff=True,
                role=Role.OPERATOR,
            )
            user.set_password(password)
            user.save()
        if from_env:
            self.stdout.write(
                self.style.SUCCESS(
                    _("已创建管理员账号 %(username)s，密码取自环境变量 ADMIN_PASSWORD。")
                    % {"username": username}
                )
            )
            return
        lines = [
            _("已创建管理员账号（密码只显示这一次，请妥善保存）"),
            _("用户名：%(username)s") % {"username": username},
            _("密码：%(password)s") % {"password": password},
            _("重置密码：manage.py changepassword %(username)s") % {"username": username},
        ]
        self.stdout.write(_box(lines))


def _box(lines: list[str]) -> str:
    """Frame lines in a box; CJK characters count as two columns."""

    def width(text: str) -> int:
        return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)

    inner = max(width(line) for line in lines)
    top = "╔" + "═" * (inner + 2) + "╗"
    rows = ["║ " + line + " " * (inner - width(line)) + " ║" for line in lines]
    return "\n".join([top, *rows, "╚" + "═" * (inner + 2) + "╝"])
