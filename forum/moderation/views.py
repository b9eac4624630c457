"""Moderation routes. For now: the "check as you type" endpoint used by posting forms."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms.validators import ValidationError

from forum.extensions import limiter

bp = Blueprint("moderation", __name__, url_prefix="/moderation")

MAX_CHECK_LENGTH = 20_000


@bp.post("/verifier")
@limiter.limit("60 per minute", key_func=lambda: str(current_user.get_id()))
def check_text():
    """Return what in a draft would cause a privacy hold, with the anonymised proposal."""
    try:
        validate_csrf(request.headers.get("X-CSRFToken"))
    except (ValidationError, CSRFError):
        abort(400)
    payload = request.get_json(silent=True) or {}
    text = str(payload.get("text", ""))[:MAX_CHECK_LENGTH]
    from forum.moderation.services import check_privacy

    findings, redacted = check_privacy(text)
    return jsonify(hold=bool(findings), findings=[f.as_dict() for f in findings],
                   redacted=redacted)


@bp.get("/")
def queue():
    """Placeholder until the review queue lands: moderators only."""
    from forum.accounts.decorators import moderator_required  # noqa: F401

    if not current_user.is_moderator:
        abort(403)
    return jsonify(pending=0)


@bp.get("/compteur")
def review_count():
    """The number of items waiting, polled by the navigation bar of moderators."""
    if not current_user.is_moderator:
        abort(403)
    from forum.moderation.services import pending_review_count

    return jsonify(pending=pending_review_count())
