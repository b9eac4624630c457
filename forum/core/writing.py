"""What every posting view needs, in one place: the rate limit that keeps the text, the
draft restored after an expired session, and a write that survives a database error."""
from __future__ import annotations

from flask import current_app, flash, request
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from forum.core import drafts
from forum.extensions import db, limiter

DB_ERROR = ("Un incident technique a empêché l'enregistrement. Votre saisie est conservée "
            "ci-dessous : réessayez.")
RESTORED = "Votre saisie a été restaurée : vérifiez-la puis envoyez-la."
KEPT_ON_BREACH = ("Trop d'envois rapprochés. Votre saisie a été conservée : elle sera restaurée "
                  "quand vous reviendrez au formulaire.")


def current_member():
    """The logged-in User object itself (not the proxy), for services."""
    return current_user._get_current_object()


def page_arg() -> int:
    return request.args.get("page", 1, type=int)


def _keep_input_on_breach(_limit) -> None:
    drafts.keep(request)
    flash(KEPT_ON_BREACH, "info")


def posting_limit(limit: str):
    """Rate-limit a posting route per member; over the limit the text is kept as a draft."""
    return limiter.limit(limit, key_func=lambda: str(current_user.id), methods=["POST"],
                         on_breach=_keep_input_on_breach)


def restore_draft(form, url: str | None = None, message: str = RESTORED) -> bool:
    """Refill `form` with what was typed before the session expired or a limit was hit."""
    if drafts.restore(form, url or request.path):
        flash(message, "info")
        return True
    return False


def save(action, failed=None):
    """Run a service; on a database error roll back, log, and return `failed`."""
    try:
        return action()
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("Write failed in %s", request.endpoint)
        return failed
