"""The moderation seam: every topic, reply, edit (and later ad) passes through `screen`.

`screen` decides whether content is published at once or held for review. For now it
publishes everything; the privacy detector, watched words and new-member gating plug in
here and nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from forum.models import PostStatus, User


@dataclass(frozen=True)
class Screening:
    hold: bool
    reasons: tuple[str, ...] = ()
    findings: tuple = field(default_factory=tuple)

    @property
    def status(self) -> PostStatus:
        return PostStatus.held if self.hold else PostStatus.published


def screen(text: str, author: User) -> Screening:
    """Decide whether `text` written by `author` may be published at once."""
    return Screening(hold=False)


def pending_review_count() -> int:
    """Items waiting in the review queue (shown in the moderators' navigation bar)."""
    from sqlalchemy import func, select

    from forum.extensions import db
    from forum.models import Review, ReviewStatus

    return db.session.scalar(
        select(func.count(Review.id)).where(Review.status == ReviewStatus.pending)
    ) or 0
