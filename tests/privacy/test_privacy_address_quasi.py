import pytest

from forum.privacy.recognizers import address, quasi
from forum.privacy.types import DIRECT, QUASI


def found(mod, ctx, text, level=None):
    return [text[h.start:h.end] for h in mod.find(ctx(text)) if level is None or h.level == level]


@pytest.mark.parametrize("text,expected", [
    ("Il habite au 12 rue du Général de Gaulle, 2e étage.", "12 rue du Général de Gaulle"),
    ("La patiente du 7 bis impasse des Mouettes a un PICC.", "7 bis impasse des Mouettes"),
    ("la fille de Mme Dubois, qui vit avec elle rue de la Gare à Montluçon", "rue de la Gare"),
    ("il habite au lieu-dit Kerhuel, loin de tout", "lieu-dit Kerhuel"),
])
def test_patient_addresses(ctx, text, expected):
    assert expected in found(address, ctx, text, DIRECT)


@pytest.mark.parametrize("text", [
    "Cabinet situé 3 rue Jean Jaurès à Brest, tournée à vélo.",
    "À récupérer au 22 avenue de la République, Vierzon.",
    "L'avenue Jean Jaurès est bloquée par les travaux ce matin.",
])
def test_cabinet_and_street_names_are_not_addresses(ctx, text):
    assert found(address, ctx, text, DIRECT) == []


@pytest.mark.parametrize("text,expected", [
    ("Une patiente à Saint-Flour en fin de vie", "Saint-Flour"),
    ("le monsieur d'Accous avec la trachéo", "Accous"),
    ("Patiente sur l'île de Groix", "l'île de Groix"),
    ("dans un petit village du Cantal", "Cantal"),
    ("la dame de Sarlat", "Sarlat"),  # Sarlat-la-Canéda, known by its short name
])
def test_places(ctx, text, expected):
    assert expected in found(quasi, ctx, text, QUASI)


@pytest.mark.parametrize("text", [
    "La CPAM de Vannes me rejette tout.",
    "Ma CPAM (Haute-Garonne) exige SCOR.",
    "Je suis installée à Lorient depuis 3 ans.",
])
def test_institution_and_author_places_are_not_quasi(ctx, text):
    assert found(quasi, ctx, text, QUASI) == []


@pytest.mark.parametrize("text,expected", [
    ("Résidente de l'EHPAD Les Myosotis, escarre", "EHPAD Les Myosotis"),
    ("sortie de la clinique du Parc avec une PTH", "clinique du Parc"),
    ("sorti du CH de Guingamp avec une ordo", "CH de Guingamp"),
    ("suivie au centre Oscar Lambret", "centre Oscar Lambret"),
])
def test_establishments(ctx, text, expected):
    assert expected in found(quasi, ctx, text, QUASI)


def test_ehpad_as_a_word_is_not_an_establishment(ctx):
    assert found(quasi, ctx, "La famille ne veut pas entendre parler d'EHPAD pour elle.", QUASI) == []


@pytest.mark.parametrize("text,expected", [
    ("L'ancien maire de Saint-Flour est en soins palliatifs", "L'ancien maire"),
    ("le boulanger du bourg s'est brûlé", "le boulanger du bourg"),
    ("le fils du pharmacien de Bitche", "le fils du pharmacien"),
    ("la directrice de l'école primaire de Plouha", "la directrice de l'école primaire"),
])
def test_social_roles(ctx, text, expected):
    assert expected in found(quasi, ctx, text, QUASI)


@pytest.mark.parametrize("text", [
    "Un berger allemand m'a mordue pendant la tournée.",
    "Le pharmacien m'a dit que le Lovenox était en rupture.",
    "La directrice de l'EHPAD veut qu'on facture à eux.",
])
def test_roles_acting_professionally_or_common_words(ctx, text):
    assert [h for h in quasi.find(ctx(text)) if h.kind == "social_role"] == []
