"""Reads of the board, all filtered by forum.board.visibility and loaded eagerly.

Each helper issues a fixed number of SQL statements whatever the amount of data (authors,
tags and categories come with selectinload/joinedload), so a page's cost does not grow
with the number of topics or posts.
"""
from __future__ import annotations

from flask import abort, current_app
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from forum.board.visibility import visible_posts, visible_topics
from forum.extensions import db
from forum.models import Category, Post, PostRevision, Tag, Topic, User, topic_tags


def _topic_list_options():
    return (
        selectinload(Topic.author),
        selectinload(Topic.last_poster),
        selectinload(Topic.tags),
        joinedload(Topic.category),
    )


def _latest_first(stmt):
    return stmt.order_by(Topic.last_activity_at.desc(), Topic.id.desc())


def categories() -> list[Category]:
    """Every category with its counters, in display order."""
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.id)))


def category_or_404(slug: str) -> Category:
    category = db.session.scalar(select(Category).where(Category.slug == slug))
    if category is None:
        abort(404)
    return category


def latest_topics(user: User, limit: int = 10) -> list[Topic]:
    """The most recently active topics the user may see, across categories."""
    stmt = _latest_first(select(Topic).where(visible_topics(user)).options(*_topic_list_options()))
    return list(db.session.scalars(stmt.limit(limit)))


def topics_page(user: User, page: int, *, category: Category | None = None,
                tag: Tag | None = None):
    """A page of visible topics, most recent activity first."""
    stmt = select(Topic).where(visible_topics(user))
    if category is not None:
        stmt = stmt.where(Topic.category_id == category.id)
    if tag is not None:
        stmt = stmt.join(topic_tags, topic_tags.c.topic_id == Topic.id).where(
            topic_tags.c.tag_id == tag.id)
    stmt = _latest_first(stmt.options(*_topic_list_options()))
    return db.paginate(stmt, page=page, per_page=current_app.config["TOPICS_PER_PAGE"])


def tag_or_404(name: str, user: User | None = None) -> Tag:
    """The tag if `user` may see at least one topic carrying it (a tag only on held
    content is that content's text); 404 otherwise."""
    from forum.board.services import normalise_tag

    carried = exists().where(topic_tags.c.tag_id == Tag.id,
                             topic_tags.c.topic_id == Topic.id, visible_topics(user))
    tag = db.session.scalar(select(Tag).where(Tag.name == normalise_tag(name), carried))
    if tag is None:
        abort(404)
    return tag


def visible_topic_or_404(user: User, topic_id: int) -> Topic:
    """The topic if `user` may see it; 404 otherwise (never reveal that it exists)."""
    topic = db.session.scalar(
        select(Topic).where(Topic.id == topic_id, visible_topics(user))
        .options(joinedload(Topic.category), selectinload(Topic.tags))
    )
    if topic is None:
        abort(404)
    return topic


def visible_post_or_404(user: User, post_id: int) -> Post:
    """The post if `user` may see both it and its topic; 404 otherwise."""
    post = db.session.scalar(
        select(Post).join(Post.topic)
        .where(Post.id == post_id, visible_posts(user), visible_topics(user))
        .options(joinedload(Post.topic).joinedload(Topic.category),
                 joinedload(Post.topic).selectinload(Topic.tags),
                 joinedload(Post.author))
    )
    if post is None:
        abort(404)
    return post


def visible_post_in_topic(user: User, topic: Topic, post_id: int | None) -> Post | None:
    """A post of `topic` the user may see (used for quoting), or None."""
    if not post_id:
        return None
    return db.session.scalar(
        select(Post).where(Post.id == post_id, Post.topic_id == topic.id, visible_posts(user))
        .options(joinedload(Post.author))
    )


def posts_page(user: User, topic: Topic, page: int):
    """A page of the visible posts of a topic, in reading order, authors loaded."""
    stmt = (
        select(Post).where(Post.topic_id == topic.id, visible_posts(user))
        .options(selectinload(Post.author))
        .order_by(Post.created_at, Post.id)
    )
    return db.paginate(stmt, page=page, per_page=current_app.config["POSTS_PER_PAGE"])


def page_of_post(user: User, post: Post) -> int:
    """The page of its topic on which `post` appears for `user`."""
    before = db.session.scalar(
        select(func.count(Post.id)).where(
            Post.topic_id == post.topic_id, visible_posts(user),
            or_(Post.created_at < post.created_at,
                and_(Post.created_at == post.created_at, Post.id <= post.id)),
        )
    ) or 1
    per_page = current_app.config["POSTS_PER_PAGE"]
    return (before - 1) // per_page + 1


def revisions_page(post: Post, page: int):
    """Previous versions of a post, newest first (access is checked by the caller)."""
    stmt = (
        select(PostRevision).where(PostRevision.post_id == post.id)
        .options(selectinload(PostRevision.editor))
        .order_by(PostRevision.created_at.desc(), PostRevision.id.desc())
    )
    return db.paginate(stmt, page=page, per_page=current_app.config["POSTS_PER_PAGE"])
