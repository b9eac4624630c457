"""Held content: invisible to other members everywhere, visible to its author (marked) and
to moderators."""
from __future__ import annotations

from board_helpers import client_for, first_post_id, hold, make_reply, make_topic
from forum.models import Role

HELD_MARK = "En attente de vérification"


def test_held_topic_is_hidden_from_other_members(app, make_user):
    author = make_user("Claire", "Moreau")
    topic_id = make_topic(app, author, title="Sujet retenu pour vérification", tags="AMI")
    make_topic(app, author, title="Sujet publié normalement", tags="AMI")
    hold(app, topic_id=topic_id)

    other = client_for(app, make_user("Marc", "Aubert"))
    for url in ("/forum", "/forum/cotations-ngap", "/tag/AMI"):
        page = other.get(url).get_data(as_text=True)
        assert "Sujet publié normalement" in page, url
        assert "Sujet retenu" not in page and HELD_MARK not in page, url
    assert other.get(f"/sujet/{topic_id}").status_code == 404
    assert other.get(f"/message/{first_post_id(app, topic_id)}/historique").status_code == 404

    mine = client_for(app, author)
    for url in ("/forum", "/forum/cotations-ngap", "/tag/AMI", f"/sujet/{topic_id}"):
        page = mine.get(url).get_data(as_text=True)
        assert "Sujet retenu pour vérification" in page and HELD_MARK in page, url

    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    for url in ("/forum", "/forum/cotations-ngap", "/tag/AMI", f"/sujet/{topic_id}"):
        page = moderator.get(url).get_data(as_text=True)
        assert "Sujet retenu pour vérification" in page and HELD_MARK in page, url


def test_held_reply_is_hidden_from_other_members(app, make_user):
    author = make_user("Claire", "Moreau")
    topic_id = make_topic(app, author)
    marc = make_user("Marc", "Aubert")
    held_id = make_reply(app, marc, topic_id, body="Réponse retenue par la modération.")
    make_reply(app, author, topic_id, body="Réponse publiée visible de tous.")
    hold(app, post_id=held_id)

    other = client_for(app, author)
    page = other.get(f"/sujet/{topic_id}").get_data(as_text=True)
    assert "Réponse publiée visible de tous." in page
    assert "Réponse retenue" not in page and HELD_MARK not in page
    assert f"message-{held_id}" not in page

    mine = client_for(app, marc)
    page = mine.get(f"/sujet/{topic_id}").get_data(as_text=True)
    assert "Réponse retenue par la modération." in page and HELD_MARK in page
    assert f'class="post is-held" id="message-{held_id}"' in page
    assert mine.get(f"/message/{held_id}/modifier").status_code == 200

    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    page = moderator.get(f"/sujet/{topic_id}").get_data(as_text=True)
    assert "Réponse retenue par la modération." in page and HELD_MARK in page
