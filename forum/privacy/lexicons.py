"""Lazy loading of the data files under forum/privacy/data (see PROVENANCE.md)."""
from __future__ import annotations

import gzip
import unicodedata
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def fold(s: str) -> str:
    """Lowercase, strip accents, unify apostrophes and hyphens."""
    s = s.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def place_key(s: str) -> str:
    """Normalised key for communes and regions: folded, hyphens as spaces, no leading article."""
    k = fold(s).replace("-", " ").replace("'", "' ")
    k = " ".join(k.split())
    k = k.replace("saint ", "st ").replace("sainte ", "ste ")
    for art in ("les ", "le ", "la ", "l' "):
        if k.startswith(art):
            k = k[len(art):]
            break
    return k.replace("' ", "'")


def _lines(name: str):
    path = DATA / name
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line


@cache
def first_names() -> dict[str, int]:
    out = {}
    for line in _lines("first_names.txt.gz"):
        name, _, count = line.partition("\t")
        out[fold(name)] = out.get(fold(name), 0) + int(count or 0)
    return out


@cache
def surnames() -> dict[str, int]:
    out = {}
    for line in _lines("surnames.txt.gz"):
        name, _, count = line.partition("\t")
        out[fold(name)] = int(count or 0)
    return out


@cache
def french_words() -> frozenset[str]:
    return frozenset(fold(w) for w in _lines("fr_words.txt.gz"))


@cache
def french_lemmas() -> frozenset[str]:
    return frozenset(fold(w) for w in _lines("fr_lemmas.txt.gz"))


@cache
def communes() -> frozenset[str]:
    return frozenset(place_key(line.partition("\t")[0]) for line in _lines("communes.txt.gz"))


@cache
def commune_prefixes() -> frozenset[str]:
    """First part of compound commune names ("Sarlat" for Sarlat-la-Canéda), when not a common word or name."""
    out = set()
    words, firsts = french_words(), first_names()
    for line in _lines("communes.txt.gz"):
        name = line.partition("\t")[0]
        if "-" in name:
            head = place_key(name.split("-")[0])
            if len(head) >= 5 and head not in words and head not in firsts and " " not in head:
                out.add(head)
    return frozenset(out - communes())


@cache
def regions() -> frozenset[str]:
    return frozenset(place_key(w) for w in _lines("regions.txt"))


@cache
def nonperson() -> frozenset[str]:
    return frozenset(fold(w) for w in _lines("nonperson.txt"))


@cache
def public_figures() -> frozenset[str]:
    return frozenset(fold(w) for w in _lines("public_figures.txt"))


@cache
def roles() -> tuple[str, ...]:
    return tuple(sorted({fold(w) for w in _lines("roles.txt")}, key=len, reverse=True))


@cache
def health_terms() -> tuple[tuple[str, ...], tuple[str, ...]]:
    stems, words = set(), set()
    for w in _lines("health.txt"):
        if w.startswith("="):
            words.add(fold(w[1:]))
        else:
            stems.add(fold(w))
    return tuple(sorted(stems)), tuple(sorted(words))


def load_all() -> None:
    """Warm every cache (call once at start-up to keep the first scan fast)."""
    first_names(), surnames(), french_words(), french_lemmas(), communes(), commune_prefixes(), regions()
    nonperson(), public_figures(), roles(), health_terms()
