"""Plugs held offers and availabilities into the moderation queue (one queue for all)."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from forum.extensions import db
from forum.models import Availability, Offer
from forum.replacements import services


def _load(model, *options):
    def load(ids: list[int]) -> dict:
        stmt = select(model).where(model.id.in_(ids)).options(*options)
        return {ad.id: ad for ad in db.session.scalars(stmt)}
    return load


def _describe_offer(offer: Offer) -> str:
    return (f"Offre de remplacement à {offer.commune} ({offer.departement}), du "
            f"{offer.start_date:%d/%m/%Y} au {offer.end_date:%d/%m/%Y}")


def _describe_availability(availability: Availability) -> str:
    return (f"Disponibilité de remplacement ({', '.join(availability.departements)}), du "
            f"{availability.start_date:%d/%m/%Y} au {availability.end_date:%d/%m/%Y}")


def _approve(review, ad, moderator, body, title) -> bool:
    services.approve_held(ad)
    return True


def _reject(review, ad, moderator) -> str | None:
    return services.reject_held(ad) or None


def register() -> None:
    from forum.moderation.queue import TargetType, register_target_type

    register_target_type("offer", TargetType(
        label="Offre de remplacement", load=_load(Offer), describe=_describe_offer,
        url=lambda o: url_for("replacements.offer", offer_id=o.id),
        approve=_approve, reject=_reject))
    register_target_type("availability", TargetType(
        label="Disponibilité", load=_load(Availability, selectinload(Availability.areas)),
        describe=_describe_availability,
        url=lambda a: url_for("replacements.availability", availability_id=a.id),
        approve=_approve, reject=_reject))
