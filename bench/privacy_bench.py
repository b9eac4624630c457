#!/usr/bin/env python
"""Throughput and latency of forum.privacy.scan on one core.

    python bench/privacy_bench.py [CORPUS.jsonl] [--generate N] [--repeat R]

Without a corpus path it uses ../shared/corpus/privacy-dev.jsonl relative to the repository,
or generated posts when that file is absent (or with --generate N).
"""
import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from forum.privacy import lexicons, scan

TEMPLATES = [
    "Mme {sur} refuse son insuline depuis {n} jours, glycémie à 3 g/L. J'appelle le Dr {doc} ?",
    "Question cotation : AMI 4 + AMI 1 pour un pansement d'ulcère chez un patient de {age} ans ?",
    "Cherche remplaçant(e) du {d} au {d2} août à {town}, logiciel Vega. Contact : {first} {sur2}, 06 12 34 56 78.",
    "Ma patiente de {age} ans à {town} est en fin de vie, la famille veut augmenter la morphine.",
    "{first} a encore chuté cette nuit, hématome sous Kardegic. Je signale à qui ?",
    "Vous utilisez quoi comme logiciel ? J'hésite entre Albus, Topaze et Weda.",
    "Le NIR de M. {sur} est 1 52 11 69 123 087 86, la CPAM le rejette.",
]
FIRST = ["Paulette", "Marcel", "Nadia", "Yann", "Ines", "Gérard", "Odile", "Karim"]
SUR = ["Durand", "Le Floch", "Nguyen", "Benali", "Moreau", "Da Costa", "Kowalski", "Martin"]
TOWNS = ["Quimper", "Aurillac", "Millau", "Guéret", "Vitré", "Dax"]


def generate(n, seed=1):
    rnd = random.Random(seed)
    for _ in range(n):
        yield rnd.choice(TEMPLATES).format(
            sur=rnd.choice(SUR), sur2=rnd.choice(SUR), doc=rnd.choice(SUR), first=rnd.choice(FIRST),
            n=rnd.randint(2, 9), age=rnd.randint(60, 99), d=rnd.randint(1, 10), d2=rnd.randint(11, 28),
            town=rnd.choice(TOWNS))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "privacy-dev.jsonl"))
    ap.add_argument("--generate", type=int, default=0, help="use N generated posts instead of a corpus")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if args.generate or not Path(args.corpus).exists():
        texts = list(generate(args.generate or 1000))
        source = f"{len(texts)} generated posts"
    else:
        with open(args.corpus, encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f if line.strip()]
        source = args.corpus
    t0 = time.perf_counter()
    lexicons.load_all()
    scan("warm-up")
    load_s = time.perf_counter() - t0
    times = []
    t_start = time.perf_counter()
    for _ in range(args.repeat):
        for t in texts:
            a = time.perf_counter()
            scan(t)
            times.append((time.perf_counter() - a) * 1000)
    total = time.perf_counter() - t_start
    times.sort()

    def pct(p):
        return times[min(len(times) - 1, int(p * (len(times) - 1)))]

    print(f"source: {source} x{args.repeat}")
    print(f"lexicon load: {load_s:.2f} s")
    print(f"scans: {len(times)}  throughput: {len(times) / total:.0f} posts/s")
    print(f"latency ms: p50={statistics.median(times):.2f} p95={pct(0.95):.2f} p99={pct(0.99):.2f} max={times[-1]:.2f}")


if __name__ == "__main__":
    main()
