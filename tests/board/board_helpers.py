"""Helpers shared by the board tests (imported by name: tests/board has no __init__)."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from forum.board import services
from forum.extensions import db
from forum.models import Category, Post, PostStatus, Topic, User
from forum.models.base import utcnow
from tests.conftest import csrf_from, login

BODY = "Bonjour, comment cotez-vous ce soin au domicile ? Merci d'avance."


def category(slug: str = "cotations-ngap") -> Category:
    return db.session.scalar(select(Category).where(Category.slug == slug))


def make_topic(app, author, title="AMI 4 et BSI le même jour", body=BODY, tags=None,
               slug="cotations-ngap") -> int:
    """Create a topic through the real service; returns its id."""
    with app.app_context():
        user = db.session.get(User, author.id)
        return services.submit_topic(user, category(slug), title, body, tags).id


def make_reply(app, author, topic_id, body="Je cote AMI 4 plus le forfait BSI.") -> int:
    with app.app_context():
        user = db.session.get(User, author.id)
        return services.submit_reply(user, db.session.get(Topic, topic_id), body).id


def first_post_id(app, topic_id) -> int:
    with app.app_context():
        return db.session.scalar(select(Post.id).where(Post.topic_id == topic_id, Post.is_first))


def hold(app, *, topic_id=None, post_id=None):
    """Put content on hold straight in the database, as moderation would."""
    with app.app_context():
        if topic_id is not None:
            db.session.get(Topic, topic_id).status = PostStatus.held
            for post in db.session.scalars(select(Post).where(Post.topic_id == topic_id,
                                                              Post.is_first)):
                post.status = PostStatus.held
        if post_id is not None:
            db.session.get(Post, post_id).status = PostStatus.held
        db.session.commit()


def client_for(app, user):
    """A separate browser session logged in as `user`."""
    client = app.test_client()
    response = login(client, user.email)
    assert response.status_code == 200
    return client


def submit(client, url, data, *, with_csrf=True, **kwargs):
    """Load the form at `url`, then post `data` with its CSRF token (as a browser would)."""
    payload = dict(data)
    if with_csrf:
        payload["csrf_token"] = csrf_from(client.get(url))
    return client.post(url, data=payload, **kwargs)


def bulk_topics(app, author_ids, count, slug="cotations-ngap", tag_names=("AMI", "pansement")):
    """Insert `count` published topics quickly (each with a first post and tags)."""
    with app.app_context():
        cat = category(slug)
        tags = services._tags_for(list(tag_names))
        now = utcnow()
        for i in range(count):
            author_id = author_ids[i % len(author_ids)]
            at = now - timedelta(minutes=i + 1)
            topic = Topic(category=cat, author_id=author_id, title=f"Sujet en masse numéro {i}",
                          status=PostStatus.published, created_at=at, last_activity_at=at,
                          last_poster_id=author_ids[(i + 1) % len(author_ids)], reply_count=0)
            topic.tags = list(tags)
            db.session.add(topic)
            db.session.add(Post(topic=topic, author_id=author_id, is_first=True,
                                body_source=BODY, body_html=f"<p>{BODY}</p>",
                                status=PostStatus.published, created_at=at))
        cat.topic_count += count
        cat.post_count += count
        db.session.commit()


def bulk_replies(app, author_ids, topic_id, count):
    """Insert `count` published replies quickly, some of them edited."""
    with app.app_context():
        topic = db.session.get(Topic, topic_id)
        # Just after the latest post, so that later real replies come after them.
        start = db.session.scalar(select(func.max(Post.created_at))
                                  .where(Post.topic_id == topic_id))
        for i in range(count):
            db.session.add(Post(
                topic_id=topic_id, author_id=author_ids[i % len(author_ids)], is_first=False,
                body_source=f"Réponse {i}", body_html=f"<p>Réponse {i}</p>",
                status=PostStatus.published, created_at=start + timedelta(microseconds=i + 1),
                edited_at=start if i % 3 == 0 else None, revision_count=1 if i % 3 == 0 else 0,
            ))
        topic.reply_count += count
        db.session.commit()


def articles(html: str) -> list[str]:
    """The ids of the posts shown on a topic page."""
    return re.findall(r'<article class="post[^"]*" id="message-(\d+)"', html)
