"""D4: postal address of a patient (number + street, or a named street / lieu-dit tied to a patient).

A street used as a place name, or the cabinet's address in an ad, is not an identifier.
"""
from __future__ import annotations

import re

from ..types import DIRECT, QUASI, Hit

STREET_TYPES = (r"rue|avenue|av\.|boulevard|bd|place|all[ée]e|impasse|chemin|route|quai|cours|square|passage"
                r"|lotissement|lot\.|hameau|cit[ée]|voie|sentier|rond-point|faubourg|ruelle|esplanade|promenade"
                r"|traverse|venelle|mont[ée]e|r[ée]sidence|villa|clos|domaine|parc|quartier")
NAME_PART = r"(?:[A-ZÀ-Ý0-9][\w'’\-]*|de|du|des|la|le|les|l['’]|d['’]|et|sur|sous|en|aux?)"
STREET = re.compile(
    rf"(?:(?<!\d)(?P<num>\d{{1,4}})(?:\s?(?:bis|ter|b)\b)?,?\s+)?(?P<type>{STREET_TYPES})\s+"
    rf"(?P<name>(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’]|la|le|les|l['’])\s*)?[A-ZÀ-Ý][\w'’\-]*(?:\s+{NAME_PART})*)",
)
LIEU_DIT = re.compile(r"\b(?:lieu[- ]dit|lieudit|au\s+hameau\s+de|hameau\s+d[eu'’])\s+((?:L[ea]s?\s+|L['’])?[A-ZÀ-Ý][\w'’\-]*(?:\s+[A-ZÀ-Ý][\w'’\-]*)*)")
SLEEPS_UNDER = re.compile(
    r"\b(?:dort|vit|vivent|habite|habitent|loge|squatte|dorment)\s+(?:sous|sur|dans|pr[eè]s\s+d[eu]|au|à|a)\s+"
    r"(?:le|la|l['’]|les)?\s*(?:pont|gare|parc|square|quai|place|tunnel|passerelle|porche)\s+"
    r"(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*[A-ZÀ-Ý][\w'’\-]*"
)

# the address belongs to the author or the cabinet
AUTHOR = re.compile(r"(cabinet|recuperer|locaux|bureau|siege|permanence|formation|reunion|rendez-vous\s+au|rdv\s+au|"
                    r"salle|mairie|maison de sante|msp|pharmacie|laboratoire|labo\b)")
PATIENT = re.compile(
    r"\b(habite|habitent|vit|vivent|domicile|chez|dort|patient|patiente|mme|madame|monsieur|mr|m\.|dame|"
    r"residente?|famille|fille|fils|mari|femme|mamie|papi|elle|il|lui|sa maison|son appartement|demeure)\b"
)
TRAILING_STOP = {"de", "du", "des", "la", "le", "les", "l'", "d'", "et", "sur", "sous", "en", "au", "aux", "l’", "d’"}


def _trim(text: str, start: int, end: int) -> int:
    """Drop trailing particles ("rue des Lilas a" -> "rue des Lilas")."""
    words = text[start:end].split()
    while words and words[-1].lower() in TRAILING_STOP:
        words.pop()
    span = " ".join(words)
    i = text.find(span, start)
    return i + len(span) if i >= 0 else end


def find(ctx) -> list[Hit]:
    hits = []
    for m in STREET.finditer(ctx.text):
        street_type = m.group("type").lower()
        if street_type == "résidence" or street_type == "residence":
            continue  # establishments are handled by the quasi recognizer
        end = _trim(ctx.text, m.start(), m.end())
        # stop at a comma-free town: "rue de la Gare à Montluçon" keeps only the street
        before = ctx.before(m.start(), 80)
        sentence = ctx.sentence_low(m.start())
        author = bool(AUTHOR.search(before)) or ctx.is_ad
        if m.group("num"):
            if author:
                continue
            hits.append(Hit(m.start(), end, "address", "Adresse d'un patient", "[adresse]", DIRECT, 70))
        elif street_type in ("rue", "avenue", "impasse", "chemin", "allée", "allee", "boulevard", "bd", "route",
                             "place", "quai", "hameau", "lotissement", "cité", "cite", "square", "clos", "villa",
                             "ruelle", "venelle", "passage"):
            if author or not PATIENT.search(sentence):
                continue
            hits.append(Hit(m.start(), end, "address", "Rue où habite un patient", "[adresse]", DIRECT, 60))
    for m in LIEU_DIT.finditer(ctx.text):
        if AUTHOR.search(ctx.before(m.start(), 80)) or ctx.is_ad:
            continue
        level = DIRECT if PATIENT.search(ctx.sentence_low(m.start())) else QUASI
        hits.append(Hit(m.start(), m.end(), "address", "Lieu-dit où habite un patient", "[lieu-dit]", level, 65))
    for m in SLEEPS_UNDER.finditer(ctx.text):
        s = m.start() + re.search(r"(?:sous|sur|dans|pr[eè]s\s+d[eu]|au|à|a)\s+", m.group()).end()
        hits.append(Hit(s, m.end(), "address", "Lieu de vie d'un patient", "[lieu]", DIRECT, 60))
    return hits
