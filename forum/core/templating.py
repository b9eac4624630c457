"""Template filters and globals shared by every page (French dates, durations)."""
from __future__ import annotations

from datetime import datetime

from babel.dates import format_date, format_datetime, format_timedelta

from forum.models.base import utcnow


def init_app(app) -> None:
    @app.template_filter("date_fr")
    def date_fr(value: datetime | None, fmt: str = "d MMMM y") -> str:
        return format_date(value, fmt, locale="fr_FR") if value else ""

    @app.template_filter("datetime_fr")
    def datetime_fr(value: datetime | None) -> str:
        return format_datetime(value, "d MMM y 'à' HH:mm", locale="fr_FR") if value else ""

    @app.template_filter("ago")
    def ago(value: datetime | None) -> str:
        if not value:
            return ""
        delta = value - utcnow()
        if abs(delta.total_seconds()) < 60:
            return "à l'instant"
        return format_timedelta(delta, add_direction=True, locale="fr_FR")

    @app.context_processor
    def navigation_counts():
        """Unread notifications (and the review queue for moderators), for the nav bar."""
        from flask_login import current_user

        if not (current_user.is_authenticated and current_user.email_verified):
            return {}
        from forum.notifications.services import unread_count

        counts = {"unread_notifications": unread_count(current_user)}
        if current_user.is_moderator:
            from forum.moderation.services import pending_review_count

            counts["pending_reviews"] = pending_review_count()
        return counts

    @app.template_filter("iso")
    def iso(value: datetime | None) -> str:
        return value.isoformat() + "Z" if value else ""
