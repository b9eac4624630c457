"""Q: quasi-identifiers — commune or region (Q1), named establishment (Q2), social role (Q3).

They count only together with health information about a specific person (policy.py).
Places that are obviously not the patient's (the CPAM of a département, the author's own
town in an ad) are not reported.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicons as lx
from ..types import QUASI, Hit

LINK = {"de", "du", "des", "d", "la", "le", "les", "l", "sur", "en", "sous", "lès", "aux", "et"}
PLACE_BEFORE = re.compile(
    r"(?:\b(?:a|au|aux|en|de|du|des|d|sur|vers|pres\s+de|depuis|autour\s+de|cote\s+de|secteur|dans\s+(?:le|la|les|l)"
    r"|village|commune|bourg|ville|quartier|ile|pres|chez|par|entre|pour)(?:\s+l)?|[(,/])\s*['’]?\s*$"
)
INSTITUTION_BEFORE = re.compile(
    r"\b(cpam|cnam|ars|urssaf|cdoi|cd|ordre|conseil\s+departemental|caf|msa|urps|carsat|dreal|prefecture"
    r"|academie|universite|ifsi|fac|cpts|reseau(?:\s+(?:de|d)\s*\w+)*|formation|congres|colloque|union|syndicat"
    r"|mutuelle|ma\s+cpam|mon\s+cdoi)\s*(?:de\s+la|de\s+l|du|des|de|d|en|\()?\s*['’]?\s*$"
)
AUTHOR_PLACE = re.compile(
    r"(\bje\s+suis\s+(?:installee?\s+|base\w*\s+|)?(?:a|sur|en|dans)|\bidel?\s+(?:a|sur|en|depuis)|\binfirmi\w+\s+(?:a|sur|en)"
    r"|\bcabinet\s+(?:\w+\s+){0,2}(?:a|de|sur|en|au)|\bcabinet\s*$|ma\s+commune|mon\s+secteur|mon\s+village"
    r"|\bje\s+(?:vis|travaille|bosse|exerce|habite)\s+(?:a|sur|en|dans)|\bmoi\s+(?:a|sur)|\bformation\s+(?:a|sur)"
    r"|\bcovoit\w*\s+depuis|installee?\s+(?:a|sur|en)|\bvers|\bautour\s+d|\brayon|\bsecteur|\bzone)\s*['’]?\s*$"
)
ISLAND = re.compile(
    r"\b(?:l['’]\s*)?(?:quartier|[îi]le|[îi]les|presqu['’][îi]le|vall[ée]e|plateau|massif|val|pays|cirque|baie|marais|causse"
    r"|gorges|mont|monts|c[ôo]te|canton|haute[- ]vall[ée]e)\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*"
    r"[A-ZÀ-Ý][\w'’\-]*(?:\s+[A-ZÀ-Ý][\w'’\-]*)?"
)
EST_TYPES = (
    r"EHPAD|Ehpad|ehpad|[Cc]linique|[Pp]olyclinique|[Hh][ôo]pital(?:\s+de\s+jour)?|CHU|CHRU|CHR|CHI|CHS|CHG|CH|GHU|AP-HP|APHP"
    r"|[Cc]entre\s+hospitalier(?:\s+universitaire|\s+r[ée]gional|\s+intercommunal)?"
    r"|[Cc]entre(?:\s+(?:de\s+(?:dialyse|r[ée][ée]ducation|soins|sant[ée]|lutte\s+contre\s+le\s+cancer|radioth[ée]rapie)"
    r"|anticanc[ée]reux|m[ée]dico-\w+))?|[Ii]nstitut|[Rr][ée]sidence(?:\s+(?:autonomie|seniors?|services))?"
    r"|[Ff]oyer(?:[- ]logement|\s+de\s+vie)?|[Mm]aison\s+de\s+retraite|MAS|FAM|SSR|USLD|SMR|[Mm]aternit[ée]|IME|ESAT|MECS"
    r"|[Ss]ervice\s+(?:de\s+|d['’])[\w-]+(?:\s+[\w-]+)?|[Uu]nit[ée]\s+(?:de\s+|d['’])[\w-]+|[Uu]rgences|[Pp]avillon"
)
NAME_TAIL = r"(?:\s+(?:(?!(?:Mme|Mr|M|Dr|Pr|Mlle|Madame|Monsieur)\b)[A-ZÀ-Ý][\w'’\-]*|de|du|des|la|le|les|sur|en|l['’]|d['’]))*"
ESTABLISHMENT = re.compile(
    rf"\b(?P<type>{EST_TYPES})\s+(?P<name>(?:(?:L[ea]s?|L['’])\s*)?[A-ZÀ-Ý][\w'’\-]*{NAME_TAIL}"
    rf"|(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*[A-ZÀ-Ý][\w'’\-]*{NAME_TAIL})"
)
# Q1 below the commune: a named neighbourhood, housing estate or hamlet ("quartier de Kerfeunteun",
# "cité des Aubépines", "lotissement Les Genêts", "au lieu-dit Penhoat", "hameau du Bois")
NEIGHBOURHOOD = re.compile(
    r"(?<![\w-])(?P<type>(?i:quartiers?|lotissement|lot\.|hameau|lieu[- ]?dit|(?<=la\s)cit[ée]|(?<=La\s)cit[ée]|Cit[ée]))"
    r"[ \t]+(?:(?i:de\s+la|de\s+l['’]|du|des|de|d['’])[ \t]*)?(?:(?:L[ea]s?[ \t]+|L['’][ \t]*))?"
    r"(?!(?:Mme|Mr|M|Dr|Pr|Mlle|Madame|Monsieur)\b)[A-ZÀ-Ý][\w'’\-]*"
    r"(?:[ \t]+(?:(?!(?:Mme|Mr|M|Dr|Pr|Mlle|Madame|Monsieur)\b)[A-ZÀ-Ý][\w'’\-]*|de|du|des|la|le|les|l['’]|d['’]))*"
)
NOT_NEIGHBOURHOOD = re.compile(r"^(?:EHPAD|CHU|CH|HAD|SSIAD|IDE|IDEL|CPAM|ARS|NGAP|BSI|AMI)$")
NOT_EST_NAME = re.compile(r"^(?:PICC|HAD|SSIAD|IDE|IDEL|CPAM|ARS|MT|SAMU|PCA|PSE|INR|AMI|BSI|NGAP|DMP|CR|ORDO)\b")


@lru_cache(maxsize=1)
def _role_pattern() -> re.Pattern:
    roles = "|".join(re.escape(r) for r in lx.roles())
    pre = (r"(?:l['’]\s*ancien(?:ne)?|l['’]\s*ex[- ]?|le\s+vieux|la\s+vieille|le\s+jeune|la\s+jeune|le\s+nouveau|la\s+nouvelle"
           r"|l['’]|le|la|notre|un\s+ancien|une\s+ancienne|ancien(?:ne)?|ex[- ]"
           r"|(?:le|la)\s+(?:fils|fille|femme|mari|veuve|m[eè]re|p[eè]re|fr[eè]re|s[oœ]eur|petit-fils|petite-fille)\s+(?:du|de\s+la|de\s+l['’]))")
    return re.compile(
        rf"\b(?P<pre>{pre})\s*(?P<role>{roles})(?![\w])"
        r"(?=(?P<qual>\s+(?:du|de\s+la|de\s+l['’]|des|de|d['’])\s*(?P<what>[\w'’\-]+)(?:\s+(?:primaire|maternelle|municipal\w*|de\s+[\w\-]+))?)?)",
        re.IGNORECASE,
    )


LOCAL_QUAL = re.compile(r"^(bourg|village|coin|quartier|commune|club|ecole|college|lycee|mairie|paroisse|port|marche"
                        r"|canton|hameau|cite|ile|vallee|station|camping|bar|cafe|restaurant|hotel|garage|ferme|domaine"
                        r"|chateau|eglise|poste|gare|usine|equipe|association|conseil|comite|foot|rugby|basket)")
HEALTH_ROLES = re.compile(r"^(medecin|pharmacien\w*|dentiste|kine|directeur|directrice|president\w*|professeur\w*|gardien\w*|patron\w*|principal\w*)$")
PRO_QUAL = re.compile(r"^(ehpad|clinique|hopital|ssiad|had|cabinet|pharmacie|labo|laboratoire|service|cpam|soins|centre|ars"
                      r"|urssaf|ordre|cdoi|syndicat|reseau|ifsi|residence|foyer|maison|msp|cpts)")


def _places(ctx) -> list[Hit]:
    hits = []
    W = ctx.words
    communes, regions = lx.communes(), lx.regions()
    i = 0
    while i < len(W):
        w = W[i]
        if (not w.cap or w.low in ("dr", "pr", "mme", "mr", "m")) and not (w.low in ("saint", "sainte") and w.cap):
            i += 1
            continue
        found = None
        # longest sequence of capitalised words and links that is a known place
        for j in range(min(len(W) - 1, i + 5), i - 1, -1):
            if not W[j].cap:
                continue
            seg = ctx.text[w.start:W[j].end]
            if re.search(r"[.,;:!?()\n]", seg):
                continue
            if any(not W[k].cap and W[k].low not in LINK for k in range(i, j + 1)):
                continue
            key = lx.place_key(seg)
            if key in communes or (i == j and key in lx.commune_prefixes()):
                found = (j, "place", "Commune où vit ou est soigné le patient", "[commune]")
                break
            if key in regions:
                found = (j, "place", "Lieu où vit ou est soigné le patient", "[lieu]")
                break
        if not found:
            i += 1
            continue
        j = found[0]
        start, end = w.start, W[j].end
        # extend to a leading article that is part of the name ("Le Mans", "L'Île-d'Yeu")
        before = ctx.before(start, 40)
        if not PLACE_BEFORE.search(before) and not re.match(r"\s*\(\d{2,3}\)", ctx.text[end:end + 6]) \
                and not re.search(r"[(]\s*$", ctx.text[max(0, start - 2):start]):
            i = j + 1
            continue
        if w.low in lx.first_names() and re.search(r"\b(?:de|d)\s*['’]?\s*$", before) and \
                re.search(r"(fille|fils|mari|femme|chez|soeur|frere)\s+(?:de|d)\s*['’]?\s*$", before):
            i = j + 1
            continue
        excluded = bool(INSTITUTION_BEFORE.search(before) or AUTHOR_PLACE.search(before))
        hits.append(Hit(start, end, found[1], found[2], found[3], "excluded" if excluded else QUASI, 30))
        i = j + 1
    for m in NEIGHBOURHOOD.finditer(ctx.text):
        end = m.end()
        while True:  # trim trailing links ("quartier des Capucins de")
            tail = re.search(r"[ \t]+(?:de|du|des|la|le|les|l['’]|d['’])$", ctx.text[m.start():end])
            if not tail:
                break
            end = m.start() + tail.start()
        name = re.sub(r"^\S+\s+", "", ctx.text[m.start():end])
        last = re.findall(r"[\w'’\-]+", name)
        if not last or NOT_NEIGHBOURHOOD.match(last[-1]) or len(last[-1]) < 2:
            continue
        excluded = bool(AUTHOR_PLACE.search(ctx.before(m.start(), 40)))
        hits.append(Hit(m.start(), end, "place", "Quartier ou lieu-dit où vit le patient", "[quartier]",
                        "excluded" if excluded else QUASI, 33))
    for m in ISLAND.finditer(ctx.text):
        hits.append(Hit(m.start(), m.end(), "place", "Lieu où vit ou est soigné le patient", "[lieu]", QUASI, 32))
    return hits


def _establishments(ctx) -> list[Hit]:
    hits = []
    for m in ESTABLISHMENT.finditer(ctx.text):
        name = m.group("name")
        if NOT_EST_NAME.match(name):
            continue
        t = m.group("type").lower()
        if t == "ch" and m.group("type") != "CH":
            continue
        # trim trailing links
        end = m.end()
        while True:
            tail = re.search(r"\s+(?:de|du|des|la|le|les|sur|en|l['’]|d['’])$", ctx.text[m.start():end])
            if not tail:
                break
            end = m.start() + tail.start()
        first = re.match(r"(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’]|les|le|la|l['’])\s*)?([\w'’\-]+)", name, re.IGNORECASE).group(1)
        if len(first) < 2:  # "EHPAD Les P." after redaction: an initial is not a name
            continue
        hits.append(Hit(m.start(), end, "establishment", "Établissement où le patient est soigné", "[établissement]",
                        QUASI, 40))
    return hits


def _roles(ctx) -> list[Hit]:
    hits = []
    for m in _role_pattern().finditer(ctx.low):
        pre, role = m.group("pre"), m.group("role")
        what = (m.group("what") or "")
        strong_pre = bool(re.search(r"ancien|ex|vieux|vieille|fils|fille|femme|mari|veuve|mere|pere|frere|soeur", pre))
        if what and PRO_QUAL.match(what):
            continue
        local = bool(what) and (bool(LOCAL_QUAL.match(what)) or ctx.text[m.start("what"):m.start("what") + 1].isupper())
        if HEALTH_ROLES.match(role) and not (strong_pre or (local and LOCAL_QUAL.match(what))):
            continue
        if not (strong_pre or local):
            continue
        end = m.end("role")
        if what and LOCAL_QUAL.match(what):
            end = m.end("qual")
        hits.append(Hit(m.start(), end, "social_role", "Fonction ou métier qui permet de reconnaître le patient",
                        "[fonction]", QUASI, 45))
    return hits


def find(ctx) -> list[Hit]:
    return _places(ctx) + _establishments(ctx) + _roles(ctx)
