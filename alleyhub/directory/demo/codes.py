"""Unified social credit codes (GB 32100-2015) for demo organisations: valid and unique by design.

A code is: registration authority + type (2), division code (6), organisation code (9, with its own
GB 11714 check character) and the GB 32100 check character. Uniqueness comes from a bijection of the
organisation's running number onto the organisation-code space, so no set of issued codes is kept in
memory even for a million organisations.
"""

from alleyhub.core.validators import CREDIT_CODE_ALPHABET, credit_code_check_char

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_BASE31 = CREDIT_CODE_ALPHABET  # 31 characters
_ENTERPRISE_SPACE = 31**5  # "MA1" + 5 characters: companies registered since 2015
_NUMERIC_SPACE = 10**8  # 8 digits: older organisations, public institutions, organs


def _org_code_check(body8: str) -> str:
    total = sum(
        (int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, _ORG_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def _permute(index: int, space: int, multiplier: int, offset: int) -> int:
    """A bijection of [0, space) (multiplier is coprime with space)."""
    return (index * multiplier + offset) % space


def credit_code(prefix8: str, index: int, seed: int) -> str:
    """The credit code of the `index`-th demo organisation. Distinct indexes give distinct codes for
    the same prefix; prefixes starting with '9' (companies) use the post-2015 'MA' organisation codes."""
    if prefix8.startswith("9"):
        if index >= _ENTERPRISE_SPACE:
            raise ValueError("too many demo organisations for the credit-code space")
        n = _permute(index, _ENTERPRISE_SPACE, 7_368_787, seed * 7_919)
        chars = []
        for _ in range(5):
            n, r = divmod(n, 31)
            chars.append(_BASE31[r])
        body = "MA1" + "".join(reversed(chars))
    else:
        if index >= _NUMERIC_SPACE:
            raise ValueError("too many demo organisations for the credit-code space")
        body = f"{_permute(index, _NUMERIC_SPACE, 48_271_263, seed * 104_729):08d}"
    first17 = prefix8 + body + _org_code_check(body)
    return first17 + credit_code_check_char(first17)
