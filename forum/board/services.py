"""The rules of the board: what happens when a topic, a reply or an edit is submitted.

Every piece of text goes through `moderation.services.screen` (the moderation seam),
Markdown is rendered once here with `forum.text.render`, and the counters shown on list
pages (Category.topic_count/post_count/last_activity_at, Topic.reply_count/
last_activity_at/last_poster_id) are updated here and only for *published* content, so
that pages never count rows nor write anything.

Services commit: a caller catches SQLAlchemyError, rolls back and keeps the user's text.
"""
from __future__ import annotations

import re

from sqlalchemy import select

from forum.board.categories import SUGGESTED_TAGS
from forum.extensions import db
from forum.models import Category, Post, PostRevision, PostStatus, Tag, Topic, User
from forum.models.base import utcnow
from forum.moderation import services as moderation
from forum.text import render

MAX_TAGS = 5
TAG_MIN, TAG_MAX = 2, 30
_NGAP = {t.upper() for t in SUGGESTED_TAGS}
# Letters (accented included), digits and hyphens; no underscore, no space.
_TAG_RE = re.compile(r"^(?:[^\W_]|-)+$")


class TagError(ValueError):
    """A tag list the member must correct; the message is French and shown as is."""


def normalise_tag(raw: str) -> str:
    """One tag as stored: NGAP acronyms upper-case, anything else lower-case."""
    name = re.sub(r"\s+", "-", (raw or "").strip().lstrip("#").strip())
    return name.upper() if name.upper() in _NGAP else name.lower()


def normalise_tags(raw: str | list[str] | None) -> list[str]:
    """Parse "ami, Soins palliatifs,ifd" into ["AMI", "soins-palliatifs", "IFD"].

    Raises TagError with a French message when a tag is invalid or there are too many,
    so that the form can show it next to the field.
    """
    if raw is None:
        return []
    parts = raw if isinstance(raw, list) else raw.split(",")
    names: list[str] = []
    for part in parts:
        name = normalise_tag(part)
        if not name:
            continue
        if not (TAG_MIN <= len(name) <= TAG_MAX):
            raise TagError(f"Chaque tag doit compter entre {TAG_MIN} et {TAG_MAX} caractères "
                           f"(« {name[:40]} »).")
        if not _TAG_RE.match(name):
            raise TagError("Les tags ne peuvent contenir que des lettres, des chiffres et des "
                           f"tirets (« {name[:40]} »).")
        if name not in names:
            names.append(name)
    if len(names) > MAX_TAGS:
        raise TagError(f"{MAX_TAGS} tags au maximum.")
    return names


def _tags_for(names: list[str]) -> list[Tag]:
    """The Tag rows for `names`, creating the missing ones (in the current transaction)."""
    if not names:
        return []
    existing = {t.name: t for t in db.session.scalars(select(Tag).where(Tag.name.in_(names)))}
    tags = []
    for name in names:
        tag = existing.get(name)
        if tag is None:
            tag = Tag(name=name)
            db.session.add(tag)
        tags.append(tag)
    return tags


def _screen(author: User, body: str, title: str | None = None, **kw):
    return moderation.screen_post(author, body, title, **kw)


# --- Counters ------------------------------------------------------------------------

def _publication_changed(post: Post, delta: int, at=None) -> None:
    """Apply to the counters that `post` became published (+1) or stopped being (-1).

    A first post carries its topic: the topic (and all its published replies) appears in
    or disappears from the category. Increments are SQL expressions so that concurrent
    replies do not overwrite each other's counts.
    """
    topic = post.topic
    category = topic.category
    if post.is_first:
        category.topic_count = Category.topic_count + delta
        category.post_count = Category.post_count + delta * (1 + (topic.reply_count or 0))
        if delta > 0:
            category.last_activity_at = at or utcnow()
    else:
        topic.reply_count = Topic.reply_count + delta
        if topic.status == PostStatus.published:
            category.post_count = Category.post_count + delta
        if delta > 0:
            at = at or utcnow()
            topic.last_activity_at = at
            topic.last_poster_id = post.author_id
            if topic.status == PostStatus.published:
                category.last_activity_at = at


