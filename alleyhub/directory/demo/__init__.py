"""Demo data of the directory (the `load(ctx)` hook of `manage.py demo_district`): the industry
taxonomy, the seed's real organisations and the showcase ones, generated organisations and people,
and the demo accounts' memberships. Data in `data/`, draws in `names.py`, `sectors.py`, `codes.py`."""

from .hook import load

__all__ = ["load"]
