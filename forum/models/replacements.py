"""Replacement ads: offers (a titulaire looks for a remplaçant·e), availabilities (a
remplaçant·e offers their time) and the record of match notifications already sent.

An ad has two independent states: `moderation` (published, held, rejected — the same
values as posts, so one visibility rule serves both) and `status`, its life as an ad
(open, filled, expired, withdrawn).
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.extensions import db
from forum.models.accounts import User
from forum.models.base import utcnow
from forum.models.board import PostStatus


def _enum(cls, **kw):
    return mapped_column(Enum(cls, native_enum=False, length=20), **kw)


class AdStatus(str, enum.Enum):
    open = "open"
    filled = "filled"
    expired = "expired"
    withdrawn = "withdrawn"

    @property
    def label(self) -> str:
        return {"open": "Ouverte", "filled": "Pourvue", "expired": "Expirée",
                "withdrawn": "Retirée"}[self.value]


class Zone(str, enum.Enum):
    urbaine = "urbaine"
    rurale = "rurale"
    montagne = "montagne"

    @property
    def label(self) -> str:
        return {"urbaine": "Urbaine", "rurale": "Rurale", "montagne": "Montagne"}[self.value]


class RoundHours(str, enum.Enum):
    matin = "matin"
    soir = "soir"
    les_deux = "les_deux"

    @property
    def label(self) -> str:
        return {"matin": "Matin", "soir": "Soir", "les_deux": "Matin et soir"}[self.value]


class Cabinet(str, enum.Enum):
    seul = "seul"
    groupe = "groupe"

    @property
    def label(self) -> str:
        return {"seul": "Seul·e", "groupe": "En groupe"}[self.value]


class Offer(db.Model):
    """A titulaire looks for a remplaçant·e."""

    __tablename__ = "replacement_offers"
    __table_args__ = (
        # The board's list: open, published, not ended, by start date.
        Index("ix_replacement_offers_board", "status", "moderation", "start_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    commune: Mapped[str] = mapped_column(String(120))
    departement: Mapped[str] = mapped_column(String(3), index=True)
    zone: Mapped[Zone] = _enum(Zone, index=True)
    start_date: Mapped[date] = mapped_column(index=True)
    end_date: Mapped[date] = mapped_column(index=True)
    # "un week-end sur deux", "les lundis et mardis"… besides the dates.
    recurrence: Mapped[str] = mapped_column(String(200), default="")
    care_type: Mapped[str] = mapped_column(String(200), default="")
    patients_per_round: Mapped[str] = mapped_column(String(40), default="")
    round_hours: Mapped[RoundHours] = _enum(RoundHours, index=True)
    vehicle_needed: Mapped[bool] = mapped_column(default=True, index=True)
    software: Mapped[str] = mapped_column(String(120), default="", index=True)
    cabinet: Mapped[Cabinet] = _enum(Cabinet)
    # Exactly what the titulaire wrote (a percentage or an amount): never a default.
    retrocession: Mapped[str] = mapped_column(String(160), default="")
    housing: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str] = mapped_column(Text, default="")
    moderation: Mapped[PostStatus] = _enum(PostStatus, default=PostStatus.published, index=True)
    status: Mapped[AdStatus] = _enum(AdStatus, default=AdStatus.open, index=True)
    # The member who took the replacement, when it was found here (for the two-at-once rule).
    filled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    filled_by: Mapped[User | None] = relationship(foreign_keys=[filled_by_id])

    @property
    def title(self) -> str:
        return f"Remplacement à {self.commune} ({self.departement})"

    def current_status(self, today: date) -> AdStatus:
        """Open ads past their end date read as expired before `flask expire-ads` runs."""
        if self.status == AdStatus.open and self.end_date < today:
            return AdStatus.expired
        return self.status

    @property
    def needs_written_contract(self) -> bool:
        """Over 24 hours, or repeated shorter replacements: a contract goes to the CDOI."""
        return self.end_date > self.start_date or bool(self.recurrence.strip())


class Availability(db.Model):
    """A remplaçant·e offers their time, in some départements or around a commune."""

    __tablename__ = "replacement_availabilities"
    __table_args__ = (
        Index("ix_replacement_availabilities_board", "status", "moderation", "start_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    start_date: Mapped[date] = mapped_column(index=True)
    end_date: Mapped[date] = mapped_column(index=True)
    commune: Mapped[str] = mapped_column(String(120), default="")
    radius_km: Mapped[int | None]
    experience: Mapped[str] = mapped_column(Text, default="")
    software: Mapped[str] = mapped_column(String(200), default="", index=True)
    has_authorisation: Mapped[bool] = mapped_column(default=False)
    authorisation_valid_until: Mapped[date | None]
    moderation: Mapped[PostStatus] = _enum(PostStatus, default=PostStatus.published, index=True)
    status: Mapped[AdStatus] = _enum(AdStatus, default=AdStatus.open, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    author: Mapped[User] = relationship()
    areas: Mapped[list[AvailabilityArea]] = relationship(
        back_populates="availability", cascade="all, delete-orphan",
        order_by="AvailabilityArea.departement",
    )

    @property
    def departements(self) -> list[str]:
        return [a.departement for a in self.areas]

    def current_status(self, today: date) -> AdStatus:
        if self.status == AdStatus.open and self.end_date < today:
            return AdStatus.expired
        return self.status

    def authorisation_expired(self, today: date) -> bool:
        """Declared, but no longer valid today: flagged, never blocked."""
        return (self.has_authorisation and self.authorisation_valid_until is not None
                and self.authorisation_valid_until < today)

    @property
    def authorisation_ends_during(self) -> bool:
        return (self.has_authorisation and self.authorisation_valid_until is not None
                and self.start_date <= self.authorisation_valid_until < self.end_date)


class AvailabilityArea(db.Model):
    """One département an availability covers (a row each, so that filters use an index)."""

    __tablename__ = "replacement_availability_areas"

    availability_id: Mapped[int] = mapped_column(
        ForeignKey("replacement_availabilities.id", ondelete="CASCADE"), primary_key=True)
    departement: Mapped[str] = mapped_column(String(3), primary_key=True, index=True)

    availability: Mapped[Availability] = relationship(back_populates="areas")


class MatchNotice(db.Model):
    """A member was told that an ad matches theirs: the unique key makes it once per ad."""

    __tablename__ = "replacement_match_notices"
    __table_args__ = (
        UniqueConstraint("ad_type", "ad_id", "recipient_id",
                         name="uq_replacement_match_notices_ad_recipient"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ad_type: Mapped[str] = mapped_column(String(20))   # "offer" or "availability"
    ad_id: Mapped[int]
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
