"""The member's notifications page."""
from flask import Blueprint, render_template, request
from flask_login import current_user

from forum.notifications import services

bp = Blueprint("notifications", __name__)


@bp.get("/notifications")
def index():
    page = services.recent(current_user, request.args.get("page", 1, type=int))
    items = list(page.items)
    # Render first, then mark seen: a returned text is shown this once and then erased.
    html = render_template("notifications/index.html", page=page, items=items)
    services.mark_seen(current_user, items)
    return html
