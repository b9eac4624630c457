"""Every POST route refuses a request without a valid CSRF token: nothing is written to
the database and no e-mail leaves, whoever is logged in (owner, moderator)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from forum import create_app
from forum.config import TestConfig
from forum.extensions import db
from forum.forms import CSRF_MESSAGE
from forum.models import Conversation, Post, PostStatus, Review, Role, User, WatchedAction
from tests.conftest import PASSWORD, login
from tests.replacements.repl_helpers import days, make_availability, make_offer

TOPIC_DATA = {"title": "Un sujet sans jeton", "body": "Un texte tout à fait banal ici.",
              "tags": "AMI"}


def _scenario(app, make_user):
    author = make_user("Alice", "Auteure")
    other = make_user("Bruno", "Autre")
    moderator = make_user("Mona", "Moderatrice", role=Role.moderator)
    unverified = make_user("Ugo", "Nonverifie", verified_nurse=False)
    from forum.board import services as board
    from forum.messages import services as messages
    from forum.moderation import queue
    from tests.board.board_helpers import category

    with app.test_request_context():
        a = db.session.get(User, author.id)
        b = db.session.get(User, other.id)
        m = db.session.get(User, moderator.id)
        topic = board.submit_topic(a, category(), "AMI 4 et BSI", "Comment cotez-vous ?",
                                   "AMI")
        reply = board.submit_reply(b, topic, "Je cote AMI 4 plus le forfait.")
        held = board.submit_reply(db.session.get(User, unverified.id), topic,
                                  "Première réponse d'un membre non vérifié.")
        assert held.status == PostStatus.held
        review_id = db.session.scalar(select(Review.id).where(Review.target_id == held.id))
        messages.send_message(a, b, "Bonjour Bruno, un mot sur ta tournée.")
        conversation_id = db.session.scalar(select(Conversation.id))
        word = queue.add_watched("motsurveille", False, WatchedAction.hold, m)
        ids = {"topic": topic.id, "reply": reply.id, "held": held.id, "review": review_id,
               "conversation": conversation_id, "word": word.id, "author": a.id,
               "other": b.id, "unverified": unverified.id}
    ids["offer"] = make_offer(app, author)
    ids["availability"] = make_availability(app, author)
    return {"author": author, "other": other, "moderator": moderator,
            "unverified": unverified}, ids


# (endpoint, who posts, url template, form data, form re-rendered with the CSRF message)
CASES = [
    ("accounts.signup", None, "/inscription",
     {"first_name": "Zoé", "last_name": "Nouvelle", "email": "zoe@exemple.fr",
      "rpps": "10000000000", "password": PASSWORD, "password_confirm": PASSWORD,
      "charter": "y"}, True),
    ("accounts.resend_verification", None, "/inscription/renvoyer",
     {"email": "ugo@exemple.fr"}, True),
    ("accounts.login", None, "/connexion", {"email": "x@exemple.fr", "password": PASSWORD},
     True),
    ("accounts.logout", "author", "/deconnexion", {}, False),
    ("accounts.forgot_password", None, "/mot-de-passe-oublie", {"email": "x@exemple.fr"},
     True),
    ("accounts.edit_profile", "author", "/profil",
     {"commune": "Brest", "departement": "29", "status": "", "software": "Vega"}, True),
    ("accounts.verify_rpps", "moderator", "/membres/{unverified}/verifier-rpps", {}, False),
    ("board.new_topic", "author", "/forum/cotations-ngap/nouveau", TOPIC_DATA, True),
    ("board.reply", "author", "/sujet/{topic}/repondre", {"body": "Une réponse banale."},
     True),
    ("board.edit_post", "other", "/message/{reply}/modifier",
     {"body": "Un texte modifié sans jeton."}, True),
    ("moderation.check_text", "author", "/moderation/verifier", None, False),
    ("moderation.anonymise", "unverified", "/message/{held}/anonymiser", {}, False),
    ("moderation.withdraw", "unverified", "/message/{held}/retirer", {}, False),
    ("moderation.report", "author", "/message/{reply}/signaler",
     {"reason": "other", "comment": "Sans jeton."}, True),
    ("moderation.claim", "moderator", "/moderation/{review}/prendre", {}, False),
    ("moderation.release", "moderator", "/moderation/{review}/liberer", {}, False),
    ("moderation.approve", "moderator", "/moderation/{review}/valider", {}, False),
    ("moderation.edit_approve", "moderator", "/moderation/{review}/modifier-valider",
     {"body": "Texte corrigé.", "title": ""}, True),
    ("moderation.reject", "moderator", "/moderation/{review}/refuser",
     {"reason": "other", "note": "Sans jeton."}, True),
    ("moderation.suspend", "moderator", "/moderation/{review}/suspendre",
     {"until": days(10).isoformat(), "reason": "Sans jeton."}, True),
    ("moderation.watched_words", "moderator", "/moderation/mots-surveilles",
     {"pattern": "autremot", "action": "hold", "confirm": "y"}, True),
    ("moderation.delete_watched", "moderator", "/moderation/mots-surveilles/{word}/supprimer",
     {}, False),
    ("replacements.new_offer", "author", "/remplacements/offres/nouvelle",
     {"commune": "Brest", "departement": "29", "zone": "urbaine",
      "start_date": days(20).isoformat(), "end_date": days(30).isoformat(),
      "care_type": "Nursing", "round_hours": "matin", "cabinet": "groupe",
      "description": "Tournée calme."}, True),
    ("replacements.edit_offer", "author", "/remplacements/offres/{offer}/modifier",
     {"commune": "Brest", "departement": "29", "zone": "urbaine",
      "start_date": days(20).isoformat(), "end_date": days(30).isoformat(),
      "care_type": "Nursing", "round_hours": "matin", "cabinet": "groupe",
      "description": "Tournée calme."}, True),
    ("replacements.fill_offer", "author", "/remplacements/offres/{offer}/pourvue",
     {"filled_by": "0"}, False),
    ("replacements.withdraw_offer", "author", "/remplacements/offres/{offer}/retirer", {},
     False),
    ("replacements.reopen_offer", "author", "/remplacements/offres/{offer}/rouvrir", {},
     False),
    ("replacements.new_availability", "author", "/remplacements/disponibilites/nouvelle",
     {"departements": "29", "start_date": days(20).isoformat(),
      "end_date": days(30).isoformat(), "experience": "Dix ans."}, True),
    ("replacements.edit_availability", "author",
     "/remplacements/disponibilites/{availability}/modifier",
     {"departements": "29", "start_date": days(20).isoformat(),
      "end_date": days(30).isoformat(), "experience": "Dix ans."}, True),
    ("replacements.withdraw_availability", "author",
     "/remplacements/disponibilites/{availability}/retirer", {}, False),
    ("messages.reply", "author", "/messages/{conversation}", {"body": "Sans jeton."}, True),
    ("messages.compose", "author", "/messages/nouveau/{other}", {"body": "Sans jeton."},
     True),
    ("messages.block", "author", "/messages/bloquer/{other}", {}, False),
    ("messages.unblock", "author", "/messages/debloquer/{other}", {}, False),
]


def _post_endpoints():
    app = create_app(TestConfig)
    return {r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods}


def test_every_post_route_is_covered():
    assert _post_endpoints() - {c[0] for c in CASES} == {"accounts.reset_password"}


def _snapshot():
    rows = {}
    for table in db.metadata.sorted_tables:
        rows[table.name] = sorted(repr(tuple(r)) for r in db.session.execute(table.select()))
    return rows


@pytest.mark.parametrize("endpoint,who,url,data,form_page", CASES, ids=[c[0] for c in CASES])
def test_post_without_csrf_token_changes_nothing(app, client, make_user, outbox, endpoint,
                                                 who, url, data, form_page):
    users, ids = _scenario(app, make_user)
    if who is not None:
        assert login(client, users[who].email).status_code == 200
    with app.app_context():
        before = _snapshot()
    outbox.clear()
    url = url.format(**ids)
    if data is None:  # the JSON endpoint
        response = client.post(url, json={"text": "Mme Dupont, 84 ans"})
        assert response.status_code == 400
    else:
        response = client.post(url, data=data)
        body = response.get_data(as_text=True)
        assert response.status_code in (200, 302, 422), (response.status_code, body[:500])
        if form_page:
            assert response.status_code == 422
            assert "Votre session a expiré ou le formulaire est trop ancien" in body
        else:
            assert response.status_code == 302
            follow = client.get(response.headers["Location"],
                                follow_redirects=True).get_data(as_text=True)
            assert "expiré" in follow or "trop ancien" in follow or "rechargez" in follow
    with app.app_context():
        db.session.remove()
        assert _snapshot() == before
    assert len(outbox) == 0


def test_csrf_message_is_french():
    assert "Votre session a expiré" in CSRF_MESSAGE
