"""Forgotten password: a one-time link, and no way to learn who is a member."""
from __future__ import annotations

import re

from forum.extensions import db
from forum.models import User

PASSWORD = "Pansement-stérile-42"
NEW_PASSWORD = "Compresses-et-sérum-phy"


def _reset_path(mail) -> str:
    return re.search(r"https?://[^/\s]+(/mot-de-passe/\S+)", mail.text).group(1)


def test_full_reset_flow_and_the_link_works_once(app, client, make_user, submit, outbox, page):
    user = make_user()
    response = submit("/mot-de-passe-oublie", {"email": user.email.upper()})
    assert response.status_code == 200
    assert "Si un compte est associé" in page(response)
    assert len(outbox) == 1 and outbox[0].to == user.email
    path = _reset_path(outbox[0])

    form_page = client.get(path)
    assert 'autocomplete="new-password"' in page(form_page)
    response = submit(path, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
                      follow=True)
    assert "Votre mot de passe a été modifié" in page(response)

    # The old password no longer works, the new one does.
    failed = submit("/connexion", {"email": user.email, "password": PASSWORD})
    assert "E-mail ou mot de passe incorrect." in page(failed)
    assert submit("/connexion", {"email": user.email, "password": NEW_PASSWORD}).status_code == 302

    # The same link cannot be used a second time.
    second = app.test_client().get(path)
    assert second.status_code == 400
    assert "Ce lien n'est pas valide" in page(second)


def test_a_new_request_makes_older_links_useless_once_used(client, make_user, submit, outbox):
    user = make_user()
    submit("/mot-de-passe-oublie", {"email": user.email})
    submit("/mot-de-passe-oublie", {"email": user.email})
    first, second = _reset_path(outbox[0]), _reset_path(outbox[1])
    submit(second, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert client.get(first).status_code == 400


def test_no_account_enumeration(client, make_user, submit, outbox, page):
    user = make_user()
    known = submit("/mot-de-passe-oublie", {"email": user.email})
    unknown = submit("/mot-de-passe-oublie", {"email": "personne@exemple.fr"})
    assert known.status_code == unknown.status_code == 200

    def message(response):
        text = page(response)
        return re.search(r"<h1>.*?</p>", text, re.S).group(0).replace(user.email, "X").replace(
            "personne@exemple.fr", "X")

    assert message(known) == message(unknown)
    assert [m.to for m in outbox] == [user.email]


def test_reset_applies_the_password_rules_and_keeps_the_form(client, make_user, submit, outbox, page):
    user = make_user("Claire", "Moreau")
    submit("/mot-de-passe-oublie", {"email": user.email})
    path = _reset_path(outbox[0])
    response = submit(path, {"password": "azertyuiop", "password_confirm": "azertyuiop"})
    assert response.status_code == 422
    assert "plus utilisés" in page(response)
    response = submit(path, {"password": "Moreau-Claire-1987", "password_confirm": "Moreau-Claire-1987"})
    assert "ni votre nom, ni votre prénom" in page(response)
    # The link is still usable after a refused password.
    assert submit(path, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}).status_code == 302


def test_reset_link_verifies_the_email_too(app, make_user, submit, outbox):
    user = make_user(verified_email=False)
    submit("/mot-de-passe-oublie", {"email": user.email})
    submit(_reset_path(outbox[0]), {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    with app.app_context():
        assert db.session.get(User, user.id).email_verified_at is not None


def test_invalid_reset_link(client, page):
    response = client.get("/mot-de-passe/pas-un-jeton")
    assert response.status_code == 400
    assert "Demander un nouveau lien" in page(response)
