"""D1: names of patients, relatives and private persons in a care context.

Three ways a name is recognised:

* a civility followed by a surname ("Mme Dupont", "mr nguyen", "M. Le Goff", "Madame Haddad");
* a first name or surname in a patient context ("mamie Jeanne", "ma patiente Fatou", "son fils
  Karim", "chez Huguette", "le père Le Bihan"), or standing alone as the subject of a sentence
  in a post about care ("Germaine a encore chuté", "dupuis veut plus…");
* any other occurrence of a name already found in the same post ("Boulanger refuse…" when
  "Mme Boulanger" is named elsewhere).

Professionals acting professionally ("le Dr Martin", "ma collègue Sophie"), the author's own
name (signature, "je suis Camille", an ad's contact), public figures, software and drug names,
and initials alone ("Mme D.", "M. X") are not names of patients.
"""
from __future__ import annotations

import bisect
import re

from .. import lexicons as lx
from ..types import DIRECT, Hit

CIVILITIES = {"m": "M.", "mr": "M.", "mme": "Mme", "mlle": "Mlle", "melle": "Mlle", "mmes": "Mmes", "mm": "MM.",
              "madame": "Madame", "monsieur": "Monsieur", "mademoiselle": "Mademoiselle", "mde": "Mme"}
PARTICLES = {"de", "du", "des", "d", "le", "la", "l", "van", "von", "der", "den", "da", "das", "dos", "do", "di",
             "del", "della", "el", "al", "ben", "ibn", "bin", "abou", "ould", "mac", "mc", "ter", "ten", "lo", "y"}
DOCTOR = re.compile(r"\b(dr|docteur|docteure|pr|professeur|professeure|doc)\.?\s*$")
PRO_ROLE = (r"dr|docteur|pr|professeur|collegues?|confreres?|consoeurs?|associee?s?|(?:mon|ma|notre|nos|mes)\s+(?:\w+\s+){0,2}amie?s?|remplacante?s?|titulaires?"
            r"|successeure?|predecesseure?|commerciale?|support|secretaire|technicien\w*|conseill\w+|stagiaire"
            r"|etudiante?|cadre\s+(?:de\s+sante|infirmier\w*|du\s+service)|mediat\w+|delegue\w*|inspect\w+|controleu\w+|infirmi\w+|ide|idel|ipa|kine\w*"
            r"|medecin|pharmacien\w*|avocat\w*|comptable|notaire|assistante?|psychologue|dieteticien\w*|podologue"
            r"|orthophoniste|ergotherapeute|chirurgien\w*|oncologue|cardiologue|diabetologue|generaliste|interne"
            r"|formateur|formatrice|presidente?|responsable|directeur|directrice|juge|ministre|depute\w*|maire|remplace\w*"
            r"|interlocut\w+|ambulanci\w+|auxiliaire|aide-soignante?|sage-femme|idec|coordinat\w+|cadre\s+de\s+sante")
