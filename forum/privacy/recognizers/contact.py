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


# first-person cues: the number is the author's ("me joindre", "contactez-moi", "mon portable"…)
FIRST_PERSON = re.compile(
    r"(\bme\s+(?:joindre|contacter|appeler|telephoner|laisser|sms|biper|texter)|\bm.appeler|\bm.ecrire|\bm.envoyer"
    r"|(?:contactez|appelez|appelle[rz]?|ecrivez|ecris|joins|joignez|bipez|textez|sms)[- ]moi|\bmoi\b"
    r"|\b(?:mon|mes)\s+(?:\w+\s+)?(?:06|07|numero|num|no|n°|tel|telephone|portable|mobile|fixe|mail|e-mail|email|adresse|coordonnees)"
    r"|\bje\s+suis\s+(?:\w+\s+)?joignable|\bje\s+reste\s+joignable|\bje\s+(?:reponds|rappelle)|\bnous\s+joindre"
    r"|\bnotre\s+(?:numero|tel|portable|cabinet|secretariat)|\bcabinet\b|secretariat|standard)"
)
FIRST_PERSON_AFTER = re.compile(r"^\W{0,3}(?:\(?\s*(?:moi|perso|mon\s+portable|cabinet|pro)\b)")
# third-person attribution: a patient's relative or the patient (same sentence, before the number)
KIN = (r"fille|fils|mari|epoux|epouse|femme|compagne|compagnon|conjointe?|soeur|sœur|frere|neveu|niece|petit-fils"
       r"|petite-fille|petits-enfants|gendre|belle-fille|beau-fils|belle-mere|beau-pere|belle-soeur|beau-frere|famille"
       r"|voisine?|aidante?|aidants|tuteur|tutrice|curateur|curatrice|mere|pere|parents|enfants?|oncle|tante"
       r"|cousine?|referente?|proches?|mandataire|auxiliaire\s+de\s+vie|concierge|gardienne?")
THIRD_PERSON = re.compile(
    rf"(\b(?:son|sa|ses|leur|leurs)\s+(?:\w+\s+)?(?:{KIN})\b"
    rf"|\b(?:la|le|l'|du|de\s+la|au|a\s+la)\s*(?!(?:enfants?|parents|proches?)\b)(?:{KIN})\b(?!\s+(?:de\s+garde|du\s+cabinet))"
    r"|\b(?:de|du|a|chez)\s+(?:la|le|l'|ma|mon|notre|cette|ce)\s*(?:patiente?|residente?|dame|monsieur|beneficiaire)\b"
    r"|\b(?:d'une?|de)\s+(?:de\s+)?mes\s+patiente?s\b"
    r"|\b(?:est|sont|reste|restent)\s+joignables?\b|\b(?:l'|la\s+|le\s+|les\s+|lui\s+)(?:appeler|joindre|contacter|rappeler)\b"
    r"|\bappelez\s+(?:son|sa|ses|leur|la|le|l')\b|\bcontactez\s+(?:son|sa|ses|leur|la|le|l')\b)"
)


def _owner(ctx, start: int, end: int) -> str:
    before = ctx.before(start, 70)
    sentence_before = ctx.before(start, 220)
    after = ctx.after(end, 25)
    near = before[-45:]
    # the closest cue wins: a first-person cue right before the number keeps the exemption,
    # otherwise an attribution to the patient or a relative beats the ad / author exemption
    fp = [m.end() for m in FIRST_PERSON.finditer(sentence_before)]
    tp = [m.end() for m in THIRD_PERSON.finditer(sentence_before)]
    if tp and (not fp or max(tp) > max(fp)):
        return "relative"
    if fp and max(fp) >= len(sentence_before) - 45 or FIRST_PERSON_AFTER.match(after):
        return "author"
    if RELATIVE.search(before) and not re.search(r"\b(contactez|appelez|joignable|me joindre)\b", near[-30:]):
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
