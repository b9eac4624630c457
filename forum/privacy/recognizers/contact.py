"""D3: phone numbers and e-mail addresses of a patient or a relative.

The author's own contact details (an ad, "contactez-moi au 06…", a signature) are
not identifiers of a patient and are left alone.
"""
from __future__ import annotations

import re

from ..types import DIRECT, Hit

PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|0)[1-9](?:[\s.\-]?\d{2}){4}(?!\d)"
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# who the number belongs to, read in the folded text just before it (same sentence)
RELATIVE = re.compile(
    r"\b(fille|fils|mari|epoux|epouse|femme|compagne|compagnon|soeur|sœur|frere|neveu|niece|petit-fils|petite-fille"
    r"|gendre|belle-fille|beau-fils|belle-mere|beau-pere|famille|voisin|voisine|aidant|aidante|tuteur|tutrice"
    r"|curateur|curatrice|patient|patiente|mme|madame|monsieur|mr|papi|mamie|parents?|mere|pere|enfants?)\b"
)
AUTHOR = re.compile(
    r"(contact|appelez|appelle[rz]?[- ]moi|m.appeler|joign|joindre|\bmoi\b|\bmon\s+(?:06|07|numero|tel|portable)|\bmp\b|cabinet|\btel\b|tél|"
    r"secretariat|standard|\bsms\b\s+au|infos?\s*:|renseignements)"
)


SIGNATURE_TAIL = re.compile(r"[\s,.;:!?)(\-–—]*(?:[A-ZÀ-Ý][\w'’-]*\.?[\s,]*){0,3}[\s.!?)(\-–—]*\W{0,6}\s*")


def _owner(ctx, start: int, end: int) -> str:
    before = ctx.before(start, 70)
    after = ctx.after(end, 25)
    if RELATIVE.search(before) and not re.search(r"\b(contactez|appelez|joignable|me joindre)\b", before[-30:]):
        return "relative"
    if AUTHOR.search(before) or AUTHOR.search(after[:20]) or ctx.is_ad:
        return "author"
    # a first name right before or after, at the end of the post: a signature
    if SIGNATURE_TAIL.fullmatch(ctx.text[end:]):
        return "author"
    return "unknown"


def find(ctx) -> list[Hit]:
    hits = []
    for m in PHONE.finditer(ctx.text):
        owner = _owner(ctx, m.start(), m.end())
        if owner == "author":
            continue
        hits.append(Hit(m.start(), m.end(), "phone", "Numéro de téléphone d'un patient ou d'un proche",
                        "[téléphone]", DIRECT, 97))
    for m in EMAIL.finditer(ctx.text):
        owner = _owner(ctx, m.start(), m.end())
        if owner == "author":
            continue
        hits.append(Hit(m.start(), m.end(), "email", "Adresse e-mail d'un patient ou d'un proche",
                        "[e-mail]", DIRECT, 98))
    return hits