PRO_BEFORE = re.compile(
    rf"(?:\b(?:{PRO_ROLE})\b[^.!?;]{{0,22}}|\b(?:merci|bravo|hommage|felicitations|pensees?)\b(?:\s+(?:a|pour|beaucoup|encore|infiniment))*(?:\s+\w+){{0,2}}"
    r"|\b(?:je\s+suis|je\s+m.appelle|moi\s+c.est|ici\s+c.est|signe|demander|demandez|contact|contactez|appelez(?:[- ]moi)?"
    r"|de\s+la\s+part\s+de|bises|bisous|amities|cordialement|a\s+bientot|mon\s+fils|ma\s+fille|mon\s+mari|ma\s+femme"
    r"|mon\s+compagnon|ma\s+compagne|mon\s+conjoint|ma\s+conjointe|mes\s+enfants|mon\s+frere|ma\s+soeur|ma\s+mere"
    r"|mon\s+pere|ma\s+grand-mere|mon\s+grand-pere|mon\s+bebe|ma\s+petite|mon\s+petit|notre\s+fils|notre\s+fille"
    r"|figures?|exposes?|auteure?|livre|film|serie)\b[^.!?;]{0,12})\s*[,:(\"«]?\s*$"
)
CIV_PRO_BEFORE = re.compile(rf"\b(?:{PRO_ROLE})\s*[,(]?\s*(?:est\s+|c.est\s+)?$|\b(?:{PRO_ROLE})\b(?:(?!\b(?:mme|mr|m|madame|monsieur)\b)[^.!?;,:\d]){{0,25}},\s*$|(?:s.appelle|se\s+nomme|nommee?)\s*$")
CIV_PRO_AFTER = re.compile(rf"^\s*[,(]\s*(?:notre\s+|ma\s+|mon\s+|la\s+|le\s+)?(?:{PRO_ROLE})\b")
STRONG_BEFORE = re.compile(
    r"\b(mamie|mamy|mami|mamee|papi|papy|pepe|meme|memere|pepere|grand-mere|grand-pere|tonton|tata|tatie|tantine"
    r"|(?:mon|ma|notre|le|la|une?|cette|ce|petite?|jeune)\s+(?:petite?\s+|jeune\s+|vieux\s+|vieille\s+)?(?:patiente?|residente?|malade)"
    r"|(?:son|sa|leur|ses)\s+(?:mari|femme|epouse|epoux|fille|fils|soeur|frere|belle-fille|beau-fils|gendre|bru"
    r"|belle-mere|beau-pere|belle-soeur|beau-frere|petit-fils|petite-fille|niece|neveu|mere|pere|enfants?"
    r"|compagne|compagnon|conjointe?|aidante?|voisine?|tutrice|tuteur|ami|amie|cousine?|oncle|tante|parrain|marraine)"
    r"|(?:la|le|du|de\s+la|au|a\s+la|chez\s+la|chez\s+le)\s+(?:fille|fils|pere|mere|veuve|vieux|vieille|famille|petite|petit|gamin|gamine)"
    r"|chez\s+les?|chez)\s*[,:(]?\s*$"
    r"|\b(?:fille|fils|mari|femme|epouse|epoux|soeur|frere|petit-fils|petite-fille|belle-fille|gendre|neveu|niece|voisine?"
    r"|aidante?|patiente?)\b[^.!?;()]{0,40}\(\s*$"
)
GREETINGS = {"bonjour", "bonsoir", "coucou", "salut", "hello", "hey", "merci", "bravo", "re", "cc", "slt", "bjr", "cher",
             "chere", "felicitations"}
AFTER_PRO = re.compile(
    r"^\s*(?:et\s+moi\b|,?\s*(?:ma|mon|notre|nos|l['’]|la|le)\s*(?:collegue|associee?|remplacante?|consoeur|confrere"
    r"|titulaire|binome|idec|infirmiere|infirmier|ide|idel|secretaire|cadre|coordinatrice|coordinateur|kine|medecin"
    r"|aide-soignante?|stagiaire|etudiante?|tutrice|tuteur|marraine|parrain)\b|,?\s*(?:infirmi\w+|ide|idel|ipa|kine\w*"
    r"|aide-soignante?|secretaire|idec)\b|(?:m['’]|nous|t['’]|l['’])\s*a\s+remplace|(?:me|nous|te)\s+remplace)"
)
FAMILIAR = {"mamie", "mamy", "mami", "mamee", "papi", "papy", "pepe", "meme", "memere", "pepere", "tonton", "tata",
            "tatie", "tantine", "madame", "monsieur"}
