"""H: health information (diagnoses, symptoms, treatments, care acts, stays, end of life…)."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicons as lx
from ..types import HEALTH, Hit


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    stems, words = lx.health_terms()
    alts = [re.escape(s) + r"\w*" for s in stems] + [re.escape(w) for w in words]
    alts.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])")


def find(ctx) -> list[Hit]:
    return [Hit(m.start(), m.end(), "health", "Information de santé", m.group(), HEALTH, 0)
            for m in _pattern().finditer(ctx.low)]
