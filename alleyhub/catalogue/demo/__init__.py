"""Demo data of the service list (the `load(ctx)` hook of `manage.py demo_district`)."""

from .hook import load

__all__ = ["load"]
