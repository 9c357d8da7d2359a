"""Reads for the home page: the district at a glance, from the sections apps register."""

from alleyhub.core.registry import HOME_SLOTS, home_sections


def district_overview() -> tuple[dict, dict[str, list[str]]]:
    """The home page's figures and lists, and the templates of its sections by slot.

    Every app that has something to show registers a `HomeSection` (`core.registry.home_sections`)
    from its `AppConfig.ready()`; the values their `context()` return are merged into one dict."""
    overview: dict = {}
    slots: dict[str, list[str]] = {slot: [] for slot in HOME_SLOTS}
    for section in home_sections.providers():
        if section.context is not None:
            overview.update(section.context())
        slots.setdefault(section.slot, []).append(section.template)
    return overview, slots