def set_status(post: Post, status: PostStatus, at=None) -> None:
    """Change a post's status keeping counters and the topic's mirrored status right.

    The single place for status transitions: moderation (approve, reject) uses it too.
    """
    was = post.status == PostStatus.published
    now = status == PostStatus.published
    post.status = status
    if post.is_first:
        post.topic.status = status
    if was != now:
        _publication_changed(post, 1 if now else -1, at=at)


# --- Submissions ---------------------------------------------------------------------

def submit_topic(author: User, category: Category, title: str, body: str,
                 tags: str | list[str] | None = None) -> Topic:
    """Create a topic and its first post; the topic's status is its first post's."""
    title = title.strip()
    names = normalise_tags(tags)
    screening = _screen(author, body, title)
    now = utcnow()
    topic = Topic(
        category=category, author_id=author.id, title=title, status=screening.status,
        created_at=now, last_activity_at=now, last_poster_id=author.id, reply_count=0,
    )
    topic.tags = _tags_for(names)
    post = Post(
        topic=topic, author_id=author.id, is_first=True, body_source=body,
        body_html=render(body), status=PostStatus.held, created_at=now, revision_count=0,
    )
    db.session.add_all([topic, post])
    # Start from "held" (counted nowhere) so that publication goes through set_status.
    topic.status = PostStatus.held
    set_status(post, screening.status, at=now)
    db.session.flush()
    moderation.post_submitted(post, screening)
    topic.screening = screening  # read by the view to tell the author why it is held
    db.session.commit()
    return topic


def submit_reply(author: User, topic: Topic, body: str) -> Post:
    """Add a reply; counters move only if the reply is published."""
    screening = _screen(author, body)
    now = utcnow()
    post = Post(
        topic=topic, author_id=author.id, is_first=False, body_source=body,
        body_html=render(body), status=PostStatus.held, created_at=now, revision_count=0,
    )
    db.session.add(post)
    set_status(post, screening.status, at=now)
    db.session.flush()
    moderation.post_submitted(post, screening)
    post.screening = screening
    db.session.commit()
    return post


def edit_post(editor: User, post: Post, body: str, title: str | None = None,
              tags: str | list[str] | None = None) -> Post:
    """Replace a post's text, keeping the previous published version as a PostRevision.

    For a first post, `title` and `tags` (when given) change the topic too. Returns the
    post unchanged (no revision) when nothing differs. The edit is screened: a published
    post whose edit is held keeps its clean version online while the proposed text waits
    in the queue (`post.screening.hold` tells the caller); a held post whose edit comes
    back clean is published at once. A held version is never kept as a revision (it may
    be patient data and was never published).
    """
    topic = post.topic
    new_title = title.strip() if (post.is_first and title is not None) else None
    names = normalise_tags(tags) if (post.is_first and tags is not None) else None
    title_changed = new_title is not None and new_title != topic.title
    tags_changed = names is not None and set(names) != {t.name for t in topic.tags}
    if body == post.body_source and not title_changed and not tags_changed:
        return post

    was_held = post.status == PostStatus.held
    screening = _screen(editor, body, new_title or (topic.title if post.is_first else None),
                        new_content=False, gated=moderation.gate_for_edit(post))
    post.screening = screening
    if not was_held and screening.hold:
        moderation.edit_held(post, editor, screening, body,
                             (new_title or topic.title) if post.is_first else None)
        db.session.commit()
        return post

    # Tags change only with a published (or still hidden) text: a held edit's tags are
    # member text too and must not show before review.
    if tags_changed:
        topic.tags = _tags_for(names)
    now = utcnow()
    if not was_held:
        db.session.add(PostRevision(
            post_id=post.id, editor_id=editor.id, title=topic.title if post.is_first else None,
            body_source=post.body_source, body_html=post.body_html, created_at=now,
        ))
        post.revision_count = Post.revision_count + 1
    post.body_source = body
    post.body_html = render(body)
    post.edited_at = now
    if title_changed:
        topic.title = new_title
    set_status(post, screening.status, at=now if was_held else None)
    db.session.flush()
    moderation.edit_applied(post, editor, screening)
    db.session.commit()
    return post
