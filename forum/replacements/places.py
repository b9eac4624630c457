"""Départements as typed by members: "29", "2a", "Finistère (29)" → canonical codes.

No geodata: a commune and radius are shown as written, and matching is by département.
"""
from __future__ import annotations

import re

DEPARTEMENTS = frozenset(
    {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"}
    | {str(n) for n in range(971, 977)}
)
MAX_DEPARTEMENTS = 12


class PlaceError(ValueError):
    """A French message the form shows next to the field."""


def normalize(code: str | None) -> str | None:
    """'1' -> '01', '2a' -> '2A'; None when the code is not a French département."""
    code = (code or "").strip().upper()
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    return code if code in DEPARTEMENTS else None


def parse_departements(raw: str | None, *, limit: int = MAX_DEPARTEMENTS) -> list[str]:
    """"29, 56 ,22" -> ["29", "56", "22"]; raises PlaceError on an unknown code."""
    codes: list[str] = []
    for part in re.split(r"[,;/\s]+", raw or ""):
        if not part:
            continue
        code = normalize(part)
        if code is None:
            raise PlaceError(f"« {part[:10]} » n'est pas un numéro de département (01 à 95, "
                             "2A, 2B, 971 à 976).")
        if code not in codes:
            codes.append(code)
    if len(codes) > limit:
        raise PlaceError(f"{limit} départements au maximum.")
    return codes
