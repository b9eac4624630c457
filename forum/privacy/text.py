"""Text helpers shared by the recognizers: folding, sentences, words, post context."""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from .lexicons import fold

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ABBREV = {"m", "mr", "mme", "mlle", "dr", "pr", "st", "ste", "cf", "etc", "env", "av", "bd", "qq", "n", "no",
           "vs", "tel", "tél", "ex", "p", "h", "min", "dept", "ch", "chap", "art"}
_BOUNDARY = re.compile(r"[.!?…]+(?=\s|$)|[;\n]+|\s[-–—]\s")

AD_CUES = re.compile(  # written for folded text (lowercase, no accents)
    r"\b(cherch\w*\s+(?:un\s+|une\s+|un\(e\)\s+|des\s+)?(?:rempla\w*|coll?aborat\w*|associee?|successeur\w*|titulaire)"
    r"|cherch\w*\s+(?:un\s+|une\s+|un\(e\)\s+|des\s+)?(?:ide|idel|infirmi\w+)\s+(?:pour\s+(?:un\s+|une\s+|le\s+|la\s+|sa\s+|ma\s+)?"
    r"(?:rempla\w*|collabor\w*|associ\w*|cabinet|success\w*|reprise|tournee|conge)|remplacante?|\(?h/f\)?)"
    r"|recherche\s+(?:un\s+|une\s+)?rempla\w*|dispo(?:nible)?s?\s+(?:pour\s+)?(?:des\s+)?rempla\w*|dispo\s+a\s+partir"
    r"|retro(?:cession)?\s*(?:de\s+|a\s+)?\d|annonce\b|contactez|contact\s*:|joignable|appelez[- ]moi|mp\s+moi"
    r"|par\s+mp\b|en\s+mp\b|je\s+vends|a\s+recuperer|cabinet\s+situe|remplacante?\s+cherche"
    r"|remplacante?\s+dispo|dispo\s+remplas?)",
)


def fold_same_length(s: str) -> str:
    """fold() that keeps every character's offset (one output char per input char)."""
    out = []
    for c in s:
        if c.isascii():
            out.append(c.lower())
            continue
        f = unicodedata.normalize("NFKD", c.lower())
        f = "".join(x for x in f if not unicodedata.combining(x))
        out.append(f[0] if len(f) == 1 else c.lower() if len(c.lower()) == 1 else c)
    return "".join(out).replace("\u2019", "'")


@dataclass
class Word:
    start: int
    end: int
    text: str
    low: str = ""

    def __post_init__(self):
        self.low = fold(self.text)

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def upper(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


class Context:
    """Everything the recognizers need to know about one post, computed lazily."""

    def __init__(self, text: str):
        self.text = text
        self.low = fold_same_length(text)

    @cached_property
    def words(self) -> list[Word]:
        return [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(self.text)]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        spans, start = [], 0
        for m in _BOUNDARY.finditer(self.text):
            if m.group().startswith("."):
                # not a boundary after an abbreviation or an initial ("Mme D.", "M. X")
                before = re.search(r"(\w+)$", self.text[max(0, m.start() - 40):m.start()])
                if before and (before.group(1).lower() in _ABBREV or len(before.group(1)) == 1):
                    continue
                if m.end() < len(self.text) and self.text[m.end():m.end() + 2].strip()[:1].isdigit():
                    continue
            spans.append((start, m.end()))
            start = m.end()
        if start < len(self.text):
            spans.append((start, len(self.text)))
        return spans or [(0, len(self.text))]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[max(0, min(k, len(self.sentences) - 1))]

    def sentence_low(self, pos: int) -> str:
        s, e = self.sentence_of(pos)
        return self.low[s:e]

    def before(self, pos: int, n: int = 60, same_sentence: bool = True) -> str:
        s = self.sentence_of(pos)[0] if same_sentence else 0
        return self.low[max(s, pos - n):pos]

    def after(self, pos: int, n: int = 60, same_sentence: bool = True) -> str:
        e = self.sentence_of(pos)[1] if same_sentence else len(self.text)
        return self.low[pos:min(e, pos + n)]

    @cached_property
    def is_ad(self) -> bool:
        """A replacement ad, an availability or an author's professional message."""
        return bool(AD_CUES.search(self.low))

    def word_index_at(self, pos: int) -> int | None:
        for i, w in enumerate(self.words):
            if w.start <= pos < w.end:
                return i
        return None
