"""The review queue (one reviewable item per thing to look at), reports, watched words and
the append-only audit log of moderation actions."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.extensions import db
from forum.models.accounts import User
from forum.models.base import utcnow


def _enum(cls, **kw):
    return mapped_column(Enum(cls, native_enum=False, length=20), **kw)


class ReviewKind(str, enum.Enum):
    held_post = "held_post"          # a new topic or reply held by screening
    held_edit = "held_edit"          # an edit of a published post held by screening
    report = "report"                # members reported a published post
    new_member = "new_member"        # first posts of a member whose RPPS is not verified
    flagged = "flagged"              # published, but a watched word set to "flag" matched

    @property
    def label(self) -> str:
        return {
            "held_post": "Message retenu",
            "held_edit": "Modification retenue",
            "report": "Signalement",
            "new_member": "Premiers messages",
            "flagged": "Terme surveillé",
        }[self.value]


class ReviewStatus(str, enum.Enum):
    pending = "pending"
    approved = "approved"
    rejected = "rejected"
    closed = "closed"                # resolved without a moderator (author fixed or withdrew)


class RejectReason(str, enum.Enum):
    patient_data = "patient_data"
    solicitation = "solicitation"
    advertising = "advertising"
    bad_practice = "bad_practice"
    disrespect = "disrespect"
    off_topic = "off_topic"

    @property
    def label(self) -> str:
        return REJECT_REASON_LABELS[self]


REJECT_REASON_LABELS = {
    RejectReason.patient_data: "Données patient",
    RejectReason.solicitation: "Sollicitation de patientèle",
    RejectReason.advertising: "Publicité",
    RejectReason.bad_practice: "Information contraire aux bonnes pratiques",
    RejectReason.disrespect: "Irrespect",
    RejectReason.off_topic: "Hors-sujet",
}


class Review(db.Model):
    """One thing a moderator must look at, with why it was raised and who has it.

    The thing is named by (target_type, target_id): "post" for topics and replies, and
    the other kinds of content (replacement ads, private messages) register their own
    type, so that one queue serves them all.
    """

    __tablename__ = "reviews"
    __table_args__ = (
        Index("ix_reviews_status_created", "status", "created_at"),
        Index("ix_reviews_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ReviewKind] = _enum(ReviewKind)
    status: Mapped[ReviewStatus] = _enum(ReviewStatus, default=ReviewStatus.pending)
    target_type: Mapped[str] = mapped_column(String(20), default="post")
    target_id: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    findings: Mapped[list] = mapped_column(JSON, default=list)
    # A held edit waits here; the post keeps showing its last clean version meanwhile.
    proposed_title: Mapped[str | None] = mapped_column(String(160))
    proposed_body: Mapped[str | None] = mapped_column(Text)
    report_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    claimed_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(Text)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    claimed_by: Mapped[User | None] = relationship(foreign_keys=[claimed_by_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])


class Report(db.Model):
    """A member's report of a post. The reporter is never shown to the reported author."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    reason: Mapped[RejectReason] = _enum(RejectReason)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    reporter: Mapped[User] = relationship()


class WatchedAction(str, enum.Enum):
    hold = "hold"
    flag = "flag"


class WatchedWord(db.Model):
    __tablename__ = "watched_words"

    id: Mapped[int] = mapped_column(primary_key=True)
    pattern: Mapped[str] = mapped_column(String(200))
    is_regex: Mapped[bool] = mapped_column(default=False)
    action: Mapped[WatchedAction] = _enum(WatchedAction, default=WatchedAction.hold)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(db.Model):
    """Who did what, when and why. Append-only: an update is refused."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"), index=True)
    target_type: Mapped[str | None] = mapped_column(String(20))
    target_id: Mapped[int | None]
    target_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    target_user: Mapped[User | None] = relationship(foreign_keys=[target_user_id])


@event.listens_for(AuditEntry, "before_update")
def _audit_is_append_only(mapper, connection, target):
    raise RuntimeError("The audit log is append-only")
