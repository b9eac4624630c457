"""Login, remember me, logout, suspensions and the login rate limit."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from forum import create_app
from forum.config import TestConfig
from forum.extensions import db, limiter
from forum.models.base import utcnow

PASSWORD = "Pansement-stérile-42"


def _csrf(response) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True))[1]


def test_login_redirects_to_the_forum(client, make_user, submit):
    user = make_user()
    response = submit("/connexion", {"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/forum")


def test_wrong_password_gives_a_generic_message_and_keeps_the_email(client, make_user, submit, page):
    user = make_user()
    response = submit("/connexion", {"email": user.email, "password": "pas-le-bon-mot"})
    assert response.status_code == 422
    text = page(response)
    assert "E-mail ou mot de passe incorrect." in text
    assert f'value="{user.email}"' in text
    assert "pas-le-bon-mot" not in text
    unknown = submit("/connexion", {"email": "inconnue@exemple.fr", "password": "x" * 12})
    assert "E-mail ou mot de passe incorrect." in page(unknown)
    assert client.get(f"/membres/{user.id}").status_code == 302


def test_login_form_is_accessible(client, page):
    text = page(client.get("/connexion"))
    assert 'autocomplete="current-password"' in text
    assert 'autocomplete="email"' in text
    assert "Se souvenir de moi" in text


def test_remember_me_sets_a_remember_cookie(app, make_user, submit):
    user = make_user()
    without = app.test_client()
    submit("/connexion", {"email": user.email, "password": PASSWORD}, using=without)
    assert without.get_cookie("remember_token") is None

    browser = app.test_client()
    submit("/connexion", {"email": user.email, "password": PASSWORD, "remember": "y"}, using=browser)
    assert browser.get_cookie("remember_token") is not None
    # A fresh session with only the remember cookie is still logged in.
    browser.delete_cookie("session")
    assert browser.get(f"/membres/{user.id}").status_code == 200


def test_next_is_carried_by_the_login_form(client, make_user, page):
    user = make_user()
    form_page = client.get("/connexion?next=/membres/1%3Fonglet%3Da")
    assert 'value="/membres/1?onglet=a"' in page(form_page)
    token = _csrf(form_page)
    response = client.post("/connexion", data={"email": user.email, "password": PASSWORD,
                                                "next": "/membres/1?onglet=a", "csrf_token": token})
    assert response.headers["Location"] == "/membres/1?onglet=a"


@pytest.mark.parametrize("target", [
    "https://pirate.example/", "//pirate.example/", "/\\pirate.example", "javascript:alert(1)",
])
def test_next_never_leaves_the_site(client, make_user, page, target):
    user = make_user()
    form_page = client.get("/connexion", query_string={"next": target})
    assert "pirate" not in page(form_page) and "javascript" not in page(form_page)
    response = client.post("/connexion", data={"email": user.email, "password": PASSWORD,
                                                "next": target, "csrf_token": _csrf(form_page)})
    assert response.headers["Location"] == "/forum"


def test_logout(client, make_user, login_as, page):
    user = make_user()
    login_as(user)
    profile = client.get(f"/membres/{user.id}")
    response = client.post("/deconnexion", data={"csrf_token": _csrf(profile)},
                           follow_redirects=True)
    assert "Vous êtes déconnecté·e" in page(response)
    assert client.get(f"/membres/{user.id}").status_code == 302


def test_logout_without_csrf_does_nothing(client, make_user, login_as):
    user = make_user()
    login_as(user)
    client.post("/deconnexion")
    assert client.get(f"/membres/{user.id}").status_code == 200


def test_suspended_member_cannot_log_in_and_sees_why(client, make_user, submit, page):
    until = utcnow() + timedelta(days=7)
    user = make_user(suspended_until=until, suspension_reason="Publication de données de patients.")
    response = submit("/connexion", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 403
    text = page(response)
    assert f"Votre compte est suspendu jusqu'au {until:%d/%m/%Y}" in text
    assert "Publication de données de patients." in text
    assert client.get(f"/membres/{user.id}").status_code == 302
    # Without the password, nothing about the suspension is revealed.
    wrong = submit("/connexion", {"email": user.email, "password": "pas-le-bon-mot"})
    assert "suspendu" not in page(wrong)


def test_expired_suspension_lets_the_member_back(client, make_user, submit):
    user = make_user(suspended_until=utcnow() - timedelta(days=1), suspension_reason="Ancien motif")
    response = submit("/connexion", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302


class RateLimitedConfig(TestConfig):
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"


def test_eleventh_login_attempt_in_a_minute_is_refused(app, page):
    """The limiter is a module-level singleton: a second app turns it on for this test only."""
    limited = create_app(RateLimitedConfig)
    try:
        with limited.app_context():
            db.create_all()  # a fresh in-memory SQLite; a no-op on PostgreSQL
        limiter.reset()
        browser = limited.test_client()
        token = _csrf(browser.get("/connexion"))
        data = {"email": "inconnue@exemple.fr", "password": "pas-le-bon-mot", "csrf_token": token}
        statuses = [browser.post("/connexion", data=data).status_code for _ in range(10)]
        assert statuses == [422] * 10
        response = browser.post("/connexion", data=data)
        assert response.status_code == 429
        assert "Trop de tentatives" in page(response)
        # Reading the page is not limited, only attempts are.
        assert browser.get("/connexion").status_code == 200
    finally:
        limiter.enabled = False
        limiter.reset()
        with limited.app_context():
            db.engine.dispose()
    # The shared test app is not rate limited afterwards.
    browser = app.test_client()
    for _ in range(12):
        assert browser.post("/connexion", data={}).status_code == 422
