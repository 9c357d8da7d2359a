"""The extension hook: `alleyhub.<app>.demo.load(ctx)` of installed apps is called after the foundation."""

import importlib.machinery
import io
import sys
import types

import pytest

from alleyhub.demo.loader import load_district
from alleyhub.directory.models import Organization
from alleyhub.spaces.models import RenewalSite

from ..conftest import load

HOOK_MODULE = "alleyhub.core.demo"  # alleyhub.core is installed and has no demo module of its own


def _install_hook(monkeypatch, func):
    module = types.ModuleType(HOOK_MODULE)
    module.__spec__ = importlib.machinery.ModuleSpec(HOOK_MODULE, loader=None)
    module.load = func
    monkeypatch.setitem(sys.modules, HOOK_MODULE, module)


@pytest.mark.django_db
def test_an_app_hook_gets_the_context_and_its_rows_are_counted(monkeypatch):
    seen = {}

    def hook(ctx):
        seen.update(
            users=set(ctx.users),
            simit=ctx.orgs["simit"].name_zh,
            scale=ctx.scale,
            units=set(ctx.government_units),
            enterprises=len(ctx.org_ids_by_kind["enterprise"]),
            draw=ctx.rng.random(),
        )
        ctx.bulk_create(
            RenewalSite,
            (RenewalSite(slug=f"hook-site-{i}", name_zh=f"地块{i}") for i in range(3)),
            label="hook.sites",
        )

    _install_hook(monkeypatch, hook)
    report = load(run_hooks=True, strict_hooks=True, hook_apps={"core"})
    assert seen["users"] == {
        "operator",
        "task_force",
        "unit_staff",
        "broker",
        "enterprise",
        "researcher",
        "investor",
        "provider",
        "space",
    }
    assert seen["simit"] == "中国科学院上海微系统与信息技术研究所"
    assert {"task-force", "changning-stc", "changning-samr", "huayang-subdistrict"} <= seen["units"]
    assert seen["enterprises"] >= 200 and seen["scale"] == 1
    assert report.counts["hook.sites"] == 3
    assert RenewalSite.objects.filter(slug__startswith="hook-site-").count() == 3


@pytest.mark.django_db
def test_a_failing_hook_is_rolled_back_and_reported_while_the_district_stays(monkeypatch):
    def hook(ctx):
        RenewalSite.objects.create(slug="half-done", name_zh="半成品")
        raise RuntimeError("broken demo data")

    _install_hook(monkeypatch, hook)
    out = io.StringIO()
    report = load_district(stdout=out, run_hooks=True, hook_apps={"core"}, rebuild_index=False)
    assert report.hook_errors and "broken demo data" in report.hook_errors[0]
    assert not RenewalSite.objects.filter(slug="half-done").exists()
    assert Organization.objects.filter(slug="simit").exists()
    assert "rolled back" in out.getvalue()


@pytest.mark.django_db
def test_strict_hooks_stop_the_load_on_a_failing_hook(monkeypatch):
    def hook(ctx):
        raise RuntimeError("broken demo data")

    _install_hook(monkeypatch, hook)
    with pytest.raises(RuntimeError):
        load(run_hooks=True, strict_hooks=True, hook_apps={"core"})


@pytest.mark.django_db
def test_the_demo_hooks_of_every_installed_app_load_on_top_of_the_district():
    """What `make run` does: the foundation, then brokerage, requests, ... hooks, none failing."""
    report = load(run_hooks=True, strict_hooks=True)
    assert not report.hook_errors