APPOSITION = re.compile(
    r"^\s*(?:et\s+[A-ZÀ-Ý][\w'’-]+\s*)?[,(]\s*(?:mon|ma|mes|notre|nos)\s+(?:\w+\s+){0,2}?"
    r"(?:patiente?s?|diabetiques?|diabétiques?|residente?s?|résidente?s?|malades?|dames?|messieurs?|mamies?|papis?"
    r"|insulin\w*|dialys\w*|greff\w*|grabataires?|palliatifs?|chouchous?|habitu\w+|anciens?|anciennes?)\b",
    re.IGNORECASE,
)
PATIENT_LIST_BEFORE = re.compile(r"(?:patiente?s?|prenom|prenoms|nom|noms)\b[^.!?;]{0,40}\(\s*$")
VERBISH = re.compile(
    r"^\s*(?:\(|,\s*(?:mon|ma|mes|notre|nos)\b|et\s+\w+\s*,\s*(?:mes|nos)\b|(?:ne\s+|n['’]|me\s+|m['’]|se\s+|s['’]|l['’]|lui\s+|y\s+|en\s+)*"
    r"(?:a|ai|est|va|veut|voulait|refuse|fait|dit|doit|peut|prend|mange|dort|tombe|chute|appelle|pleure|crie|insulte"
    r"|accepte|sort|rentre|revient|arrive|part|reste|vit|habite|oublie|vomit|saigne|tousse|souffre|plaint|etait"
    r"|avait|allait|sera|aura|supporte|perd|boit|marche|parle|comprend|sait|voit|entend|attend|a\s+encore|est\s+passe"
    r"|ont|sont|vont|veulent|refusent|font)\b)",
)
AFTER_AUTHOR = re.compile(r"^\s*(?:[A-ZÀ-Ý][\w'’-]+\s*)?(?:,|\(|:|-)?\s*(?:\+33|0[1-9](?:[\s.]?\d{2}){4}|\[t[ée]l[ée]phone\]|\[e-mail\]|[\w.+-]+@|rpps|idel|infirmi|ide\b|tel|tél|06|07)", re.IGNORECASE)
SKIP_AFTER_WORDS = re.compile(
    r"\b(rue|avenue|boulevard|bd|place|allee|impasse|chemin|route|quai|square|lieu-dit|hameau|saint|sainte|st|ste"
    r"|maladie|syndrome|echelle|score|signe|test|methode|loi|plan|prix|rapport|lycee|college|ecole|fondation"
    r"|institut|centre|clinique|hopital|ehpad|residence|chu|ch|chr|maternite|service|pont|gare|parc|stade|salle"
    r"|universite|fac|faculte|dispositif|reseau|association|cabinet|pharmacie|laboratoire|labo|marque|logiciel"
    r"|appli|application|societe|entreprise|groupe|editeur|vallee|ile|pays|mont|massif|region|departement"
    r"|commune|ville|village|quartier|secteur|zone|dr|docteur|pr|professeur|protocole|sonde|classification)\s*(?:de\s+la|de\s+l['’]|du|des|de|d['’])?\s*$"
)
SCHEDULE_AFTER = re.compile(r"^\s*(?:[,:(-]\s*)?(?:a\s+|à\s+)?\d{1,2}\s*h(?:\s*\d{2})?\b")
CARE_WORDS = re.compile(
    r"\b(?:patient|soin|tournee|planning|rempla|passage|factur|cot[ea]|vitale|ordo|domicile|visite|pilulier|transmission|dossier|fiche"
    r"|naissance|toilette|securite sociale|secu|telephone|adresse|habite|refuse|mange|dort|tombe|chute|pleure)"
    r"|\b(?:famille|fse|nir|chez|ipp|nda|chambre|lit|nee?\s+(?:le|en)|ans|fille|fils|mari|femme)\b"
)
PLACE_PREP = re.compile(r"(?:\b(?:a|au|en|vers|sur|pres\s+de|depuis|autour\s+de|du\s+cote\s+de|secteur|region|"
                        r"entre)|\bde|\bd['’])\s*$")


def _initial(name: str) -> str:
    for part in re.split(r"[\s'’]+", name):
        if part and part.lower() not in PARTICLES:
            return part[0].upper() + "."
    return name[:1].upper() + "."


def _common(low: str) -> bool:
    return low in lx.french_words()


_SYMBOLS = re.compile(r"^(?:\s*(?:[\u2600-\u27bf\U0001F000-\U0001FAFF\u200d\ufe0f\u20e3]+|[.…!]{1,4}|:[-']?[)(DpP]|\^\^|x+D))+(?=\s)")


def _skip_symbols(after: str) -> str:
    """The text after a name without the emoji, smileys or "!!"/"…" between the name and its verb
    ("Odette 😂 m'a dit", "Lebreton… refuse"), so the verb is still seen."""
    return _SYMBOLS.sub("", after, count=1)


