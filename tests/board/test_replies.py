"""Replying: the reply appears, counters move, quoting, last page, pagination of posts."""
from __future__ import annotations

from board_helpers import (articles, bulk_replies, category, client_for, first_post_id, hold,
                           make_reply, make_topic, submit)
from forum.extensions import db
from forum.models import Topic


def test_reply_is_shown_and_counters_updated(client, app, make_user, login_as):
    author = make_user("Claire", "Moreau")
    topic_id = make_topic(app, author)
    colleague = make_user("Marc", "Aubert")
    login_as(colleague)
    url = f"/sujet/{topic_id}/repondre"
    response = submit(client, url, {"body": "Le second acte est coté à 50 %, article 11B."})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(f"/sujet/{topic_id}#message-")
    page = client.get(location).get_data(as_text=True)
    assert "article 11B" in page and "Marc Aubert" in page
    assert len(articles(page)) == 2

    with app.app_context():
        topic = db.session.get(Topic, topic_id)
        assert topic.reply_count == 1
        assert topic.last_poster_id == colleague.id
        assert topic.last_activity_at >= topic.created_at
        cat = category()
        assert (cat.topic_count, cat.post_count) == (1, 2)
    listing = client.get("/forum/cotations-ngap").get_data(as_text=True)
    assert "1 réponse" in listing and "Marc Aubert" in listing


def test_reply_form_on_topic_page_autosaves(client, app, make_user, login_as):
    topic_id = make_topic(app, make_user())
    login_as(make_user("Marc", "Aubert"))
    page = client.get(f"/sujet/{topic_id}").get_data(as_text=True)
    assert f'data-autosave="reponse-{topic_id}"' in page
    assert f'action="/sujet/{topic_id}/repondre"' in page
    assert '<label for="body">Votre réponse</label>' in page


def test_reply_lands_on_the_last_page(client, app, make_user, login_as):
    author = make_user()
    topic_id = make_topic(app, author)
    bulk_replies(app, [author.id], topic_id, 24)  # 25 posts: a full page and 5
    login_as(author)
    response = submit(client, f"/sujet/{topic_id}/repondre", {"body": "Réponse tout en bas."})
    location = response.headers["Location"]
    assert f"/sujet/{topic_id}?page=2#message-" in location
    page = client.get(location).get_data(as_text=True)
    assert "Réponse tout en bas." in page
    assert len(articles(page)) == 6


def test_posts_are_paginated_in_reading_order(client, app, make_user, login_as):
    author = make_user()
    topic_id = make_topic(app, author)
    bulk_replies(app, [author.id], topic_id, 24)
    login_as(author)
    first = client.get(f"/sujet/{topic_id}").get_data(as_text=True)
    assert len(articles(first)) == 20
    assert "Page 1 sur 2" in first and f'href="/sujet/{topic_id}?page=2"' in first
    assert first.index("Réponse 0<") < first.index("Réponse 18<")
    second = client.get(f"/sujet/{topic_id}?page=2").get_data(as_text=True)
    assert len(articles(second)) == 5
    assert "Réponse 23<" in second and "Réponse 0<" not in second


def test_quoting_prefills_the_reply(client, app, make_user, login_as):
    author = make_user("Claire", "Moreau")
    topic_id = make_topic(app, author, body="Je cote AMI 4 + BSI.\nEst-ce correct ?")
    post_id = first_post_id(app, topic_id)
    login_as(make_user("Marc", "Aubert"))
    topic_page = client.get(f"/sujet/{topic_id}").get_data(as_text=True)
    assert f'href="/sujet/{topic_id}/repondre?citer={post_id}"' in topic_page
    page = client.get(f"/sujet/{topic_id}/repondre?citer={post_id}").get_data(as_text=True)
    assert "&gt; **Claire Moreau** a écrit :\n&gt; Je cote AMI 4 + BSI.\n&gt; Est-ce correct ?" in page
    # Submitting the quote renders it as a blockquote.
    response = submit(client, f"/sujet/{topic_id}/repondre", {
        "body": "> **Claire Moreau** a écrit :\n> Je cote AMI 4 + BSI.\n\nOui, c'est correct."})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<blockquote>" in page and "<strong>Claire Moreau</strong> a écrit" in page


def test_quoting_a_post_one_cannot_see_is_ignored(client, app, make_user, login_as):
    author = make_user("Claire", "Moreau")
    topic_id = make_topic(app, author)
    held_reply = make_reply(app, author, topic_id, body="Un message retenu par la modération.")
    hold(app, post_id=held_reply)
    other_topic = make_topic(app, author, title="Un autre sujet ici")
    login_as(make_user("Marc", "Aubert"))
    page = client.get(f"/sujet/{topic_id}/repondre?citer={held_reply}").get_data(as_text=True)
    assert "retenu par la modération" not in page and "a écrit" not in page
    foreign = first_post_id(app, other_topic)
    page = client.get(f"/sujet/{topic_id}/repondre?citer={foreign}").get_data(as_text=True)
    assert "a écrit" not in page
    assert client.get(f"/sujet/{topic_id}/repondre?citer=abc").status_code == 200


def test_reply_validation_and_csrf_keep_the_text(client, app, make_user, login_as):
    topic_id = make_topic(app, make_user())
    login_as(make_user("Marc", "Aubert"))
    url = f"/sujet/{topic_id}/repondre"
    response = submit(client, url, {"body": "Court"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Le message doit compter entre 10 et 20000 caractères." in page
    assert "Court</textarea>" in page
    response = submit(client, url, {"body": "Une réponse assez longue."}, with_csrf=False)
    assert response.status_code == 422
    assert "Une réponse assez longue.</textarea>" in response.get_data(as_text=True)


def test_cannot_reply_to_a_topic_one_cannot_see(client, app, make_user, login_as):
    author = make_user()
    topic_id = make_topic(app, author)
    hold(app, topic_id=topic_id)
    login_as(make_user("Marc", "Aubert"))
    assert client.get(f"/sujet/{topic_id}/repondre").status_code == 404
    response = client.post(f"/sujet/{topic_id}/repondre", data={"body": "Une réponse ici."})
    assert response.status_code == 404
    assert client.get("/sujet/999999").status_code == 404


def test_two_members_reply_counters_stay_right(app, make_user):
    author = make_user()
    topic_id = make_topic(app, author)
    marc = make_user("Marc", "Aubert")
    for i in range(3):
        make_reply(app, marc if i % 2 else author, topic_id, body=f"Réponse numéro {i} ici.")
    client = client_for(app, marc)
    assert "3 réponses" in client.get("/forum/cotations-ngap").get_data(as_text=True)
    with app.app_context():
        assert category().post_count == 4
