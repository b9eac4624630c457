"""D7: an age of 90 or over tied to a patient ("ma patiente de 96 ans", "quatre-vingt-quinze ans")."""
from __future__ import annotations

import re

from ..types import DIRECT, Hit

_UNITS = {"": 0, "un": 1, "et-un": 1, "et un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
          "sept": 7, "huit": 8, "neuf": 9}
_TEENS = {"dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
          "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19}
WORD_AGE = re.compile(
    r"\b(?P<w>cent(?:[\s-](?:et[\s-])?(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix))?"
    r"|quatre[\s-]vingts?[\s-](?:et[\s-])?(?:dix[\s-](?:sept|huit|neuf)|dix|onze|douze|treize|quatorze|quinze|seize)"
    r"|nonante(?:[\s-](?:et[\s-])?(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf))?)\s+ans\b",
    re.IGNORECASE,
)
DIGIT_AGE = re.compile(r"(?<![\w,.])(?P<n>\d{2,3})\s*(?:ans|an|a)\b(?!\s*(?:de\b|d['’])\s*(?:(?!origine)[a-zà-ÿ]|m[ée]tier|carri|exercice|exp|"
                       r"libéral|liberal|service|mariage|tourn|pratique|diplôme|diplome|boite|boîte|maison|cabinet|"
                       r"anciennet|retraite|cotisation))", re.IGNORECASE)
WORDS_AGED = re.compile(r"\b(centenaire|nonag[ée]naire|supercentenaire)s?\b", re.IGNORECASE)
GENERIC_BEFORE = re.compile(
    r"(?<![\w])(plus\s+de|moins\s+de|de\s+plus\s+de|au[- ]dela\s+de|apres|avant|jusqu.a|depuis|pendant|durant|il\s+y\s+a|"
    r"tous\s+les|sur|entre|les|des|aux|partir\s+de|a\s+partir\s+de|ou\s+de|et|dans|vers|pour|d.ici|de\s+\d+\s+a|"
    r"en|que\s+les|ages\s+de)\s*$|(?:>|≥)\s*$"
)


AUTHOR_FAMILY = re.compile(
    r"\b(?:ma|mon|notre|mes)\s+(?:propre\s+)?(?:mere|pere|grand-mere|grand-pere|grands-parents|belle-mere|beau-pere"
    r"|tante|oncle|grand-tante|grand-oncle|arriere-grand-mere|arriere-grand-pere|parents)\b[^.!?;]{0,30}$"
)


PLURAL_BEFORE = re.compile(r"\b(?:patients|patientes|personnes|gens|ceux|celles|residents|residentes|malades|seniors"
                           r"|retraites|beneficiaires|assures)\s+(?:de|d'|ages?\s+de|agees?\s+de)\s*$")
OR_MORE_AFTER = re.compile(r"^\s*(?:et\s+plus|ou\s+plus|\+|et\s+au[- ]dela|minimum)")


def _generic(ctx, start: int, end: int) -> bool:
    before = ctx.before(start, 40)
    return bool(GENERIC_BEFORE.search(before[-25:]) or PLURAL_BEFORE.search(before)
                or OR_MORE_AFTER.match(ctx.low[end:end + 20]) or AUTHOR_FAMILY.search(ctx.before(start, 60)))


def _word_value(w: str) -> int:
    w = w.lower().replace(" ", "-")
    if w.startswith("cent"):
        return 100
    if w.startswith("nonante"):
        return 90
    rest = re.sub(r"^s?-", "", w.split("vingt", 1)[1]).replace("et-", "")
    return 80 + _TEENS.get(rest, _UNITS.get(rest, 0))


def find(ctx) -> list[Hit]:
    hits = []
    for m in DIGIT_AGE.finditer(ctx.text):
        n = int(m.group("n"))
        if not 90 <= n <= 125:
            continue
        if _generic(ctx, m.start(), m.end()):
            continue
        hits.append(Hit(m.start(), m.end(), "age_90_plus", "Âge de 90 ans ou plus associé à un patient", "[âge]",
                        DIRECT, 50))
    for m in WORD_AGE.finditer(ctx.text):
        if _word_value(m.group("w")) < 90 or _generic(ctx, m.start(), m.end()):
            continue
        hits.append(Hit(m.start(), m.end(), "age_90_plus", "Âge de 90 ans ou plus associé à un patient", "[âge]",
                        DIRECT, 50))
    for m in WORDS_AGED.finditer(ctx.text):
        if GENERIC_BEFORE.search(ctx.before(m.start(), 25)) or re.search(r"\b(les|des)\s*$", ctx.before(m.start(), 8)):
            continue
        hits.append(Hit(m.start(), m.end(), "age_90_plus", "Âge de 90 ans ou plus associé à un patient",
                        "personne âgée", DIRECT, 50))
    return hits
