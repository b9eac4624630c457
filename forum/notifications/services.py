"""Telling members what happened: an in-forum notification and, if asked, an e-mail.

E-mails never contain the text of a post (it could be held or rejected content): they say
what happened and link to the forum, where visibility rules apply.
"""
from __future__ import annotations

from flask import url_for
from sqlalchemy import func, select, update

from forum.extensions import db
from forum.mail import send_mail
from forum.models import Notification, User
from forum.models.base import utcnow


def notify(user: User, kind: str, message: str, link: str | None = None, *,
           email_subject: str | None = None, returned_text: str | None = None) -> Notification:
    """Record a notification for `user` (committed by the caller) and e-mail it if asked."""
    notification = Notification(user_id=user.id, kind=kind, message=message, link=link,
                                returned_text=returned_text)
    db.session.add(notification)
    if email_subject:
        send_mail(user.email, email_subject, "notification", user=user, message=message,
                  link=url_for("notifications.index", _external=True))
    return notification


def unread_count(user: User) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(Notification.user_id == user.id,
                                                  Notification.read_at.is_(None))
    ) or 0


def recent(user: User, page: int, per_page: int = 30):
    query = (select(Notification).where(Notification.user_id == user.id)
             .order_by(Notification.created_at.desc(), Notification.id.desc()))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def mark_seen(user: User, notifications) -> None:
    """Mark as read and erase returned texts once shown: they are given back only once."""
    ids = [n.id for n in notifications if n.read_at is None or n.returned_text]
    if not ids:
        return
    db.session.execute(
        update(Notification).where(Notification.id.in_(ids), Notification.user_id == user.id)
        .values(read_at=func.coalesce(Notification.read_at, utcnow()), returned_text=None)
    )
    db.session.commit()
