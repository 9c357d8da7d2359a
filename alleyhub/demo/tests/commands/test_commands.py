import io
import re

import pytest
from django.core.management import CommandError, call_command, load_command_class

from alleyhub.accounts.models import Role, User
from alleyhub.directory.models import Organization
from alleyhub.listings.models import TechOutcome


def _run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **kwargs)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_district_loads_and_prints_a_table_of_counts_then_never_loads_again():
    output = _run("demo_district", "--no-hooks", "--no-index", "--seed", "9")
    outcomes = TechOutcome.objects.count()
    assert re.search(rf"listings\.TechOutcome\s+{outcomes:,}\n", output)
    assert re.search(r"directory\.Organization\s+\d{3}", output)
    with pytest.raises(CommandError, match="已有"):
        _run("demo_district", "--no-hooks", "--no-index")
    assert "已有" in _run("demo_district", "--if-empty", "--no-hooks", "--no-index")
    assert TechOutcome.objects.count() == outcomes


@pytest.mark.django_db
def test_if_empty_never_loads_over_real_data():
    Organization.objects.create(kind="enterprise", name_zh="真实企业", slug="real")
    _run("demo_district", "--if-empty", "--no-hooks", "--no-index")
    assert Organization.objects.count() == 1
    assert not User.objects.filter(is_demo=True).exists()


@pytest.mark.django_db
def test_demo_district_rejects_a_zero_scale():
    with pytest.raises(CommandError):
        _run("demo_district", "--scale", "0")


@pytest.mark.django_db
def test_ensure_admin_creates_an_operator_superuser_once_and_shows_the_password_once():
    output = _run("ensure_admin")
    password = re.search(r"密码：(\S+)", output).group(1)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.role == Role.OPERATOR
    assert admin.check_password(password)
    again = _run("ensure_admin")
    assert password not in again and "changepassword admin" in again
    admin.refresh_from_db()
    assert admin.check_password(password)
    assert User.objects.filter(is_superuser=True).count() == 1


@pytest.mark.django_db
def test_ensure_admin_takes_the_password_from_admin_password(monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "from-the-environment-42")
    output = _run("ensure_admin")
    assert "from-the-environment-42" not in output
    assert User.objects.get(username="admin").check_password("from-the-environment-42")


@pytest.mark.django_db
def test_ensure_admin_never_promotes_an_ordinary_account_named_admin():
    User.objects.create_user(username="admin", password="ordinary-user-pw")
    with pytest.raises(CommandError):
        _run("ensure_admin")
    user = User.objects.get(username="admin")
    assert not user.is_superuser and user.check_password("ordinary-user-pw")


@pytest.mark.parametrize("name", ["demo_district", "ensure_admin"])
def test_command_help_renders(name):
    command = load_command_class("alleyhub.demo" if name == "demo_district" else "alleyhub.accounts", name)
    text = command.create_parser("manage.py", name).format_help()
    assert "--seed" in text if name == "demo_district" else "--username" in text
