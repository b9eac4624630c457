"""Watched words: tested before saving, hold or flag, never on ordinary vocabulary by surprise."""
from __future__ import annotations

from moderation_helpers import (CLEAN_BODY, client_for, first_post, new_topic, pending_of,
                                submit, text, topic_row)
from sqlalchemy import func, select

from forum.extensions import db
from forum.models import AuditEntry, PostStatus, ReviewKind, Role, WatchedWord

URL = "/moderation/mots-surveilles"


def _count(app):
    with app.app_context():
        return db.session.scalar(select(func.count(WatchedWord.id)))


def test_test_button_shows_matches_without_saving(app, make_user):
    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    response = submit(moderator, URL, {"pattern": "cabinet esthétique", "action": "hold",
                                       "sample": "Venez à mon cabinet esthétique, prix doux.",
                                       "test": "Tester"})
    page = text(response)
    assert response.status_code == 200
    assert "1 correspondance" in page and "<mark>cabinet esthétique</mark>" in page
    assert 'value="cabinet esthétique"' in page       # the form comes back filled
    assert _count(app) == 0


def test_invalid_regex_gets_a_french_error_and_keeps_the_input(app, make_user):
    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    response = submit(moderator, URL, {"pattern": "promo(tion", "is_regex": "y",
                                       "action": "hold", "sample": "texte d'essai gardé",
                                       "submit": "Enregistrer"})
    page = text(response)
    assert response.status_code == 422
    assert "Expression régulière invalide" in page
    assert 'value="promo(tion"' in page and "texte d'essai gardé" in page
    assert _count(app) == 0


def test_ordinary_medical_vocabulary_needs_confirmation(app, make_user):
    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    response = submit(moderator, URL, {"pattern": "insuline", "action": "hold",
                                       "submit": "Enregistrer"})
    assert response.status_code == 422
    assert "apparaît dans des messages ordinaires" in text(response)
    assert _count(app) == 0
    submit(moderator, URL, {"pattern": "insuline", "action": "flag", "confirm": "y",
                            "submit": "Enregistrer"})
    assert _count(app) == 1


def test_hold_word_holds_and_plain_terms_match_whole_words(app, make_user):
    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    response = submit(moderator, URL, {"pattern": "Laboratoire Miracle", "action": "hold",
                                       "submit": "Enregistrer"})
    assert response.status_code == 302
    assert "Laboratoire Miracle" in text(moderator.get(URL))
    mine = client_for(app, make_user("Claire", "Moreau"))
    held = new_topic(mine, title="Crème cicatrisante",
                     body="Essayez la crème du laboratoire miracle sur les escarres !")
    assert topic_row(app, held).status == PostStatus.held
    [review] = pending_of(app, first_post(app, held).id)
    assert review.kind == ReviewKind.held_post
    page = text(mine.get(f"/sujet/{held}"))
    assert "Terme surveillé par la modération" in page and ">laboratoire miracle</mark>" in page
    # Not inside another word, and ordinary posts go through.
    ok = new_topic(mine, title="Laboratoires miracles ?", body=CLEAN_BODY)
    assert topic_row(app, ok).status == PostStatus.published
    with app.app_context():
        assert db.session.scalar(select(AuditEntry.action)) == "watched_add"


def test_flag_word_publishes_and_opens_an_item(app, make_user):
    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    submit(moderator, URL, {"pattern": r"promo\w*", "is_regex": "y", "action": "flag",
                            "submit": "Enregistrer"})
    mine = client_for(app, make_user("Claire", "Moreau"))
    topic_id = new_topic(mine, title="Pansements en promotion",
                         body="Grosse promotion sur les pansements hydrocellulaires.")
    assert topic_row(app, topic_id).status == PostStatus.published
    [review] = pending_of(app, first_post(app, topic_id).id)
    assert review.kind == ReviewKind.flagged
    assert "Terme surveillé par la modération : « promotion »" in text(moderator.get("/moderation/"))
    assert "Terme surveillé" not in text(mine.get(f"/sujet/{topic_id}"))


def test_delete_a_watched_word(app, make_user):
    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    submit(moderator, URL, {"pattern": "arnaque", "action": "hold", "submit": "Enregistrer"})
    with app.app_context():
        word_id = db.session.scalar(select(WatchedWord.id))
    submit(moderator, f"{URL}/{word_id}/supprimer", {}, form_url=URL)
    assert _count(app) == 0
