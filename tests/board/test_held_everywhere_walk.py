"""Held content is seen by its author and moderators only, on every page that could show
it, and its text never leaves in an e-mail."""
from __future__ import annotations

from board_helpers import client_for, first_post_id, hold, make_reply, make_topic
from sqlalchemy import select

from forum.extensions import db
from forum.models import Message, Review, Role
from tests.conftest import csrf_from

SECRET = "Texte retenu confidentiel"


def test_held_reply_cannot_be_reached_by_a_third_member(app, make_user):
    author = make_user("Claire", "Moreau")
    topic_id = make_topic(app, author)
    marc = make_user("Marc", "Aubert")
    held_id = make_reply(app, marc, topic_id, body=f"{SECRET} de Marc.")
    hold(app, post_id=held_id)
    other = client_for(app, make_user("Zoé", "Tiers"))

    assert SECRET not in other.get(f"/sujet/{topic_id}").get_data(as_text=True)
    quoted = other.get(f"/sujet/{topic_id}/repondre?citer={held_id}").get_data(as_text=True)
    assert SECRET not in quoted
    for url in (f"/message/{held_id}/historique", f"/message/{held_id}/signaler",
                f"/message/{held_id}/modifier"):
        assert other.get(url).status_code == 404, url
    token = csrf_from(other.get(f"/sujet/{topic_id}"))
    assert other.post(f"/message/{held_id}/signaler",
                      data={"reason": "other", "csrf_token": token}).status_code == 404
    with app.app_context():
        assert db.session.scalar(select(Review).where(Review.kind == "report")) is None


def test_reply_to_a_held_topic_is_refused_to_others(app, make_user):
    author = make_user("Claire", "Moreau")
    topic_id = make_topic(app, author, title="Sujet retenu")
    hold(app, topic_id=topic_id)
    other = client_for(app, make_user("Zoé", "Tiers"))
    assert other.get(f"/sujet/{topic_id}/repondre").status_code == 404
    token = csrf_from(other.get("/forum/cotations-ngap/nouveau"))
    response = other.post(f"/sujet/{topic_id}/repondre",
                          data={"body": "Je réponds quand même.", "csrf_token": token})
    assert response.status_code == 404
    mine = client_for(app, author)
    assert mine.get(f"/sujet/{topic_id}/repondre").status_code == 200


def test_tags_of_a_held_edit_are_not_shown_before_review(app, make_user, monkeypatch):
    """A published topic whose edit is held keeps its published title AND tags."""
    from forum.moderation import services as moderation

    author = make_user("Claire", "Moreau")
    topic_id = make_topic(app, author, title="Sujet publié", tags="AMI")
    post_id = first_post_id(app, topic_id)
    me = client_for(app, author)
    url = f"/message/{post_id}/modifier"
    token = csrf_from(me.get(url))
    held = moderation.Screening(hold=True, reasons=("Contenu à vérifier (test)",))
    with monkeypatch.context() as patch:
        patch.setattr(moderation, "screen", lambda text, author, **kw: held)
        response = me.post(url, data={"title": "Sujet publié", "body": "Nouveau texte",
                                      "tags": "AMI, famille-durand", "csrf_token": token})
    assert response.status_code == 302
    other = client_for(app, make_user("Zoé", "Tiers"))
    for page_url in (f"/sujet/{topic_id}", "/forum", "/forum/cotations-ngap", "/tag/AMI"):
        assert "famille-durand" not in other.get(page_url).get_data(as_text=True), page_url
    assert other.get("/tag/famille-durand").status_code == 404


def test_tag_only_carried_by_a_held_topic_is_not_revealed(app, make_user):
    author = make_user("Claire", "Moreau")
    topic_id = make_topic(app, author, title="Sujet retenu", tags="famille-durand")
    hold(app, topic_id=topic_id)
    other = client_for(app, make_user("Zoé", "Tiers"))
    assert other.get("/tag/famille-durand").status_code == 404
    assert client_for(app, author).get("/tag/famille-durand").status_code == 200


def test_held_message_text_is_never_delivered_nor_mailed(app, make_user, monkeypatch, outbox):
    from forum.moderation import services as moderation
    from tests.replacements.repl_helpers import hold_everything

    anne = make_user("Anne", "Le Goff")
    lea = make_user("Léa", "Kerhervé")
    lea_client, anne_client = client_for(app, lea), client_for(app, anne)
    # A first, clean message opens the conversation for both.
    url = f"/messages/nouveau/{anne.id}"
    lea_client.post(url, data={"body": "Bonjour Anne.", "csrf_token": csrf_from(
        lea_client.get(url))})
    outbox.clear()
    with monkeypatch.context() as patch:
        hold_everything(patch)
        lea_client.post(url, data={"body": f"{SECRET} pour Anne.",
                                   "csrf_token": csrf_from(lea_client.get(url))})
    with app.app_context():
        conversation_id = db.session.scalar(select(Message.conversation_id))
    page = anne_client.get(f"/messages/{conversation_id}").get_data(as_text=True)
    assert "Bonjour Anne." in page and SECRET not in page
    assert SECRET in lea_client.get(f"/messages/{conversation_id}").get_data(as_text=True)
    assert all(SECRET not in m.text for m in outbox)
    del moderation


def test_rejected_and_approved_posts_are_never_in_mails(app, make_user, outbox):
    from forum.moderation import queue

    author = make_user("Ugo", "Nonverifie", verified_nurse=False)
    moderator = make_user("Mona", "Moderatrice", role=Role.moderator)
    topic_id = make_topic(app, author, title=f"{SECRET} titre", body=f"{SECRET} corps")
    reply_id = make_reply(app, author, topic_id, body=f"{SECRET} réponse")
    outbox.clear()
    with app.test_request_context():
        from forum.models import User
        mod = db.session.get(User, moderator.id)
        reviews = {r.target_id: r.id for r in db.session.scalars(select(Review))}
        queue.approve(reviews[first_post_id(app, topic_id)], mod)
        queue.reject(reviews[reply_id], mod, None, "Données de patient.")
    assert len(outbox) == 2
    for mail in outbox:
        assert SECRET not in mail.text and SECRET not in mail.subject
