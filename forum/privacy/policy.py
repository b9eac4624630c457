"""The hold policy (shared/spec/privacy-hold-policy.md) applied to the recognizers' hits.

HOLD when the post contains a direct identifier (D) of a patient or relative, or health
information about a specific person together with a quasi-identifier (H + Q). When it
holds, the findings are the direct identifiers plus every quasi-identifier, so that the
redacted text is publishable; health information itself is never redacted.
"""
from __future__ import annotations

import bisect
import re

from . import lexicons
from .recognizers import address, ages, contact, dates, health, names, nir, quasi, rooms
from .text import Context
from .types import DIRECT, HEALTH, QUASI, Finding, Hit, Verdict

RECOGNIZERS = (nir, contact, address, dates, rooms, ages, names, quasi, health)

# a specific person the health information is about (folded text)
SPECIFIC = re.compile(
    r"(?<!\w)(?:(?:un|une|le|la|l'|ma|mon|cette|ce|notre|d'une|d'un|du|de\s+la|seule?|jeune|petite?|vieux|vieille)\s+"
    r"(?:petite?\s+|jeune\s+|vieux\s+|vieille\s+|vieil\s+)?(?:patiente?|dame|monsieur|homme|femme|residente?|enfant|bebe"
    r"|maman|papa|mamie|papi|papy|mamy|ado|adolescente?|personne|malade|famille|couple|fillette|garcon|gamin|gamine"
    r"|retraitee?|agricultrice|agriculteur|veuve|veuf|jeune|gamin|gamine|petit|petite|nourrisson|vieillard|octogenaire"
    r"|monsieur|dame|mamie|papi|quadragenaire|quinquagenaire|sexagenaire|septuagenaire|trentenaire)\b"
    r"|\bune?\s+de\s+mes\s+patiente?s\b|(?:^|[.!?:]\s+)(?:patiente?|femme|homme|enfant|residente?|jeune|bebe|ado)\b"
    r"|\b(?:atteinte?|souffrant|porteuse?|diagnostiquee?|hospitalisee?|decedee?|operee?|suivie?|soignee?)\s+(?:d'|de|du|pour|a)\b"
    r"|\bje\s+(?:le|la|l')\s*(?:soigne|suis|vois)\b|\bque\s+je\s+(?:soigne|suis|vois)\b|\bmon\s+patient\b|\bma\s+patiente\b"
    r"|\bles\s+\w+\s+d'une\s+patiente\b|\bsa\s+(?:fille|femme|mere)\b|\bson\s+(?:fils|mari|pere)\b|\bses\s+enfants\b)"
)


def _resolve(hits: list[Hit], text: str) -> list[Hit]:
    """Non-overlapping hits: higher priority first, then longer; a lower-priority hit that
    overlaps is cut down to its longest uncovered part (so nothing it covered is left visible
    by accident), or dropped when nothing meaningful remains."""
    starts: list[int] = []  # kept spans, sorted and disjoint
    kept: list[Hit] = []
    for h in sorted(hits, key=lambda h: (-h.priority, -(h.end - h.start), h.start)):
        if not (0 <= h.start < h.end <= len(text)):
            continue
        idx = bisect.bisect_left(starts, h.end)
        blockers = []
        k = idx - 1
        while k >= 0 and kept[k].end > h.start:
            blockers.append(kept[k])
            k -= 1
        if not blockers:
            i = bisect.bisect_left(starts, h.start)
            starts.insert(i, h.start)
            kept.insert(i, h)
            continue
        segments, pos = [], h.start
        for b in sorted(blockers, key=lambda b: b.start):
            if b.start > pos:
                segments.append((pos, b.start))
            pos = max(pos, b.end)
        if pos < h.end:
            segments.append((pos, h.end))
        best = None
        for a, e in segments:
            while a < e and not text[a].isalnum():
                a += 1
            while e > a and not text[e - 1].isalnum():
                e -= 1
            if sum(c.isalnum() for c in text[a:e]) >= 2 and (best is None or e - a > best[1] - best[0]):
                best = (a, e)
        if best is None:
            continue
        if best != (h.start, h.end):
            h = Hit(best[0], best[1], h.kind, h.reason, h.replacement, h.level, h.priority)
        i = bisect.bisect_left(starts, h.start)
        starts.insert(i, h.start)
        kept.insert(i, h)
    return kept


def evaluate_hits(text: str) -> tuple[bool, list[Hit], dict]:
    lexicons.load_all()  # once per process (cached): keeps every scan's latency predictable
    ctx = Context(text)
    hits: list[Hit] = []
    for rec in RECOGNIZERS:
        hits.extend(rec.find(ctx))
    direct = [h for h in hits if h.level == DIRECT]
    quasi_hits = [h for h in hits if h.level == QUASI]
    health_hits = [h for h in hits if h.level == HEALTH]
    specific = bool(direct) or any(h.kind == "social_role" for h in quasi_hits) or bool(SPECIFIC.search(ctx.low))
    hq = bool(quasi_hits) and bool(health_hits) and specific and not (ctx.is_ad and not direct)
    hold = bool(direct) or hq
    info = {"direct": direct, "quasi": quasi_hits, "health": health_hits, "specific": specific, "ad": ctx.is_ad}
    if not hold:
        return False, [], info
    # in a held post the author's or cabinet's commune is redacted too: it narrows the patient down
    excluded = [h for h in hits if h.level == "excluded"]
    chosen = _resolve(direct + quasi_hits + excluded, text)
    return True, chosen, info


def scan(text: str) -> Verdict:
    if not isinstance(text, str):
        raise TypeError("scan() expects a str")
    if not text.strip():
        return Verdict(False, [])
    hold, hits, _ = evaluate_hits(text)
    return Verdict(hold, [h.finding() for h in hits])


def _apply(text: str, findings) -> str:
    out, pos = [], 0
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.start < pos or f.end > len(text) or f.start < 0:
            continue
        out.append(text[pos:f.start])
        out.append(f.replacement)
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def redact(text: str, findings, *, complete: bool = True) -> str:
    """Replace every finding by its replacement.

    With ``complete`` (the default) the result is scanned again and redacted until it is
    publishable (at most a few rounds): removing one name can change how a neighbouring
    word reads, and the proposal shown to the author must never hold again. Pass
    ``complete=False`` to apply exactly the given findings (e.g. the subset an author chose).
    """
    out = _apply(text, findings)
    if complete:
        for _ in range(4):
            v = scan(out)
            if not v.hold:
                break
            out = _apply(out, v.findings)
    return out


__all__ = ["Finding", "Verdict", "redact", "scan"]