def _inflected_common(text: str) -> bool:
    """A lowercase past participle or adjective in an inflected form ("née", "opérés", "âgée"):
    the feminine / plural of a common word is not a name even when the lexicons list it."""
    m = re.fullmatch(r"(.+?[ée])(e?s?)", text.lower())
    if not m or not m.group(2) or not re.search(r"[éèêë]", text):
        return False
    return _common(lx.fold(m.group(1)))


def _is_first(low: str, min_count: int = 100) -> bool:
    return lx.first_names().get(low, 0) >= min_count


def _is_surname(low: str, min_count: int = 30) -> bool:
    return lx.surnames().get(low, 0) >= min_count


def _clause_start(ctx, pos: int) -> bool:
    """True at the start of the text or right after . ! ? : ; or a new line."""
    head = ctx.text[max(0, pos - 12):pos]
    if not head.strip() and pos - len(head) == 0:
        return True
    return bool(re.search(r"[.!?:;\n…]\s*$", head))


class _Finder:
    def __init__(self, ctx):
        self.ctx = ctx
        self.words = ctx.words
        self.hits: list[Hit] = []
        self.used: set[int] = set()  # word indexes already decided (name or not)
        self.name_forms: set[str] = set()
        self.decision: dict[int, bool] = {}

    # -- civility + surname ------------------------------------------------------------
    def civilities(self):
        ctx, W = self.ctx, self.words
        for i, w in enumerate(W):
            low = w.low
            if low not in CIVILITIES:
                continue
            if low == "m" and not (w.text == "M" and (ctx.text[w.end:w.end + 1] in (".", " "))):
                continue
            if low in ("mm",) and not w.text.isupper():
                continue
            lower_civ = w.text.islower()
            if low in ("madame", "monsieur", "mademoiselle") and lower_civ and re.search(
                    r"\b(le|la|un|une|ce|cette|du|au|de|ma|mon|petite?|vieux|vieille|gentil|gentille|vieil)\s*$",
                    ctx.before(w.start, 20)):
                continue  # "un monsieur de 72 ans", "la petite madame": generic people
            j, end, core, n_real = i + 1, w.end, [], 0
            while j < len(W) and j - i <= 5:
                nxt = W[j]
                gap = ctx.text[end:nxt.start]
                if not re.fullmatch(r"\.\s{0,3}|\s{1,3}|['’]|\s*-\s*", gap) if j == i + 1 else not re.fullmatch(
                        r"\s{1,2}|['’]", gap):
                    break
                nlow = nxt.low
                if nlow in PARTICLES and j + 1 < len(W) and n_real == 0 and ctx.text[nxt.end:nxt.end + 1] != ".":
                    if nlow in ("le", "la", "l") and not nxt.cap and not W[j + 1].cap:
                        break
                    core.append(j)
                    end = nxt.end
                    j += 1
                    continue
                if n_real == 0:
                    if len(nxt.text) == 1 and j + 1 < len(W) and ctx.text[nxt.end:nxt.end + 1] in "'’" \
                            and W[j + 1].start == nxt.end + 1 and W[j + 1].cap and len(W[j + 1].text) > 1:
                        core.extend([j, j + 1])  # N'Diaye, O'Neill, D'Amico
                        end = W[j + 1].end
                        n_real = 1
                        j += 2
                        continue
                    if len(nxt.text) == 1 and j + 1 < len(W) and re.fullmatch(r"\.\s{1,2}", ctx.text[nxt.end:W[j + 1].start]) \
                            and W[j + 1].cap and len(W[j + 1].text) > 2 and not W[j + 1].upper \
                            and W[j + 1].low not in CIVILITIES and not _common(W[j + 1].low):
                        core.extend([j, j + 1])  # "Mme B. Lefèvre": a first-name initial then the surname
                        end = W[j + 1].end
                        n_real = 1
                        j += 2
                        continue
                    if len(nxt.text) == 1:  # initial: "Mme D.", "M. X"
                        break
                    common = _common(nlow) and not _is_surname(nlow, 1000)
                    if nxt.cap or (lower_civ and not common) or (not common and (_is_surname(nlow) or _is_first(nlow))):
                        if not nxt.cap and common:
                            break
                        core.append(j)
                        end = nxt.end
                        n_real = 1
                        j += 1
                        continue
                    break
                # more name words: "Lebrun Odette", "Marie-Thérèse Le Roux", "Jean de la Fontaine"
                if n_real >= 4:
                    break
                k = j
                while k < len(W) and W[k].low in PARTICLES and W[k].text[:1].isupper() == W[j].text[:1].isupper() \
                        and k - j < 3 and re.fullmatch(r"\s{1,2}|['’]", ctx.text[W[k - 1].end:W[k].start]):
                    k += 1
                if k >= len(W) or (k > j and not re.fullmatch(r"\s{1,2}|['’]", ctx.text[W[k - 1].end:W[k].start])):
                    break
                cand = W[k]
                clow = cand.low
                ok = cand.cap and len(cand.text) > 1 and not cand.upper and clow not in lx.nonperson() \
                    and clow not in CIVILITIES
                if ok and k == j:  # a plain second word must look like a name
                    ok = not _common(clow) and (_is_first(clow, 100) or _is_surname(clow, 30))
                elif ok:  # after a particle ("Le Roux", "de la Tour") any capitalised word
                    ok = W[j].text[:1].isupper() or clow not in lx.french_words() or _is_surname(clow, 30)
                if not ok:
                    break
                core.extend(range(j, k + 1))
                end = cand.end
                n_real += 1
                j = k + 1
            if n_real == 0:
                continue
            while core and W[core[-1]].low in PARTICLES:
                core.pop()
            if not core:
                continue
            end = W[core[-1]].end
            before = ctx.before(w.start, 45)
            after = ctx.low[end:end + 40]
            pro = bool(CIV_PRO_BEFORE.search(before) or CIV_PRO_AFTER.search(after))
            for k in [i] + core:
                self.used.add(k)
            if pro:
                continue
            name = ctx.text[W[core[0]].start:end]
            civ_txt = w.text + ("." if ctx.text[w.end:w.end + 1] == "." and w.low in ("m", "mr", "mme", "mlle") else "")
            span_end = end
            self.hits.append(Hit(w.start, span_end, "patient_name", "Nom d'un patient ou d'un proche",
                                 f"{civ_txt} {_initial(name)}", DIRECT, 95))
            for k in core:
                if W[k].low not in PARTICLES and len(W[k].text) > 2:
                    self.name_forms.add(W[k].low)

    # -- names without civility ---------------------------------------------------------
    def _skip_doctors(self):
        ctx, W = self.ctx, self.words
        for i, w in enumerate(W):
            if w.low in ("dr", "docteur", "docteure", "pr", "professeur", "professeure") and (
                    w.low not in ("pr",) or w.text in ("Pr", "PR", "pr")):
                for k in range(i + 1, min(i + 4, len(W))):
                    if ctx.text[W[k - 1].end:W[k].start].strip(" .") not in ("",):
                        break
                    if W[k].cap or not _common(W[k].low) or W[k].low in PARTICLES:
                        self.used.add(k)
                    else:
                        break

    def _public_figures(self):
        W = self.words
        figures = lx.public_figures()
        for i in range(len(W) - 1):
            if not W[i].cap:
                continue
            for n in (3, 2):
                if i + n <= len(W):
                    key = " ".join(x.low for x in W[i:i + n])
                    if key in figures:
                        self.used.update(range(i, i + n))

    def bare(self):
        ctx, W = self.ctx, self.words
        self._skip_doctors()
        self._public_figures()
        nonperson = lx.nonperson()
        prev_decision = None  # (word index, is_patient)
        for i, w in enumerate(W):
            if i in self.used:
                continue
            low = w.low
            if low in FAMILIAR or low in CIVILITIES or low in GREETINGS or low in PARTICLES and not (w.cap and i + 1 < len(W) and W[i + 1].cap):
                continue
            lead = i  # a capitalised particle starts the name: "Le Bihan", "Van den Broeck"
            if low in PARTICLES:
                k = i
                while k < len(W) and W[k].low in PARTICLES and k - i < 3:
                    k += 1
                if k >= len(W) or not W[k].cap or not re.fullmatch(r"[\s'’]{1,2}", ctx.text[W[k - 1].end:W[k].start]):
                    continue
                w = W[k]
                low = w.low
                self.used.update(range(i, k))
                i = k
            if len(w.text) < 3 or low in nonperson or (w.upper and len(w.text) <= 6):
                continue
            before = ctx.before(W[lead].start, 60)
            if _common(low) and not (_is_first(low) or _is_surname(low)) and not (
                    w.cap and STRONG_BEFORE.search(before)):
                continue
            strong = bool(STRONG_BEFORE.search(before))
            if not strong and PATIENT_LIST_BEFORE.search(before):
                key = lx.place_key(w.text)
                strong = key not in lx.communes() and key not in lx.commune_prefixes()
            is_first = _is_first(low)
            is_sur = _is_surname(low) and not _common(low)
            if not w.cap:
                # lowercase: only in a strong context ("mamie jeanne") or as a clause-initial subject
                if not (is_first or is_sur) or _common(low) or _inflected_common(w.text):
                    continue
                if not strong:
                    if not is_sur or not _clause_start(ctx, w.start):
                        continue
                    if not VERBISH.match(_skip_symbols(ctx.text[w.end:w.end + 60])):
                        continue
            if SKIP_AFTER_WORDS.search(before):
                continue
            # extend to a following name word ("Kowalski Stanislas", "Isabelle Le Floch", "Martin-Dubois")
            j, end = i, w.end
            while j + 1 < len(W) and re.fullmatch(r"\s{1,2}", ctx.text[W[j].end:W[j + 1].start]):
                nxt = W[j + 1]
                if nxt.low in CIVILITIES or nxt.low in FAMILIAR or (j + 1) in self.used:
                    break
                if nxt.cap and not nxt.upper and nxt.low not in nonperson and (
                        _is_first(nxt.low, 100) or (_is_surname(nxt.low, 10) and (
                            not _common(nxt.low) or (j == i and _is_first(W[i].low))))):
                    j, end = j + 1, nxt.end
                elif nxt.low in PARTICLES and j + 2 < len(W) and W[j + 2].cap and nxt.text[:1].isupper():
                    j, end = j + 2, W[j + 2].end
                else:
                    break
            two = j > i
            if two:
                is_first = is_first or any(_is_first(W[k].low) for k in range(i + 1, j + 1))
                is_sur = is_sur or any(_is_surname(W[k].low) and not _common(W[k].low) for k in range(i + 1, j + 1))
            sentence_start = _clause_start(ctx, w.start)
            # context decisions
            coordinated = prev_decision is not None and re.fullmatch(
                r"\s*(?:,\s*(?:et\s+)?|et\s+|&\s*|ou\s+)", ctx.text[W[prev_decision[0]].end:W[lead].start])
            if coordinated:
                patient = prev_decision[1]
            elif not strong and not AFTER_PRO.match(ctx.low[end:end + 40]) and self._listed(i, j, end, before, is_first or _is_surname(low)):
                patient = True  # "Le Gall 7h, Morvan 7h30", "Dupont : insuline", "les Dupont refusent"
            elif not strong and (PRO_BEFORE.search(before) or AFTER_PRO.match(ctx.low[end:end + 40])
                                 or re.search(r"(?:^|[.!?:;,]\s*)(?:bonjour|bonsoir|coucou|salut|hello|hey|merci|bravo|re|cc)"
                                              r"\s*[,!]?\s*$", before)
                                 or (re.search(r"\bavec\s*$", before) and re.match(r"\s*,?\s*(?:on|nous)\b",
                                                                                   ctx.low[end:end + 10]))):
                patient = False
            elif ctx.is_ad and not strong:
                patient = False  # names in an ad are the author's, the titulaire's or a colleague's
            elif strong:
                patient = is_first or is_sur or two or w.cap
            elif w.cap and APPOSITION.match(ctx.text[end:end + 60]) and (is_first or _is_surname(low)):
                patient = True
            else:
                tail = re.sub(r"[\s.!)\-—–*]|[^\w\s]", "", ctx.text[end:])
                if len(tail) <= 2 or AFTER_AUTHOR.match(ctx.text[end:end + 30]) or re.fullmatch(
                        r"(?:[A-ZÀ-Ý](?:[\w'’-]+|\.)\s*){1,2}[\s.!)😊✌️🙏💐❤️-]*", ctx.text[end:].strip()):
                    patient = False  # signature or contact of the author
                elif re.search(r"(?:(?<![\d+])(?:\+33|0[1-9])(?:[\s.]?\d{2}){4}|\[t[ée]l[ée]phone\])\s*[,(.\-–]?\s*$",
                               ctx.text[max(0, w.start - 30):w.start]) or PLACE_PREP.search(before) and lx.place_key(ctx.text[w.start:end]) in lx.communes():
                    patient = False
                elif two and (is_first or is_sur):
                    patient = True
                elif is_first and w.cap:
                    patient = not (sentence_start and low in lx.french_lemmas())
                    if patient and not sentence_start and PLACE_PREP.search(before) and not re.search(r"\bchez\s*$", before):
                        patient = lx.place_key(w.text) not in lx.communes()
                elif is_sur:
                    patient = (sentence_start or bool(re.search(r"[(,]\s*$", before))) and bool(VERBISH.match(_skip_symbols(ctx.text[end:end + 60])))
                else:
                    patient = False
                if patient and not self._care_context(w.start):
                    patient = False
            for k in range(i, j + 1):
                self.used.add(k)
            prev_decision = (j, patient)
            if not patient:
                continue
            name = ctx.text[W[lead].start:end]
            self.hits.append(Hit(W[lead].start, end, "patient_name", "Nom ou prénom d'un patient ou d'un proche",
                                 _initial(name), DIRECT, 90))
            for k in range(i, j + 1):
                if W[k].low not in PARTICLES and len(W[k].text) > 2:
                    self.name_forms.add(W[k].low)

    def _listed(self, i: int, j: int, end: int, before: str, known: bool) -> bool:
        """A name in a round schedule, a transmission line, or a family ("les Dupont")."""
        ctx, w = self.ctx, self.words[i]
        if not (w.cap and known) or re.search(r"\b(?:avec|dr|docteur|pr)\s*$", before):
            return False
        after = ctx.text[end:end + 40]
        if SCHEDULE_AFTER.match(after):
            return self._care_context(w.start)
        if re.match(r"\s*:", after) and _clause_start(ctx, w.start):
            self._care_context(w.start)
            return any(end < a < end + 40 for a, _ in self._health_spans)
        if re.search(r"\bles\s*$", before) and VERBISH.match(_skip_symbols(after)):
            key = lx.place_key(ctx.text[w.start:end])
            return key not in lx.communes() and key not in lx.regions() and self._care_context(w.start)
        return False

    def _care_context(self, pos: int) -> bool:
        """Care or health words in the name's sentence or the sentences around it."""
        ctx = self.ctx
        if not hasattr(self, "_health_spans"):
            from . import health
            self._health_spans = [(h.start, h.end) for h in health.find(ctx)]
        sents = ctx.sentences
        k = next((n for n, (a, b) in enumerate(sents) if a <= pos < b), len(sents) - 1)
        lo, hi = sents[max(0, k - 1)][0], sents[min(len(sents) - 1, k + 1)][1]
        if any(lo <= a < hi for a, _ in self._health_spans):
            return True
        low = re.sub(r"\[[^\]]*\]", " ", ctx.low[lo:hi])  # not the replacements of a redacted text
        return bool(CARE_WORDS.search(low))

    # -- other occurrences of a name already found --------------------------------------
    def propagate(self):
        ctx, W = self.ctx, self.words
        taken = sorted((h.start, h.end) for h in self.hits)
        starts = [a for a, _ in taken]
        for w in W:
            if w.low not in self.name_forms:
                continue
            k = bisect.bisect_right(starts, w.start) - 1
            if k >= 0 and taken[k][0] <= w.start < taken[k][1]:
                continue
            if DOCTOR.search(ctx.before(w.start, 15)):
                continue
            self.hits.append(Hit(w.start, w.end, "patient_name", "Nom ou prénom d'un patient ou d'un proche",
                                 _initial(w.text), DIRECT, 85))


def find(ctx) -> list[Hit]:
    f = _Finder(ctx)
    f.civilities()
    f.bare()
    f.propagate()
    return f.hits
