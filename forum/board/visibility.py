"""Who may see which posts and topics: the single rule every read goes through.

Published content is visible to every member; held content only to its author and to
moderators; rejected and deleted content to nobody (moderators see it in their queue).
Pages, lists, tag pages, search, feeds, notifications and e-mails all use these helpers.
"""
from __future__ import annotations

from sqlalchemy import and_, or_

from forum.models import Post, PostStatus, Topic, User


def _clause(model, user: User | None):
    published = model.status == PostStatus.published
    if user is None or not getattr(user, "is_authenticated", False):
        return published
    if user.is_moderator:
        return model.status.in_([PostStatus.published, PostStatus.held])
    return or_(published, and_(model.status == PostStatus.held, model.author_id == user.id))


def visible_topics(user: User | None):
    """A WHERE clause selecting the topics `user` may see."""
    return _clause(Topic, user)


def visible_posts(user: User | None):
    """A WHERE clause selecting the posts `user` may see."""
    return _clause(Post, user)


def can_see(user: User | None, item: Post | Topic) -> bool:
    """The same rule as the clauses, for an object already loaded."""
    if item.status == PostStatus.published:
        return True
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if item.status == PostStatus.held:
        return user.is_moderator or item.author_id == user.id
    return False
