"""D6: record or room identifiers (IPP, NDA, dossier number, room / bed / flat number)."""
from __future__ import annotations

import re

from ..types import DIRECT, Hit

ROOM = re.compile(
    r"\b(?P<what>chambre|ch\.|lit|box|appartement|appart\.?|appt\.?|logement|studio|porte)\s*"
    r"(?:n[°o]\s*|num[ée]ro\s*)?(?P<num>\d{1,4}[A-Za-z]?|[A-Z]\d{1,3})\b(?!\s*(?:pi[eè]ces?|p\b|chambres|m2|m²|km|€|%|ans|h\b|lits))",
    re.IGNORECASE,
)
RECORD = re.compile(
    r"\b(?P<what>IPP|NDA|NIP|IEP|n[°o]\s*(?:de\s+)?dossier|num[ée]ro\s+de\s+dossier|dossier(?:\s+(?:n[°o]|num[ée]ro))?"
    r"|n[°o]\s*(?:de\s+)?(?:patient|s[ée]jour|admission|venue)|num[ée]ro\s+(?:de\s+)?(?:patient|s[ée]jour|admission))"
    r"(?P<gap>[^\d\n]{0,30}?)(?P<num>\d[\d\-/.]*\d(?: \d{3,}(?:[\-/.]\d+)*)*)",
    re.IGNORECASE,
)


def find(ctx) -> list[Hit]:
    hits = []
    for m in ROOM.finditer(ctx.text):
        if m.group("what").lower() in ("logement", "studio", "porte") and not re.search(r"n[°o]|num", m.group(), re.IGNORECASE):
            continue
        hits.append(Hit(m.start(), m.end(), "room", "Numéro de chambre ou de lit d'un patient", "[chambre]", DIRECT, 60))
    for m in RECORD.finditer(ctx.text):
        num = m.group("num").strip()
        if sum(c.isdigit() for c in num) < 5:
            continue
        hits.append(Hit(m.start("num"), m.start("num") + len(num), "record", "Numéro de dossier patient (IPP, NDA…)",
                        "[n° de dossier]", DIRECT, 96))
    return hits
