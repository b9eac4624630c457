"""The rules of the replacement board: what happens when an ad is submitted, edited,
published (matching), filled, withdrawn or expires.

Every ad goes through `moderation.services.screen`, like posts: a clean ad is published
at once; a held one is seen only by its author and moderators and a Review item is
opened. Matching members are told once per ad (MatchNotice's unique key guarantees it);
notifications and e-mails never contain the ad's text.

Services commit: a caller catches SQLAlchemyError, rolls back and keeps the user's input.
"""
from __future__ import annotations

from datetime import date

from flask import url_for
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from forum.extensions import db
from forum.models import (
    AdStatus,
    Availability,
    AvailabilityArea,
    MatchNotice,
    Offer,
    PostStatus,
    ReviewKind,
    User,
)
from forum.models.base import utcnow
from forum.moderation import services as moderation
from forum.notifications.services import notify
from forum.replacements import queries

OFFER_TEXT_FIELDS = ("commune", "recurrence", "care_type", "patients_per_round", "software",
                     "retrocession", "description")
AVAILABILITY_TEXT_FIELDS = ("commune", "experience", "software")


def _screen(author: User, ad, text_fields) -> moderation.Screening:
    text = "\n\n".join(str(getattr(ad, name) or "") for name in text_fields
                       if getattr(ad, name, None))
    return moderation.screen(text, author)


def _open_review(target_type: str, ad, author: User, screening) -> None:
    """Queue a held ad for moderators.

    CALL SITE for `moderation.services.open_review` (added by the moderation work): when
    it is not there yet the ad stays held, visible to its author and moderators only.
    """
    open_review = getattr(moderation, "open_review", None)
    if open_review is None:
        return
    kind = getattr(screening, "kind", ReviewKind.held_post)
    open_review(target_type, ad.id, author, kind, screening)


def _apply(ad, fields: dict) -> None:
    for name, value in fields.items():
        setattr(ad, name, value)


# --- Offers --------------------------------------------------------------------------

def _screen_and_save_new(ad, author: User, kind: str, text_fields, notify_matches):
    """Screen a new ad and save it; then open its review, or notify the matching members."""
    screening = _screen(author, ad, text_fields)
    ad.moderation = screening.status
    db.session.add(ad)
    db.session.flush()
    if screening.hold:
        _open_review(kind, ad, author, screening)
    else:
        notify_matches(ad)
    db.session.commit()
    return ad


def submit_offer(author: User, **fields) -> Offer:
    offer = Offer(author_id=author.id, status=AdStatus.open, moderation=PostStatus.held,
                  created_at=utcnow())
    _apply(offer, fields)
    return _screen_and_save_new(offer, author, "offer", OFFER_TEXT_FIELDS,
                                notify_matches_for_offer)


def update_offer(editor: User, offer: Offer, **fields) -> Offer:
    """Edit an open offer; it is screened again (a held edit hides it until review)."""
    _apply(offer, fields)
    offer.updated_at = utcnow()
    screening = _screen(editor, offer, OFFER_TEXT_FIELDS)
    offer.moderation = screening.status
    if screening.hold:
        _open_review("offer", offer, editor, screening)
    else:
        notify_matches_for_offer(offer)   # new dates may match new people; once each
    db.session.commit()
    return offer


def mark_filled(offer: Offer, filled_by_id: int | None = None) -> Offer:
    offer.status = AdStatus.filled
    offer.filled_by_id = filled_by_id
    offer.closed_at = utcnow()
    db.session.commit()
    return offer


def withdraw(ad) -> None:
    ad.status = AdStatus.withdrawn
    ad.closed_at = utcnow()
    db.session.commit()


def reopen(ad) -> None:
    """Back to open (a replacement fell through); expiry still applies by date."""
    ad.status = AdStatus.open
    ad.closed_at = None
    if isinstance(ad, Offer):
        ad.filled_by_id = None
    db.session.commit()


# --- Availabilities ------------------------------------------------------------------

def submit_availability(author: User, departements: list[str], **fields) -> Availability:
    availability = Availability(author_id=author.id, status=AdStatus.open,
                                moderation=PostStatus.held, created_at=utcnow())
    _apply(availability, fields)
    availability.areas = [AvailabilityArea(departement=code) for code in departements]
    return _screen_and_save_new(availability, author, "availability", AVAILABILITY_TEXT_FIELDS,
                                notify_matches_for_availability)


def update_availability(editor: User, availability: Availability, departements: list[str],
                        **fields) -> Availability:
    _apply(availability, fields)
    current = {a.departement: a for a in availability.areas}
    availability.areas = [current.get(code) or AvailabilityArea(departement=code)
                          for code in departements]
    availability.updated_at = utcnow()
    screening = _screen(editor, availability, AVAILABILITY_TEXT_FIELDS)
    availability.moderation = screening.status
    if screening.hold:
        _open_review("availability", availability, editor, screening)
    else:
        notify_matches_for_availability(availability)
    db.session.commit()
    return availability


