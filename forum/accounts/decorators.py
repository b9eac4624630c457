"""Access decorators shared by every package (moderation, board…)."""
from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user

from forum.extensions import login_manager


def moderator_required(view):
    """Moderators and admins only; anyone else gets the French 403 page."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_moderator:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
