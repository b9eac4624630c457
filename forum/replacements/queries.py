"""Reads of the replacement board, all through `visible_ads` and loaded eagerly.

Expiry is computed on read (`end_date >= today`): a page view never writes; `flask
expire-ads` persists it. Each helper issues a fixed number of statements whatever the
number of ads (authors and départements come with selectinload).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import abort, current_app
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import selectinload

from forum.extensions import db
from forum.models import (
    AdStatus,
    Availability,
    AvailabilityArea,
    MatchNotice,
    Offer,
    PostStatus,
    RoundHours,
    User,
    Zone,
)


@dataclass
class BoardFilters:
    departements: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    zone: Zone | None = None
    round_hours: RoundHours | None = None
    vehicle: bool | None = None
    software: str = ""

    @property
    def active(self) -> bool:
        return bool(self.departements or self.date_from or self.date_to or self.zone
                    or self.round_hours or self.vehicle is not None or self.software)


def today() -> date:
    return date.today()


# --- Visibility ----------------------------------------------------------------------

def visible_ads(model, user: User | None):
    """Published ads for everyone; held ones for their author and moderators.

    Withdrawn ads are shown to their author and moderators only.
    """
    published = model.moderation == PostStatus.published
    if user is None or not getattr(user, "is_authenticated", False):
        return and_(published, model.status != AdStatus.withdrawn)
    if user.is_moderator:
        return model.moderation.in_([PostStatus.published, PostStatus.held])
    mine = model.author_id == user.id
    return or_(and_(published, model.status != AdStatus.withdrawn),
               and_(mine, model.moderation.in_([PostStatus.published, PostStatus.held])))


def _open(model, on: date):
    """Still open and not past its end date (expiry computed on read)."""
    return and_(model.status == AdStatus.open, model.end_date >= on)


def _overlap(model, start: date | None, end: date | None):
    """Inclusive overlap of [model.start_date, model.end_date] with [start, end]."""
    clauses = []
    if end is not None:
        clauses.append(model.start_date <= end)
    if start is not None:
        clauses.append(model.end_date >= start)
    return and_(*clauses) if clauses else None


def _covers(departements):
    """Availabilities covering any of `departements`."""
    return exists().where(AvailabilityArea.availability_id == Availability.id,
                          AvailabilityArea.departement.in_(departements))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# --- The board -----------------------------------------------------------------------

def _per_page() -> int:
    return current_app.config.get("ADS_PER_PAGE", 20)


def offers_page(user: User, filters: BoardFilters, page: int, on: date | None = None):
    """Open offers the user may see, filtered, soonest start first."""
    on = on or today()
    stmt = select(Offer).where(visible_ads(Offer, user), _open(Offer, on))
    if filters.departements:
        stmt = stmt.where(Offer.departement.in_(filters.departements))
    overlap = _overlap(Offer, filters.date_from, filters.date_to)
    if overlap is not None:
        stmt = stmt.where(overlap)
    if filters.zone is not None:
        stmt = stmt.where(Offer.zone == filters.zone)
    if filters.round_hours is not None:
        stmt = stmt.where(Offer.round_hours == filters.round_hours)
    if filters.vehicle is not None:
        stmt = stmt.where(Offer.vehicle_needed.is_(filters.vehicle))
    if filters.software:
        stmt = stmt.where(Offer.software.ilike(_like(filters.software), escape="\\"))
    stmt = stmt.options(selectinload(Offer.author)).order_by(Offer.start_date, Offer.id)
    return db.paginate(stmt, page=page, per_page=_per_page(), error_out=False)


def availabilities_page(user: User, filters: BoardFilters, page: int, on: date | None = None):
    """Open availabilities the user may see; zone, hours and vehicle do not apply."""
    on = on or today()
    stmt = select(Availability).where(visible_ads(Availability, user), _open(Availability, on))
    if filters.departements:
        stmt = stmt.where(_covers(filters.departements))
    overlap = _overlap(Availability, filters.date_from, filters.date_to)
    if overlap is not None:
        stmt = stmt.where(overlap)
    if filters.software:
        stmt = stmt.where(Availability.software.ilike(_like(filters.software), escape="\\"))
    stmt = (stmt.options(selectinload(Availability.author), selectinload(Availability.areas))
            .order_by(Availability.start_date, Availability.id))
    return db.paginate(stmt, page=page, per_page=_per_page(), error_out=False)


def my_ads(user: User) -> tuple[list[Offer], list[Availability]]:
    """The member's own ads, every status, newest first (bounded: a member has few)."""
    offers = db.session.scalars(
        select(Offer).where(Offer.author_id == user.id,
                            Offer.moderation.in_([PostStatus.published, PostStatus.held]))
        .order_by(Offer.created_at.desc()).limit(50)).all()
    availabilities = db.session.scalars(
        select(Availability).where(Availability.author_id == user.id,
                                   Availability.moderation.in_([PostStatus.published,
                                                                PostStatus.held]))
        .options(selectinload(Availability.areas))
        .order_by(Availability.created_at.desc()).limit(50)).all()
    return list(offers), list(availabilities)


