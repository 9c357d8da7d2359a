"""Drawing a sector: weighted by how much of the district works in it."""

import random

from .data.sectors import SECTORS, Sector

SECTOR_BY_CODE = {s.code: s for s in SECTORS}
SECTOR_WEIGHTS = [s.weight for s in SECTORS]


def pick_sector(rng: random.Random) -> Sector:
    return rng.choices(SECTORS, weights=SECTOR_WEIGHTS, k=1)[0]
