"""Sign-up: who may join, and what a nurse sees when a field is refused."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from forum.extensions import db
from forum.models import User


def _errors(text: str) -> str:
    return " ".join(re.findall(r'<ul class="errors"[^>]*>(.*?)</ul>', text, re.S))


def test_signup_sends_a_link_that_verifies_the_email(app, client, outbox, submit, signup_data, page):
    response = submit("/inscription", signup_data())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/inscription/verification")

    pending = page(client.get("/inscription/verification"))
    assert "Vérifiez votre boîte mail" in pending
    assert "sophie.lambert@exemple.fr" in pending
    assert "Renvoyer le lien" in pending

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "sophie.lambert@exemple.fr"))
        assert user.rpps == "10001234567"
        assert user.charter_accepted_at is not None
        assert user.email_verified_at is None

    assert len(outbox) == 1
    mail = outbox[0]
    assert mail.to == "sophie.lambert@exemple.fr"
    assert "Bonjour Sophie" in mail.text
    link = re.search(r"https?://[^/\s]+(/verifier/\S+)", mail.text).group(1)

    # Not verified yet: member pages send back to the waiting page.
    assert client.get(f"/membres/{user.id}").headers["Location"].endswith("/inscription/verification")

    response = client.get(link, follow_redirects=True)
    assert response.status_code == 200
    assert "Votre adresse e-mail est vérifiée" in page(response)
    with app.app_context():
        assert db.session.get(User, user.id).email_verified_at is not None
    profile = client.get(f"/membres/{user.id}")
    assert profile.status_code == 200
    assert "Sophie Lambert" in page(profile)


@pytest.mark.parametrize("rpps", ["1000123456", "1000123456A", "ABCDEFGHIJK", "100012345678", ""])
def test_rpps_must_be_eleven_digits(client, outbox, submit, signup_data, page, rpps):
    response = submit("/inscription", signup_data(rpps=rpps))
    assert response.status_code == 422
    text = page(response)
    if rpps:
        assert "Le numéro RPPS compte 11 chiffres" in _errors(text)
    else:
        assert "Ce champ est obligatoire." in _errors(text)
    assert outbox == []


def test_rpps_already_used(client, make_user, submit, signup_data, page):
    existing = make_user()
    spaced = " ".join(existing.rpps[i:i + 3] for i in range(0, 11, 3))  # as on a CPS card
    response = submit("/inscription", signup_data(rpps=spaced))
    assert response.status_code == 422
    assert "Ce numéro RPPS est déjà associé à un compte" in page(response)


def test_email_already_used_whatever_its_case(make_user, submit, signup_data, page):
    make_user(email="sophie.lambert@exemple.fr")
    response = submit("/inscription", signup_data(email="SOPHIE.Lambert@exemple.FR", rpps="19999999999"))
    assert response.status_code == 422
    assert "Un compte existe déjà avec cette adresse e-mail" in page(response)


@pytest.mark.parametrize("password", ["motdepasse", "Azertyuiop123", "Infirmière2024!", "aaaaaaaaaaaa", "1234567890"])
def test_common_or_repetitive_passwords_are_refused(submit, signup_data, page, password):
    response = submit("/inscription", signup_data(password=password, password_confirm=password))
    assert response.status_code == 422
    errors = _errors(page(response))
    assert "plus utilisés" in errors or "trop répétitif" in errors


def test_short_password_and_mismatch(submit, signup_data, page):
    response = submit("/inscription", signup_data(password="Court-1", password_confirm="Autre-chose-42"))
    errors = _errors(page(response))
    assert "au moins 10 caractères" in errors
    assert "ne sont pas identiques" in errors


@pytest.mark.parametrize("password", ["Lambert-du-92-sud", "sophie.lambert.2024!"])
def test_password_must_not_contain_the_name_or_email(submit, signup_data, page, password):
    response = submit("/inscription", signup_data(password=password, password_confirm=password))
    assert response.status_code == 422
    assert "ni votre nom, ni votre prénom" in page(response)


def test_charter_must_be_accepted(submit, signup_data, page, outbox):
    data = signup_data()
    del data["accept_charter"]
    response = submit("/inscription", data)
    assert response.status_code == 422
    assert "Vous devez accepter la charte du forum" in page(response)
    assert 'href="/charte"' in page(response)
    assert outbox == []


@pytest.mark.parametrize("field,value,message", [
    ("first_name", "S", "pas une initiale"),
    ("last_name", "Infirm13r", "ne contient pas de chiffres"),
    ("last_name", "Anonyme", "ressemble à un pseudonyme"),
    ("first_name", "J. P.", "Seuls les lettres, espaces, tirets et apostrophes"),
    ("first_name", "J P", "pas une initiale"),
])
def test_pseudonyms_are_refused(submit, signup_data, page, field, value, message):
    response = submit("/inscription", signup_data(**{field: value}))
    assert response.status_code == 422
    assert message in _errors(page(response))


def test_compound_and_accented_names_are_accepted(app, submit, signup_data):
    response = submit("/inscription", signup_data(first_name="Marie-Hélène", last_name="  d'Aubigné   Le Goff "))
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User))
        assert (user.first_name, user.last_name) == ("Marie-Hélène", "d'Aubigné Le Goff")


def test_typed_values_survive_a_failed_validation(submit, signup_data, page):
    response = submit("/inscription", signup_data(rpps="12345", password="motdepasse",
                                                  password_confirm="motdepasse"))
    text = page(response)
    assert 'value="Sophie"' in text
    assert 'value="Lambert"' in text
    assert 'value="sophie.lambert@exemple.fr"' in text
    assert 'value="12345"' in text
    assert 'checked' in text  # the charter box stays ticked
    assert "motdepasse" not in re.sub(r'<ul class="errors".*?</ul>', "", text, flags=re.S)
    # Errors are tied to their field for screen readers.
    assert 'aria-describedby="rpps-aide rpps-erreurs"' in text


def test_missing_csrf_token_keeps_the_values(client, submit, signup_data, page, outbox):
    response = submit("/inscription", signup_data(), with_csrf=False)
    assert response.status_code == 422
    text = page(response)
    assert "Votre session a expiré ou le formulaire est trop ancien" in text
    assert 'value="Sophie"' in text
    assert 'value="sophie.lambert@exemple.fr"' in text
    assert outbox == []


def test_database_hiccup_keeps_the_form(app, submit, signup_data, page, monkeypatch, outbox):
    def broken_commit():
        raise OperationalError("INSERT", {}, Exception("connection lost"))

    monkeypatch.setattr(db.session, "commit", broken_commit)
    response = submit("/inscription", signup_data())
    monkeypatch.undo()
    assert response.status_code == 503
    text = page(response)
    assert "le forum rencontre un problème passager" in text
    assert 'value="Sophie"' in text
    assert outbox == []


def test_signup_form_is_accessible(client, page):
    text = page(client.get("/inscription"))
    for autocomplete in ("given-name", "family-name", "email", "new-password"):
        assert f'autocomplete="{autocomplete}"' in text
    assert '<label for="rpps">Numéro RPPS</label>' in text