# --- Moderation decisions ------------------------------------------------------------
# Called by the review queue (forum/replacements/review.py registers them); the queue
# commits. `moderation_decided` is the same decision for callers outside the queue.

def _kind(ad) -> str:
    return "offer" if isinstance(ad, Offer) else "availability"


def approve_held(ad) -> None:
    """Publish a held ad, tell its author, and run the matching it had not run yet."""
    ad.moderation = PostStatus.published
    db.session.flush()
    offer = isinstance(ad, Offer)
    link = (url_for("replacements.offer", offer_id=ad.id) if offer
            else url_for("replacements.availability", availability_id=ad.id))
    author = db.session.get(User, ad.author_id)
    notify(author, "moderation_approved",
           "La modération a validé votre annonce de remplacement : elle est publiée.", link,
           email_subject="Votre annonce de remplacement est publiée")
    if offer:
        notify_matches_for_offer(ad)
    else:
        notify_matches_for_availability(ad)


def reject_held(ad) -> str:
    """Refuse a held ad: its free texts are purged (they may hold patient data) and
    returned, to be given back to the author once."""
    fields = OFFER_TEXT_FIELDS if isinstance(ad, Offer) else AVAILABILITY_TEXT_FIELDS
    returned = "\n\n".join(str(getattr(ad, name)) for name in fields
                            if name not in ("commune", "software") and getattr(ad, name))
    ad.moderation = PostStatus.rejected
    for name in fields:
        if name not in ("commune", "software"):
            setattr(ad, name, "")
    return returned


def moderation_decided(target_type: str, target_id: int, approved: bool) -> None:
    model = {"offer": Offer, "availability": Availability}[target_type]
    ad = db.session.get(model, target_id)
    if ad is None or ad.moderation != PostStatus.held:
        return
    if approved:
        approve_held(ad)
    else:
        reject_held(ad)
    db.session.commit()


# --- Matching ------------------------------------------------------------------------

def _notify_once(ad_type: str, ad_id: int, recipient_ids: set[int], message: str, link: str,
                 subject: str) -> int:
    """Notify each recipient not yet told about this ad (the caller commits)."""
    new_ids = recipient_ids - queries.already_notified(ad_type, ad_id)
    if not new_ids:
        return 0
    told = 0
    for user in db.session.scalars(select(User).where(User.id.in_(new_ids)).order_by(User.id)):
        # The unique key is the guarantee: a concurrent publication loses the race quietly.
        try:
            with db.session.begin_nested():
                db.session.add(MatchNotice(ad_type=ad_type, ad_id=ad_id, recipient_id=user.id))
        except IntegrityError:
            continue
        notify(user, "replacement_match", message, link, email_subject=subject)
        told += 1
    db.session.flush()
    return told


def notify_matches_for_offer(offer: Offer) -> int:
    """Tell remplaçant·e·s whose availability matches a newly published offer."""
    if offer.moderation != PostStatus.published or offer.status != AdStatus.open:
        return 0
    matches = queries.matching_availabilities(offer, limit=None)
    return _notify_once(
        "offer", offer.id, {a.author_id for a in matches},
        "Une nouvelle offre de remplacement correspond à l'une de vos disponibilités.",
        url_for("replacements.offer", offer_id=offer.id),
        "Une offre de remplacement correspond à vos disponibilités",
    )


def notify_matches_for_availability(availability: Availability) -> int:
    """Tell titulaires whose open offer matches a newly published availability."""
    if availability.moderation != PostStatus.published or availability.status != AdStatus.open:
        return 0
    matches = queries.matching_offers(availability, limit=None)
    return _notify_once(
        "availability", availability.id, {o.author_id for o in matches},
        "Un·e remplaçant·e disponible correspond à l'une de vos offres de remplacement.",
        url_for("replacements.availability", availability_id=availability.id),
        "Un·e remplaçant·e correspond à votre offre",
    )


# --- Expiry --------------------------------------------------------------------------

def expire_ads(on: date | None = None) -> tuple[int, int]:
    """Persist expiry of open ads past their end date (reads already hide them)."""
    on = on or date.today()
    now = utcnow()
    counts = []
    for model in (Offer, Availability):
        result = db.session.execute(
            update(model).where(model.status == AdStatus.open, model.end_date < on)
            .values(status=AdStatus.expired, closed_at=now)
            .execution_options(synchronize_session=False))
        counts.append(result.rowcount or 0)
    db.session.commit()
    return counts[0], counts[1]
