"""Demo data of listings (the `load(ctx)` hook of `manage.py demo_district`): the demo accounts'
showcase listings, then generated technology outcomes, demands and investor profiles. Data in
`data/`, the texts composed in `texts.py`."""

from .hook import load

__all__ = ["load"]
