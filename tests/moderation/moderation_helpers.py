"""Helpers shared by the moderation tests (imported by name: no __init__ here)."""
from __future__ import annotations

import html
import re

from sqlalchemy import select

from forum.extensions import db
from forum.models import Post, Review, ReviewStatus, Topic
from tests.conftest import csrf_from, login

PATIENT_BODY = "Mme Dupont, 84 ans, diabétique, refuse l'insuline. Comment la convaincre ?"
CLEAN_BODY = "Pansement d'escarre stade 3 chez un diabétique, vous faites comment ?"
CLEAN_TITLE = "Escarre stade 3 au domicile"
CATEGORY = "cotations-ngap"


def client_for(app, user):
    """A separate browser session logged in as `user`."""
    client = app.test_client()
    response = login(client, user.email)
    assert response.status_code == 200
    return client


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def submit(client, url, data, *, form_url=None, **kwargs):
    """Load the page holding the form, then post `data` with its CSRF token."""
    payload = dict(data)
    payload["csrf_token"] = csrf_from(client.get(form_url or url))
    return client.post(url, data=payload, **kwargs)


def new_topic(client, title=CLEAN_TITLE, body=CLEAN_BODY, tags="pansement", slug=CATEGORY):
    response = submit(client, f"/forum/{slug}/nouveau",
                      {"title": title, "body": body, "tags": tags})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(re.search(r"/sujet/(\d+)", response.headers["Location"]).group(1))


def new_reply(client, topic_id, body=CLEAN_BODY):
    response = submit(client, f"/sujet/{topic_id}/repondre", {"body": body})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(re.search(r"message-(\d+)", response.headers["Location"]).group(1))


def first_post(app, topic_id) -> Post:
    with app.app_context():
        post = db.session.scalar(select(Post).where(Post.topic_id == topic_id, Post.is_first))
        db.session.expunge(post)
        return post


def post_row(app, post_id) -> Post:
    with app.app_context():
        post = db.session.get(Post, post_id)
        db.session.expunge(post)
        return post


def topic_row(app, topic_id) -> Topic:
    with app.app_context():
        topic = db.session.get(Topic, topic_id)
        db.session.expunge(topic)
        return topic


def reviews_of(app, post_id) -> list[Review]:
    with app.app_context():
        rows = list(db.session.scalars(select(Review).where(Review.target_type == "post",
                                                            Review.target_id == post_id)
                                       .order_by(Review.id)))
        for r in rows:
            db.session.expunge(r)
        return rows


def pending_of(app, post_id) -> list[Review]:
    return [r for r in reviews_of(app, post_id) if r.status == ReviewStatus.pending]


def action(client, url, page_url):
    """Press a CSRF-protected button found on `page_url`."""
    return submit(client, url, {}, form_url=page_url)
