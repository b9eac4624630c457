"""D2: NIR (numéro de sécurité sociale / carte Vitale), with its key checked."""
from __future__ import annotations

import re

from ..types import DIRECT, Hit

try:  # python-stdnum validates the key, Corsica (2A/2B) included
    from stdnum.fr import nir as _stdnum_nir
except ImportError:  # pragma: no cover - the dependency is declared
    _stdnum_nir = None

# a run of digits (and 2A/2B) with spaces, dots, dashes or slashes between groups
CANDIDATE = re.compile(r"(?<![\w])[1-478](?:[ .\-/]{0,3}(?:\d|2[ABab](?=[ .\-/]*\d)|(?<=2)[ABab])){12,16}(?![\w])")
SHAPE = re.compile(r"^([1-478])(\d{2})(\d{2})(\d{2}|2[AB])(\d{3})(\d{3})(\d{2})?$")
REASON = "Numéro de sécurité sociale"
REPLACEMENT = "[n° de sécurité sociale]"


def _key_ok(compact: str) -> bool:
    if _stdnum_nir is not None:
        return _stdnum_nir.is_valid(compact)
    body = compact[:13].replace("2A", "19").replace("2B", "18")
    return 97 - int(body) % 97 == int(compact[13:])


def check(number: str) -> str | None:
    """Classify a number: 'valid' (key checks), 'nokey' (13 chars), 'badkey', or None if not NIR-shaped."""
    compact = re.sub(r"[ .\-/]", "", number).upper()
    m = SHAPE.match(compact)
    if not m:
        return None
    month = int(m.group(3))
    if not (1 <= month <= 12 or 20 <= month <= 42 or 50 <= month <= 99):
        return None
    if m.group(7) is None:
        return "nokey"
    return "valid" if _key_ok(compact) else "badkey"


RUN = re.compile(r"(?<![\w])\d(?:[ .\-/]{0,3}(?:\d|[ABab](?<=2[ABab])))*(?![\w])")


def _significant_prefix(raw: str, want: int) -> int | None:
    """Length of the prefix of raw holding `want` significant characters, ending at a group end."""
    n = 0
    for i, c in enumerate(raw):
        if c not in " .-/":
            n += 1
            if n == want:
                end = i + 1
                return end if end == len(raw) or raw[end] in " .-/" else None
    return None


def find(ctx) -> list[Hit]:
    hits = []
    for m in RUN.finditer(ctx.text):
        run, base = m.group(), m.start()
        k = 0
        while k < len(run):
            rest = run[k:]
            found = None
            if rest[0] in "123478":
                for want in (15, 13):
                    end = _significant_prefix(rest, want)
                    if end is not None:
                        status = check(rest[:end])
                        if status:
                            found = (end, status)
                            break
            if found:
                end, status = found
                reason = REASON if status == "valid" else REASON + " (clé non vérifiée)"
                hits.append(Hit(base + k, base + k + end, "nir", reason, REPLACEMENT, DIRECT, 99))
                k += end
            else:  # next group
                nxt = re.search(r"[ .\-/]+", rest)
                if not nxt:
                    break
                k += nxt.end()
                continue
            sep = re.match(r"[ .\-/]*", run[k:])
            k += sep.end()
    return hits
