"""End-to-end behaviour of scan/redact on posts written for these tests (not from the corpus)."""
import pytest

from forum.privacy import Finding, Verdict, redact, scan

HOLD = [
    "Mme Lefort a encore refusé son insuline ce matin, je fais quoi ?",
    "Suzanne m'a encore attendue à la fenêtre ce matin, elle ne mange plus rien depuis son AVC.",
    "Sa fille Sandrine m'a appelée pour les résultats de la prise de sang de sa mère.",
    "Mamie Odette a 93 ans et refuse toujours la toilette.",
    "Mon patient de quatre-vingt-seize ans est tombé cette nuit.",
    "Elle est née le 12 avril 1931 et je dois la saisir dans le logiciel.",
    "Son numéro de sécu : 2 55 04 67 482 077 32, ça ne passe pas.",
    "Le fils de Mme Girard me harcèle, son numéro c'est le 06.45.78.12.33, je bloque ?",
    "Elle habite au 5 bis avenue des Tilleuls, 3e étage sans ascenseur, toilette quotidienne.",
    "La patiente de la chambre 12 à l'EHPAD Les Acacias a une escarre au sacrum.",
    "Un patient diabétique à Saint-Gaudens a une plaie infectée, je l'envoie aux urgences ?",
    "L'ancien notaire de Ploërmel est en fin de vie à domicile, la famille veut tout arrêter.",
    "Patient sorti hier du CHU de Rennes après une pose de PICC, le pansement saigne.",
    "La boulangère du village, à Cajarc, fait une dépression sévère, je la vois tous les jours.",
    "Son IPP est 1234567890 et le laboratoire n'arrive pas à retrouver le bilan.",
    "papi Lucien a fait un malaise pendant la prise de sang, TA à 8.",
]
PUBLISH = [
    "Le Dr Lemoine a prescrit du Lovenox pour 10 jours après la PTH, je cote comment ?",
    "Ma collègue Valérie m'a conseillé Albus, vous en pensez quoi ?",
    ("Cherche remplaçante du 1er au 15 juillet à Quimperlé, tournée de 25 patients, logiciel Vega. "
     "Contact : Anne Le Du, 06 22 33 44 55."),
    "Une patiente de 85 ans sous Previscan a un INR à 4, je préviens le médecin ?",
    "Mme X. refuse ses soins, vous faites comment pour la traçabilité ?",
    "La CPAM de Brest rejette mes AMI 4, quelqu'un a le même souci ?",
    "Le cabinet est au 8 rue Victor Hugo à Nantes, parking devant. Rétro 85 %. Contact par MP.",
    "Formation sur les plaies chroniques le 18 mars à Lyon, qui vient ?",
    "Les patients de plus de 90 ans ont droit au BSI renforcé ?",
    "Bonjour, je suis Élodie, IDEL à Vannes depuis 2015. Ravie de rejoindre le forum !",
    "Pansement d'escarre stade 3 chez un diabétique, vous faites comment ?",
    "Mr B. 75 ans diabétique, je cote AMI 1 + AMI 1 ?",
    "Dispo pour remplas sur Toulouse et environs, 5 ans d'expérience. Camille 07 12 34 56 78",
    "Une petite mamie m'a offert des crêpes ce matin, ça fait du bien ❤️",
]


@pytest.mark.parametrize("text", HOLD)
def test_holds_and_redaction_publishes(text):
    v = scan(text)
    assert v.hold, text
    assert v.findings and v.reasons
    clean = redact(text, v.findings)
    assert clean != text
    assert not scan(clean).hold, clean
    assert redact(clean, scan(clean).findings) == clean


@pytest.mark.parametrize("text", PUBLISH)
def test_publishes(text):
    v = scan(text)
    assert not v.hold, (text, v.findings)
    assert v.findings == []


def test_verdict_shape():
    v = scan("Mme Dupont, née le 03/05/1938, refuse l'insuline.")
    assert isinstance(v, Verdict) and v.hold and bool(v)
    assert all(isinstance(f, Finding) for f in v.findings)
    assert [f.kind for f in v.findings] == ["patient_name", "birth_date"]
    assert v.reasons == ["Nom d'un patient ou d'un proche", "Date de naissance d'un patient"]
    assert redact("Mme Dupont, née le 03/05/1938, refuse l'insuline.", v.findings) == \
        "Mme D., née le [date], refuse l'insuline."


def test_health_plus_quasi_redacts_the_quasi_not_the_health():
    text = "L'ancien maire de Saint-Flour est passé en soins palliatifs, morphine en PSE."
    v = scan(text)
    assert v.hold
    kinds = {f.kind for f in v.findings}
    assert "health" not in kinds and {"social_role", "place"} <= kinds
    clean = redact(text, v.findings)
    assert "soins palliatifs" in clean and "Saint-Flour" not in clean


def test_quasi_identifier_without_health_publishes():
    assert not scan("Je remplace à Saint-Flour cet été, quelqu'un connaît le coin ?").hold


def test_findings_sorted_inside_and_disjoint():
    text = ("Transmission : Mme Da Silva née le 14/07/1941, NIR 2 55 04 67 482 077 32, sa fille au "
            "06 12 34 56 78, habite 4 rue des Lilas à Vitré, chambre 12.")
    v = scan(text)
    assert v.hold
    prev_end = 0
    for f in v.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.start >= prev_end
        prev_end = f.end
    clean = redact(text, v.findings)
    for frag in ("Da Silva", "14/07/1941", "482 077", "56 78", "rue des Lilas"):
        assert frag not in clean


def test_empty_and_whitespace():
    assert not scan("").hold and not scan("   \n").hold


def test_scan_rejects_non_text():
    with pytest.raises(TypeError):
        scan(None)  # type: ignore[arg-type]


def test_no_flask_import():
    import subprocess
    import sys
    code = "import sys, forum.privacy as p; p.scan('Mme Dupont'); print('flask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_long_post_is_scanned_in_linear_time():
    import time
    text = "Mme Dupont refuse son insuline, sa fille au 06 12 34 56 78. Le Dr Martin passe demain. " * 1100
    t0 = time.perf_counter()
    v = scan(text)
    elapsed = time.perf_counter() - t0
    assert v.hold and len(v.findings) >= 2200
    assert elapsed < 5.0  # ~0.5 s here; the quadratic versions took well over 10 s
    assert "Dupont" not in redact(text, v.findings)
