import json

from forum.privacy import scan
from forum.privacy.report import evaluate, format_findings


def test_format_findings_held():
    text = "Mme Dupont, née le 03/05/1938, refuse l'insuline."
    out = format_findings(text, scan(text))
    assert "« Mme Dupont »" in out and "Nom d'un patient" in out and "« Mme D. »" in out
    assert "Mme D., née le [date], refuse l'insuline." in out


def test_format_findings_publishable():
    assert format_findings("Lovenox et Kardegic ensemble ?").startswith("Publiable")


def test_evaluate_counts(tmp_path):
    rows = [
        {"id": "t1", "text": "Mme Dupont refuse son insuline.", "label": "hold", "identifiers": ["Mme Dupont"]},
        {"id": "t2", "text": "Le Dr Martin a prescrit du Lovenox.", "label": "publish", "identifiers": []},
        {"id": "t3", "text": "Question de cotation AMI 4 ?", "label": "hold", "identifiers": ["AMI 4"]},
        {"id": "t4", "text": "Ma patiente de 96 ans tousse.", "label": "publish", "identifiers": []},
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    res = evaluate(path)
    assert res["posts"] == 4 and res["hold"] == 2 and res["publish"] == 2
    assert res["hold_recall"] == 0.5 and res["missed"] == ["t3"]
    assert res["false_hold_rate"] == 0.5 and res["false_holds"] == ["t4"]
    assert res["identifier_recall"] == 0.5
    assert res["redaction_ok"] == 0.5 and res["redaction_failed"] == ["t3"]
    assert res["scan_ms_p95"] >= res["scan_ms_p50"] >= 0
