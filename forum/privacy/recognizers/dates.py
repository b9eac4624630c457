"""D5: full dates of birth, and exact calendar dates tied to a patient (fall, admission, death).

Dates that are not about a patient (an ad's availability, a decree, a strike) are left alone.
"""
from __future__ import annotations

import re

from ..types import DIRECT, Hit

MONTHS = (r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre"
          r"|janv\.?|f[ée]vr?\.?|avr\.?|juil\.?|sept\.?|oct\.?|nov\.?|d[ée]c\.?")
DAY_WORDS = (r"premier|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize"
             r"|dix-sept|dix-huit|dix-neuf|vingt|vingt-(?:et-un|deux|trois|quatre|cinq|six|sept|huit|neuf)|trente|trente-et-un")
_NUM = r"(?:et|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante)"
YEAR_WORDS = rf"(?:mil(?:le)?\s+neuf\s+cents?|dix-neuf\s+cents?)(?:[\s-]+{_NUM}\b)*"

NUMERIC = re.compile(
    r"(?<![\d/.\-])(?:"
    r"(?P<d>[0-3]?\d)[/.\-](?P<m>[01]?\d)[/.\-](?P<y>(?:19|20)?\d{2})"  # 03/05/1938, 2/9/36, 05.06.1944
    r"|(?P<iy>(?:19|20)\d{2})-(?P<im>[01]\d)-(?P<id>[0-3]\d)"  # 1936-10-21
    r"|(?P<sd>[0-3]?\d)/(?P<sm>[01]?\d)"  # 22/01 (no year)
    r")(?![\d/])"
)
WORDS = re.compile(
    rf"\b(?:(?:le|du|au|depuis\s+le)\s+)?(?P<day>1er|[0-3]?\d|{DAY_WORDS})\s+(?P<month>{MONTHS})(?!\w)"
    rf"(?:\s+(?P<year>(?:19|20)\d{{2}}|{YEAR_WORDS}))?",
    re.IGNORECASE,
)
BIRTH_CUE = re.compile(r"(\bne\b|\bnee\b|\bnes\b|\bddn\b|naissance|\bnaiss\b|\bn[ée]\(e\))[\s:,.(]*(?:le\s+|en\s+|:)?\s*$")
# the year alone ("née en 1941") is publishable; followed by the day it is a full date of birth
BIRTH_YEAR_FIRST = re.compile(r"(?:\bne\b|\bnee\b|\bnes\b|\bnees\b|\bn[ée]\(e\))[\s,]*en\s+(?P<y>(?:19|20)\d{2})\s*(?:le\s+|au\s+|du\s+)?$")
EVENT = re.compile(
    r"(decede|deces|mort|chute|tombe|hospitalis|hospit|admis|admission|entre[e]?\s+(?:a|en)|sorti|sortie|opere|"
    r"operation|intervention|accouch|enterrement|obseques|inhum|transfer|depuis|arrive[e]?\s+a)"
)
PATIENT = re.compile(
    r"(\bmme\b|\bmadame\b|\bmonsieur\b|\bmr\b|\bm\.\s|\bpatiente?\b|\bresidente?\b|\bdame\b|\bmonsieur\b|\bmamie\b|"
    r"\bpapi\b|\bpapy\b|\bil\b|\belle\b|\bson\b|\bsa\b|\blui\b)"
)
NOT_PATIENT = re.compile(r"(a partir du|jusqu.au|\bdu\s+\S+\s+au\b|\bau\b\s*$|dispo|conge|vacances|rempla|reunion|"
                         r"formation|webinaire|manif|greve|decret|arrete|\bjo\b|journee|campagne|avenant|lot|"
                         r"facture|echeance|cotisation|publie|election)")


def _year(y: str | None) -> int | None:
    if not y or not y.isdigit():
        return None
    n = int(y)
    return n + (1900 if n > 30 else 2000) if n < 100 else n


def _classify(ctx, start: int, end: int, year: int | None, has_day: bool) -> Hit | None:
    before = ctx.before(start, 30)
    sentence = ctx.sentence_low(start)
    split = BIRTH_YEAR_FIRST.search(ctx.before(start, 45))
    if split and has_day:  # "née en 1929 le 8 août": the year then the day, a full date of birth
        return Hit(start - (len(ctx.before(start, 45)) - split.start("y")), end, "birth_date",
                   "Date de naissance d'un patient", "[date]", DIRECT, 75)
    if BIRTH_CUE.search(before):
        return Hit(start, end, "birth_date", "Date de naissance d'un patient", "[date]", DIRECT, 75)
    if year is not None and year < 2000 and has_day:
        return Hit(start, end, "birth_date", "Date de naissance", "[date]", DIRECT, 75)
    if not has_day:
        return None
    near = ctx.before(start, 40)
    if ctx.is_ad or NOT_PATIENT.search(near):
        return None
    if EVENT.search(sentence) and PATIENT.search(sentence):
        return Hit(start, end, "date", "Date précise liée à un patient", "[date]", DIRECT, 55)
    return None


def find(ctx) -> list[Hit]:
    hits = []
    for m in NUMERIC.finditer(ctx.text):
        if m.group("iy"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        elif m.group("y"):
            y, mo, d = _year(m.group("y")), int(m.group("m")), int(m.group("d"))
        else:
            y, mo, d = None, int(m.group("sm")), int(m.group("sd"))
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        h = _classify(ctx, m.start(), m.end(), y, True)
        if h:
            hits.append(h)
    for m in WORDS.finditer(ctx.text):
        s = m.start("day")
        y = _year(m.group("year")) if m.group("year") and m.group("year").isdigit() else (
            1900 if m.group("year") else None)
        h = _classify(ctx, s, m.end(), y, True)
        if h:
            hits.append(h)
    return hits
