"""E-mail verification links: expired, tampered, reused, and asking for a new one."""
from __future__ import annotations

import re
import time

from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from forum.accounts import tokens
from forum.extensions import db
from forum.models import User


class _ThreeDaysAgo(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(time.time()) - 3 * 24 * 3600


def _link_for(app, user, signer=TimestampSigner) -> str:
    serializer = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=tokens.VERIFY_SALT,
                                        signer=signer)
    return "/verifier/" + serializer.dumps({"uid": user.id, "email": user.email})


def test_expired_link_explains_and_offers_a_new_one(app, client, make_user, page):
    user = make_user(verified_email=False)
    response = client.get(_link_for(app, user, _ThreeDaysAgo))
    assert response.status_code == 400
    text = page(response)
    assert "Ce lien a expiré" in text
    assert "Renvoyer le lien" in text
    with app.app_context():
        assert db.session.get(User, user.id).email_verified_at is None


def test_tampered_link_is_refused(app, client, make_user, page):
    user = make_user(verified_email=False)
    response = client.get(_link_for(app, user) + "x")
    assert response.status_code == 400
    assert "Ce lien n'est pas valide" in page(response)
    # Signed with another key: refused too.
    forged = URLSafeTimedSerializer("other", salt=tokens.VERIFY_SALT).dumps({"uid": user.id,
                                                                           "email": user.email})
    assert client.get(f"/verifier/{forged}").status_code == 400


def test_used_link_does_not_log_in_again(app, client, make_user, page):
    user = make_user(verified_email=False)
    link = _link_for(app, user)
    assert client.get(link).status_code == 302
    other_browser = app.test_client()
    response = other_browser.get(link, follow_redirects=True)
    assert "Votre adresse e-mail est déjà vérifiée" in page(response)
    assert other_browser.get(f"/membres/{user.id}").status_code == 302  # still anonymous


def test_unverified_member_is_sent_to_the_waiting_page(client, make_user, login_as, submit):
    user = make_user(verified_email=False)
    response = submit("/connexion", {"email": user.email, "password": "Pansement-stérile-42"})
    assert response.headers["Location"].endswith("/inscription/verification")
    other = make_user("Paul", "Girard")
    response = client.get(f"/membres/{other.id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/inscription/verification")


def test_logged_in_member_can_ask_for_a_new_link(client, make_user, submit, outbox, page):
    user = make_user(verified_email=False)
    submit("/connexion", {"email": user.email, "password": "Pansement-stérile-42"})
    response = submit("/inscription/verification", {}, action="/inscription/renvoyer", follow=True)
    assert f"Un nouveau lien a été envoyé à {user.email}" in page(response)
    assert len(outbox) == 1 and "/verifier/" in outbox[0].text


def test_anonymous_resend_does_not_reveal_accounts(client, make_user, submit, outbox, page):
    user = make_user(verified_email=False)
    known = submit("/inscription/verification", {"email": user.email},
                   action="/inscription/renvoyer", follow=True)
    unknown = submit("/inscription/verification", {"email": "personne@exemple.fr"},
                     action="/inscription/renvoyer", follow=True)
    message = "Si un compte en attente de vérification correspond à cette adresse"
    assert message in page(known) and message in page(unknown)
    assert [m.to for m in outbox] == [user.email]
    link = re.search(r"https?://[^/\s]+(/verifier/\S+)", outbox[0].text).group(1)
    assert client.get(link).status_code == 302
