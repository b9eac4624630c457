"""Every GET route is for members only, except the few public pages: an anonymous
visitor, a member whose e-mail is not verified and a suspended member are sent away."""
from __future__ import annotations

from datetime import timedelta

import pytest

from forum import create_app
from forum.config import TestConfig
from forum.models.base import utcnow
from tests.conftest import PASSWORD

PUBLIC = {"static", "core.index", "core.charter", "core.robots", "core.healthz",
          "accounts.signup", "accounts.login", "accounts.verify_email",
          "accounts.verify_pending", "accounts.forgot_password", "accounts.reset_password"}


def _url(rule) -> str:
    values = {}
    for arg in rule.arguments:
        converter = rule._converters[arg]
        values[arg] = 1 if type(converter).__name__ == "IntegerConverter" else "x"
    url = rule.rule
    for arg, value in values.items():
        url = url.replace(f"<int:{arg}>", str(value)).replace(f"<path:{arg}>", "x")
        url = url.replace(f"<{arg}>", str(value))
    return url


def _get_routes():
    app = create_app(TestConfig)
    return sorted((_url(r), r.endpoint) for r in app.url_map.iter_rules()
                  if "GET" in r.methods)


GET_ROUTES = _get_routes()
PRIVATE_GET = [(u, e) for u, e in GET_ROUTES if e not in PUBLIC]


def test_the_walk_covers_the_whole_forum():
    endpoints = {e for _, e in PRIVATE_GET}
    assert {"board.home", "board.topic", "messages.inbox", "moderation.queue",
            "notifications.index", "replacements.board", "accounts.profile"} <= endpoints


@pytest.mark.parametrize("url,endpoint", PRIVATE_GET)
def test_anonymous_visitor_is_sent_to_login(client, url, endpoint):
    response = client.get(url)
    assert response.status_code == 302, (url, response.status_code)
    assert response.headers["Location"].split("?")[0].endswith("/connexion")


@pytest.mark.parametrize("url,endpoint", [(u, e) for u, e in GET_ROUTES if e in PUBLIC
                                          and e != "static"])
def test_public_pages_do_not_ask_for_login(client, url, endpoint):
    response = client.get(url)
    location = response.headers.get("Location", "")
    assert "/connexion" not in location or endpoint == "accounts.login", (url, location)


@pytest.mark.parametrize("url,endpoint", PRIVATE_GET)
def test_unverified_member_is_sent_to_verification(app, client, make_user, login_as, url,
                                                   endpoint):
    user = make_user("Nina", "Verif", verified_email=False)
    login_as(user)
    response = client.get(url)
    assert response.status_code == 302, (url, response.status_code)
    assert "/inscription/verification" in response.headers["Location"]


@pytest.mark.parametrize("url,endpoint", PRIVATE_GET)
def test_suspended_member_is_logged_out(app, client, make_user, url, endpoint):
    from forum.extensions import db
    from forum.models import User
    from tests.conftest import login

    user = make_user("Sam", "Suspendu")
    login(client, user.email, PASSWORD)
    with app.app_context():
        member = db.session.get(User, user.id)
        member.suspended_until = utcnow() + timedelta(days=3)
        member.suspension_reason = "Propos déplacés."
        db.session.commit()
    response = client.get(url)
    assert response.status_code == 302, (url, response.status_code)
    assert response.headers["Location"].split("?")[0].endswith("/connexion")
    page = client.get("/connexion").get_data(as_text=True)
    assert "suspendu" in page


MEMBER_ROUTES_IN_MODERATION = {"moderation.report"}
MODERATOR_GET = [(u, e) for u, e in PRIVATE_GET
                 if (e.startswith("moderation.") and e not in MEMBER_ROUTES_IN_MODERATION)
                 or e == "messages.held_message"]


def test_moderator_pages_are_listed():
    assert {"moderation.queue", "moderation.item", "moderation.journal",
            "moderation.watched_words", "moderation.review_count",
            "messages.held_message"} <= {e for _, e in MODERATOR_GET}


@pytest.mark.parametrize("url,endpoint", MODERATOR_GET)
def test_ordinary_member_cannot_open_moderator_pages(client, make_user, login_as, url,
                                                     endpoint):
    login_as(make_user("Marc", "Membre"))
    response = client.get(url)
    assert response.status_code in (403, 404), (url, response.status_code)
    assert "Modération" not in response.get_data(as_text=True).split("<main", 1)[-1][:200]
