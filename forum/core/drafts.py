"""Keep what a member typed when their session expired mid-post.

The form data is stored server-side under a random token (a post can be larger than a
cookie) and restored into the same form once the member has logged in again.
"""
from __future__ import annotations

import secrets
from datetime import timedelta

from flask import session
from sqlalchemy import delete

from forum.extensions import db
from forum.models import FormDraft
from forum.models.base import utcnow

SESSION_KEY = "pending_draft"
IGNORED_FIELDS = {"csrf_token", "submit", "password", "password_confirm"}
# Posts are capped well below this; a larger value is not a member's draft.
MAX_FIELD_LENGTH = 50_000
MAX_FIELDS = 40


def keep(request) -> None:
    data = {k: v[:MAX_FIELD_LENGTH] for k, v in list(request.form.items())[:MAX_FIELDS]
            if k not in IGNORED_FIELDS}
    if not any(str(v).strip() for v in data.values()):
        return
    token = secrets.token_urlsafe(32)
    db.session.execute(delete(FormDraft).where(FormDraft.created_at < utcnow() - timedelta(days=2)))
    db.session.add(FormDraft(token=token, url=request.path, data=data))
    db.session.commit()
    session[SESSION_KEY] = token


def restore(form, url: str) -> bool:
    """Fill `form` with the draft kept for `url`, if any; the draft is used once."""
    token = session.get(SESSION_KEY)
    if not token:
        return False
    draft = db.session.get(FormDraft, token)
    if draft is None or draft.url != url:
        return False
    for name, value in draft.data.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "data"):
            field.data = value
    db.session.delete(draft)
    db.session.commit()
    session.pop(SESSION_KEY, None)
    return True
