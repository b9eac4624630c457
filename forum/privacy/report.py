"""Pure functions for the CLI: a readable list of findings, and the corpus figures.

The web layer wires them to ``flask privacy-check "texte"`` and ``flask privacy-eval FILE.jsonl``.
"""
from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from .policy import redact, scan
from .types import Verdict


def format_findings(text: str, verdict: Verdict | None = None) -> str:
    """Human-readable explanation of a verdict, in French, with the redacted proposal."""
    verdict = verdict if verdict is not None else scan(text)
    if not verdict.hold:
        return "Publiable : aucun élément identifiant un patient n'a été trouvé."
    lines = ["Message retenu pour relecture : il pourrait permettre d'identifier un patient."]
    for f in verdict.findings:
        lines.append(f"  - « {text[f.start:f.end]} » ({f.start}-{f.end}, {f.kind}) : {f.reason} "
                     f"→ proposé : « {f.replacement} »")
    lines.append("Proposition :")
    lines.append("  " + redact(text, verdict.findings))
    return "\n".join(lines)


def _overlaps(span, spans) -> bool:
    s, e = span
    return any(a < e and s < b for a, b in spans)


def evaluate(path: str | Path) -> dict:
    """Score the detector on a labelled corpus (format of shared/spec/privacy-hold-policy.md).

    Returns hold_recall, false_hold_rate, identifier_recall, redaction_ok, scan_ms_p50,
    scan_ms_p95, posts, hold, publish and the ids of the misses.
    """
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    if rows:
        scan(rows[0]["text"])  # warm-up: lexicons are loaded lazily
    tp = fn = fp = tn = 0
    ids_total = ids_found = red_ok = red_total = 0
    times, missed, false_holds, redaction_failed = [], [], [], []
    for r in rows:
        t0 = time.perf_counter()
        v = scan(r["text"])
        times.append((time.perf_counter() - t0) * 1000)
        spans = [(x.start, x.end) for x in v.findings]
        if r["label"] == "hold":
            if v.hold:
                tp += 1
            else:
                fn += 1
                missed.append(r["id"])
            for ident in r.get("identifiers", []):
                i = r["text"].find(ident)
                ids_total += 1
                if i >= 0 and _overlaps((i, i + len(ident)), spans):
                    ids_found += 1
            red_total += 1
            out = redact(r["text"], v.findings)
            if not any(x in out for x in r.get("identifiers", [])) and not scan(out).hold:
                red_ok += 1
            else:
                redaction_failed.append(r["id"])
        else:
            if v.hold:
                fp += 1
                false_holds.append(r["id"])
            else:
                tn += 1
    ms = sorted(times) or [0.0]
    return {
        "posts": len(rows), "hold": tp + fn, "publish": fp + tn,
        "hold_recall": tp / max(tp + fn, 1),
        "false_hold_rate": fp / max(fp + tn, 1),
        "identifier_recall": ids_found / max(ids_total, 1),
        "redaction_ok": red_ok / max(red_total, 1),
        "scan_ms_p50": statistics.median(ms),
        "scan_ms_p95": ms[int(0.95 * (len(ms) - 1))],
        "missed": missed, "false_holds": false_holds, "redaction_failed": redaction_failed,
    }
