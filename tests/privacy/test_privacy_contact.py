import pytest

from forum.privacy.recognizers import contact


def found(ctx, text):
    return [(h.kind, text[h.start:h.end]) for h in contact.find(ctx(text))]


@pytest.mark.parametrize("phone", ["06 12 34 56 78", "06.12.34.56.78", "0612345678", "+33 6 12 34 56 78",
                                   "+33612345678", "06-12-34-56-78", "0033 6 12 34 56 78"])
def test_relative_phone_formats(ctx, phone):
    text = f"Sa fille au {phone} ne répond jamais, je fais quoi ?"
    assert found(ctx, text) == [("phone", phone)]


def test_relative_phone_in_parentheses(ctx):
    text = "Le fils de Mme Fabre (07 81 23 45 67) m'appelle tous les soirs pour sa mère."
    assert found(ctx, text) == [("phone", "07 81 23 45 67")]


def test_relative_email(ctx):
    text = "La nièce de ma patiente m'écrit à marie.durand42@orange.fr pour avoir les résultats."
    assert found(ctx, text) == [("email", "marie.durand42@orange.fr")]


@pytest.mark.parametrize("text", [
    "Cherche remplaçante en août. Contactez-moi au 06 12 34 56 78.",
    "Dispo remplas sur le 29, Claire, 06 45 11 87 32",
    "Contact : cabinet 02 98 44 61 20 ou idel.cabinet@gmail.com",
    "Appelez moi au 06 33 19 82 47 (Nathalie)",
])
def test_author_contact_is_not_reported(ctx, text):
    assert found(ctx, text) == []


def test_short_numbers_are_not_phones(ctx):
    assert found(ctx, "Le 3919 pour les violences, le 15 pour le SAMU, à leur famille.") == []
