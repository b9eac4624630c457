"""Helpers shared by the replacement and message tests (imported by name: no __init__)."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from forum.extensions import db
from forum.models import (
    AdStatus,
    Availability,
    AvailabilityArea,
    Cabinet,
    Offer,
    PostStatus,
    RoundHours,
    User,
    Zone,
)
from forum.models.base import utcnow
from forum.moderation import services as moderation
from forum.replacements import services
from tests.conftest import csrf_from, login

TODAY = date.today()


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def offer_fields(**over) -> dict:
    fields = {
        "commune": "Quimper", "departement": "29", "zone": Zone.urbaine,
        "start_date": days(30), "end_date": days(44), "recurrence": "",
        "care_type": "Soins techniques et nursing", "patients_per_round": "20 à 25",
        "round_hours": RoundHours.matin, "vehicle_needed": True, "software": "Vega",
        "cabinet": Cabinet.groupe, "retrocession": "", "housing": False,
        "description": "Cabinet de trois infirmières, tournée en ville, secteur calme.",
    }
    fields.update(over)
    return fields


def make_offer(app, author, **over) -> int:
    """Publish an offer through the real service (screening and matching included)."""
    with app.test_request_context():
        user = db.session.get(User, author.id)
        return services.submit_offer(user, **offer_fields(**over)).id


def make_availability(app, author, departements=("29",), **over) -> int:
    fields = {"start_date": days(25), "end_date": days(60), "commune": "", "radius_km": None,
              "experience": "Six ans en service de médecine, deux ans de remplacements.",
              "software": "Vega, Albus", "has_authorisation": True,
              "authorisation_valid_until": days(200)}
    fields.update(over)
    with app.test_request_context():
        user = db.session.get(User, author.id)
        return services.submit_availability(user, list(departements), **fields).id


def bulk_offers(app, author_id: int, count: int, departement="29") -> None:
    """Insert `count` published open offers quickly (no matching)."""
    with app.app_context():
        for i in range(count):
            db.session.add(Offer(author_id=author_id, moderation=PostStatus.published,
                                 status=AdStatus.open, created_at=utcnow(),
                                 **offer_fields(departement=departement,
                                                start_date=days(5 + i % 40),
                                                end_date=days(50 + i % 40))))
        db.session.commit()


def bulk_availabilities(app, author_id: int, count: int) -> None:
    with app.app_context():
        for i in range(count):
            a = Availability(author_id=author_id, moderation=PostStatus.published,
                             status=AdStatus.open, start_date=days(3 + i % 30),
                             end_date=days(40 + i % 30), experience="Expérience variée.",
                             software="Vega")
            a.areas = [AvailabilityArea(departement="29"), AvailabilityArea(departement="56")]
            db.session.add(a)
        db.session.commit()


def hold_everything(monkeypatch):
    """Make screening hold every text, as the privacy detector would for patient data."""
    held = moderation.Screening(hold=True, reasons=("Contenu à vérifier (test)",))
    monkeypatch.setattr(moderation, "screen", lambda text, author, **kw: held)


def client_for(app, user):
    client = app.test_client()
    response = login(client, user.email)
    assert response.status_code == 200
    return client


def submit(client, url, data, **kwargs):
    """Load the form at `url`, then post `data` with its CSRF token (as a browser would)."""
    payload = dict(data)
    payload["csrf_token"] = csrf_from(client.get(url))
    return client.post(url, data=payload, **kwargs)


def offer_form_data(**over) -> dict:
    data = {
        "commune": "Quimper", "departement": "29", "zone": "urbaine",
        "start_date": days(30).isoformat(), "end_date": days(44).isoformat(),
        "recurrence": "", "care_type": "Soins techniques", "patients_per_round": "20",
        "round_hours": "matin", "vehicle_needed": "y", "software": "Vega", "cabinet": "groupe",
        "retrocession": "", "description": "Tournée urbaine, cabinet de groupe.",
    }
    data.update(over)
    return data


def get_offer(app, offer_id) -> Offer:
    with app.app_context():
        offer = db.session.get(Offer, offer_id)
        db.session.expunge(offer)
        return offer


def offer_ids(app) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(Offer.id).order_by(Offer.id)))