# --- One ad --------------------------------------------------------------------------

def offer_or_404(user: User, offer_id: int) -> Offer:
    offer = db.session.scalar(
        select(Offer).where(Offer.id == offer_id, visible_ads(Offer, user))
        .options(selectinload(Offer.author), selectinload(Offer.filled_by)))
    if offer is None:
        abort(404)
    return offer


def availability_or_404(user: User, availability_id: int) -> Availability:
    availability = db.session.scalar(
        select(Availability).where(Availability.id == availability_id,
                                   visible_ads(Availability, user))
        .options(selectinload(Availability.author), selectinload(Availability.areas)))
    if availability is None:
        abort(404)
    return availability


# --- Matching ------------------------------------------------------------------------

MATCH_LIMIT = 20


def matching_availabilities(offer: Offer, *, limit: int | None = MATCH_LIMIT,
                            on: date | None = None) -> list[Availability]:
    """Published open availabilities overlapping the offer's dates in its département."""
    on = on or today()
    stmt = (
        select(Availability)
        .where(Availability.moderation == PostStatus.published, _open(Availability, on),
               Availability.author_id != offer.author_id,
               _overlap(Availability, offer.start_date, offer.end_date),
               _covers([offer.departement]))
        .options(selectinload(Availability.author), selectinload(Availability.areas))
        .order_by(Availability.start_date, Availability.id)
    )
    if limit:
        stmt = stmt.limit(limit)
    return list(db.session.scalars(stmt))


def matching_offers(availability: Availability, *, limit: int | None = MATCH_LIMIT,
                    on: date | None = None) -> list[Offer]:
    """Published open offers overlapping the availability's dates and départements."""
    on = on or today()
    departements = availability.departements
    if not departements:
        return []
    stmt = (
        select(Offer)
        .where(Offer.moderation == PostStatus.published, _open(Offer, on),
               Offer.author_id != availability.author_id,
               _overlap(Offer, availability.start_date, availability.end_date),
               Offer.departement.in_(departements))
        .options(selectinload(Offer.author))
        .order_by(Offer.start_date, Offer.id)
    )
    if limit:
        stmt = stmt.limit(limit)
    return list(db.session.scalars(stmt))


def already_notified(ad_type: str, ad_id: int) -> set[int]:
    return set(db.session.scalars(
        select(MatchNotice.recipient_id).where(MatchNotice.ad_type == ad_type,
                                               MatchNotice.ad_id == ad_id)))


# --- The rules' reminders ------------------------------------------------------------

def concurrent_replacements(user: User, offer: Offer) -> int:
    """Replacements found here that `user` holds during the offer's dates (not counting it)."""
    return db.session.scalar(
        select(func.count(Offer.id)).where(
            Offer.filled_by_id == user.id, Offer.status == AdStatus.filled,
            Offer.id != offer.id, _overlap(Offer, offer.start_date, offer.end_date))
    ) or 0


def offer_contacts(offer: Offer) -> list[User]:
    """Members who wrote to the titulaire about this offer (delivered messages only)."""
    from forum.models import Message

    ids = select(Message.sender_id).where(Message.offer_id == offer.id,
                                          Message.status == PostStatus.published,
                                          Message.sender_id != offer.author_id)
    return list(db.session.scalars(
        select(User).where(User.id.in_(ids)).order_by(User.last_name, User.first_name)
        .limit(50)))
