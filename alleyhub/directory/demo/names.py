"""Draws names, addresses and coordinates of generated organisations and people from `data/names.py`."""

import random

from .data.names import (
    BRAND,
    GIVEN,
    STREET_WEIGHTS,
    STREETS,
    SUBDISTRICTS,
    SURNAMES,
    WESTERN_FIRST,
    WESTERN_LAST,
)


def brand(rng: random.Random) -> tuple[str, str]:
    a, b = rng.sample(BRAND, 2)
    return a[0] + b[0], a[1] + b[1].lower()


def chinese_person(rng: random.Random) -> tuple[str, str]:
    s = rng.choice(SURNAMES)
    g = [rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))]
    return s[0] + "".join(x[0] for x in g), f"{''.join(x[1] for x in g).capitalize()} {s[1]}"


def western_person(rng: random.Random) -> str:
    return f"{rng.choice(WESTERN_FIRST)} {rng.choice(WESTERN_LAST)}"


def address(rng: random.Random) -> tuple[str, str, str]:
    """(address, subdistrict, street code) on one of the district's streets."""
    street = rng.choices(STREETS, weights=STREET_WEIGHTS, k=1)[0]
    number = rng.randint(1, 1500)
    suffix = rng.choice(
        ["", "", f" {rng.randint(1, 12)}楼", f" {rng.randint(1, 8)}号楼{rng.randint(1, 6)}层"]
    )
    return f"上海市长宁区{street[0]}{number}号{suffix}", rng.choice(SUBDISTRICTS), street[0]


def coordinates(rng: random.Random) -> tuple[str, str]:
    """A point inside the district (around Huayang Road), as decimal strings."""
    return f"{rng.uniform(31.2080, 31.2280):.6f}", f"{rng.uniform(121.4130, 121.4420):.6f}"
