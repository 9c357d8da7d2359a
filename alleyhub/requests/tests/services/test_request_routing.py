"""Routing rules: most specific wins, fallback to the task force, snapshot on the request."""

from alleyhub.directory.models import Industry
from alleyhub.requests.models import Category
from alleyhub.requests.routing import route

from ..factories import RoutingRuleFactory, UnitFactory, submit


def test_rule_for_the_category_routes_with_its_cooperating_units(world):
    req = submit(org=world.ent, user=world.ent_user, category=Category.FINANCE)
    assert req.responsible_unit == world.unit
    assert list(req.cooperating_units.all()) == [world.coop_unit]
    assert req.routing_rule == world.rule


def test_no_rule_falls_back_to_the_task_force(world):
    req = submit(org=world.ent, user=world.ent_user, category=Category.SPACE)
    assert req.responsible_unit == world.task_force
    assert req.routing_rule is None


def test_inactive_rule_is_ignored(world):
    world.rule.is_active = False
    world.rule.save()
    assert route(category=Category.FINANCE, organization=world.ent).responsible_unit == world.task_force


def test_industry_rule_beats_subdistrict_rule_beats_general_rule(world):
    ic = Industry.objects.create(code="rq-ic", name_zh="集成电路", name_en="IC")
    power = Industry.objects.create(code="rq-ic-power", name_zh="功率半导体", name_en="Power", parent=ic)
    world.ent.industries.add(power)
    world.ent.subdistrict = "华阳路街道"
    world.ent.save()
    by_street = RoutingRuleFactory(category=Category.FINANCE, subdistrict="华阳路街道", priority=100)
    assert route(category=Category.FINANCE, organization=world.ent).rule == by_street
    # A rule for the parent industry applies to an enterprise in the child industry, and is more specific.
    by_industry = RoutingRuleFactory(category=Category.FINANCE, industry=ic)
    assert route(category=Category.FINANCE, organization=world.ent).rule == by_industry
    # Rules for another street or industry never apply.
    RoutingRuleFactory(category=Category.FINANCE, subdistrict="江苏路街道", industry=ic, priority=999)
    assert route(category=Category.FINANCE, organization=world.ent).rule == by_industry


def test_priority_decides_between_equally_specific_rules(world):
    high = RoutingRuleFactory(category=Category.FINANCE, priority=10)
    assert route(category=Category.FINANCE, organization=world.ent).rule == high


def test_rule_change_applies_to_new_requests_only(world):
    old = submit(org=world.ent, user=world.ent_user)
    new_unit = UnitFactory(name_zh="区金融办")
    world.rule.responsible_unit = new_unit
    world.rule.save()
    world.rule.cooperating_units.clear()
    new = submit(org=world.ent, user=world.ent_user)
    old.refresh_from_db()
    assert old.responsible_unit == world.unit
    assert list(old.cooperating_units.all()) == [world.coop_unit]
    assert new.responsible_unit == new_unit
    assert not new.cooperating_units.exists()
    # Deleting the rule keeps the snapshot too.
    world.rule.delete()
    old.refresh_from_db()
    assert old.responsible_unit == world.unit and old.routing_rule is None
