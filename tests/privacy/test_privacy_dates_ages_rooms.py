import pytest

from forum.privacy.recognizers import ages, dates, rooms


def found(mod, ctx, text):
    return [(h.kind, text[h.start:h.end]) for h in mod.find(ctx(text))]


@pytest.mark.parametrize("text,expected", [
    ("Elle est née le 03/05/1938 à Brest.", "03/05/1938"),
    ("Il est né le 2/9/36, la carte ne passe pas.", "2/9/36"),
    ("DDN 1941-07-14 pour la fiche.", "1941-07-14"),
    ("Un patient né le 05.06.1944 m'a couchée sur son testament.", "05.06.1944"),
    ("Elle est née le 3 mai 1938.", "3 mai 1938"),
    ("Il est né le 29 février 1936.", "29 février 1936"),
    ("née le trois mai mille neuf cent trente-huit", "trois mai mille neuf cent trente-huit"),
])
def test_birth_dates(ctx, text, expected):
    assert ("birth_date", expected) in found(dates, ctx, text)


@pytest.mark.parametrize("text,expected", [
    ("M. Fournier est décédé le 14 mars, je reçois encore des alertes.", "14 mars"),
    ("Chute de Mme Marchand le 22/01, fracture du poignet.", "22/01"),
    ("Le patient que je vois depuis le 2 janvier a une cellulite.", "2 janvier"),
])
def test_exact_dates_tied_to_a_patient(ctx, text, expected):
    assert ("date", expected) in found(dates, ctx, text)


@pytest.mark.parametrize("text", [
    "Manif des IDEL le 14 mars devant le ministère.",
    "Remplaçante dispo à partir du 15/06, rayon 40 km.",
    "Cherche remplaçant du 20/12 au 05/01, rétro 90 %.",
    "Décret publié au JO du 20 juin.",
    "Revalorisation de l'AMI au 1er janvier ?",
])
def test_dates_not_about_a_patient(ctx, text):
    assert found(dates, ctx, text) == []


@pytest.mark.parametrize("text,expected", [
    ("Ma patiente de 96 ans refuse de boire.", "96 ans"),
    ("Il fête ses 100 ans demain.", "100 ans"),
    ("Elle a quatre-vingt-quinze ans et toute sa tête.", "quatre-vingt-quinze ans"),
    ("Un monsieur de quatre-vingt-dix-huit ans.", "quatre-vingt-dix-huit ans"),
    ("Ma voisine nonagénaire", "nonagénaire"),
    ("une dame de nonante-deux ans", "nonante-deux ans"),
])
def test_ages_90_plus(ctx, text, expected):
    assert ("age_90_plus", expected) in found(ages, ctx, text)


@pytest.mark.parametrize("text", [
    "Un patient de 89 ans sous Previscan.",
    "Le BSI concernait seulement les plus de 90 ans ?",
    "Prévoyance : 90 jours de carence.",
    "Elle a quatre-vingts ans.",
    "Départ à 64 ans, 40 ans de tournées.",
])
def test_ages_not_reported(ctx, text):
    assert found(ages, ctx, text) == []


@pytest.mark.parametrize("text,expected", [
    ("La résidente de la chambre 214 a une escarre.", ("room", "chambre 214")),
    ("Sorti du service de neurochirurgie (lit 7) hier.", ("room", "lit 7")),
    ("Son IPP à l'hôpital c'est 20231045872.", ("record", "20231045872")),
    ("dossier n° 2024-018754, service de pneumo", ("record", "2024-018754")),
    ("NDA 987654321 sur l'étiquette", ("record", "987654321")),
])
def test_rooms_and_records(ctx, text, expected):
    assert expected in found(rooms, ctx, text)


@pytest.mark.parametrize("text", [
    "Entretien de chambre implantable hors chimio.",
    "Signalé au support, ticket n° 458213.",
    "Logement : appartement 2 pièces fourni.",
])
def test_not_rooms(ctx, text):
    assert found(rooms, ctx, text) == []
