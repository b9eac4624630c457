"""Matching: who is told about a new offer or availability, and only once; the titulaire
sees matching availabilities; a held ad tells nobody until it is approved."""
from __future__ import annotations

from sqlalchemy import func, select

from forum.extensions import db
from forum.models import MatchNotice, Notification, Offer, PostStatus, User
from forum.replacements import services
from tests.replacements.repl_helpers import (
    client_for,
    days,
    hold_everything,
    make_availability,
    make_offer,
    offer_fields,
)


def notified(app, user) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.kind == "replacement_match"))


def mails_to(outbox, user) -> list:
    return [m for m in outbox if m.to == user.email]


def test_new_offer_notifies_matching_remplacants_once(app, make_user, outbox):
    titulaire = make_user("Anne", "Le Goff", verified_nurse=True)
    match = make_user("Léa", "Kerhervé", verified_nurse=True)
    two_matching = make_user("Yann", "Cadiou", verified_nurse=True)
    other_place = make_user("Paul", "Martin", verified_nurse=True)
    other_dates = make_user("Inès", "Roux", verified_nurse=True)
    make_availability(app, match, ["56", "29"], start_date=days(44), end_date=days(60))
    make_availability(app, two_matching, ["29"])
    make_availability(app, two_matching, ["29", "22"])
    make_availability(app, other_place, ["75"])
    make_availability(app, other_dates, ["29"], start_date=days(45), end_date=days(50))
    make_availability(app, titulaire, ["29"])          # never told about one's own offer
    outbox.clear()

    offer_id = make_offer(app, titulaire, start_date=days(30), end_date=days(44))

    assert notified(app, match) == 1                    # overlap on the last day counts
    assert notified(app, two_matching) == 1             # two matching availabilities: once
    assert notified(app, other_place) == notified(app, other_dates) == 0
    assert notified(app, titulaire) == 0
    assert len(mails_to(outbox, match)) == 1
    mail = mails_to(outbox, match)[0]
    assert "Quimper" not in mail.text and "Cabinet de trois" not in mail.text

    # Editing and publishing again tells nobody twice.
    with app.test_request_context():
        offer = db.session.get(Offer, offer_id)
        services.update_offer(db.session.get(User, titulaire.id), offer,
                              **offer_fields(commune="Ergué-Gabéric"))
        assert services.notify_matches_for_offer(offer) == 0
        assert db.session.scalar(select(func.count(MatchNotice.id))) == 2
    assert notified(app, match) == 1 and notified(app, two_matching) == 1
    assert len(mails_to(outbox, match)) == 1


def test_new_availability_notifies_titulaires_with_matching_offers(app, make_user, outbox):
    titulaire = make_user("Anne", "Le Goff", verified_nurse=True)
    elsewhere = make_user("Jean", "Riou", verified_nurse=True)
    make_offer(app, titulaire, departement="29")
    make_offer(app, titulaire, departement="29", commune="Brest")
    make_offer(app, elsewhere, departement="13", commune="Aix-en-Provence")
    outbox.clear()
    make_availability(app, make_user("Léa", "Kerhervé", verified_nurse=True), ["29"])
    assert notified(app, titulaire) == 1
    assert notified(app, elsewhere) == 0
    assert len(mails_to(outbox, titulaire)) == 1


def test_titulaire_sees_matching_availabilities_on_the_offer(app, make_user):
    titulaire = make_user("Anne", "Le Goff", verified_nurse=True)
    remplacante = make_user("Léa", "Kerhervé", verified_nurse=True)
    make_availability(app, remplacante, ["29"])
    offer_id = make_offer(app, titulaire)
    owner = client_for(app, titulaire)
    html = owner.get(f"/remplacements/offres/{offer_id}").get_data(as_text=True)
    assert "Disponibilités qui correspondent" in html and "Léa Kerhervé" in html
    other = client_for(app, make_user("Marc", "Aubert"))
    html = other.get(f"/remplacements/offres/{offer_id}").get_data(as_text=True)
    assert "Disponibilités qui correspondent" not in html
    assert "Contacter" in html
    # And the remplaçante sees the offer on her availability.
    mine = client_for(app, remplacante)
    html = mine.get("/remplacements/mes-annonces").get_data(as_text=True)
    availability_link = html.split("/remplacements/disponibilites/", 1)[1].split('"', 1)[0]
    html = mine.get(f"/remplacements/disponibilites/{availability_link}").get_data(as_text=True)
    assert "Offres qui correspondent" in html and "Quimper (29)" in html


def test_held_offer_notifies_nobody_until_approved(app, make_user, monkeypatch, outbox):
    remplacante = make_user("Léa", "Kerhervé", verified_nurse=True)
    make_availability(app, remplacante, ["29"])
    with monkeypatch.context() as patch:
        hold_everything(patch)
        offer_id = make_offer(app, make_user("Anne", "Le Goff"))
    assert notified(app, remplacante) == 0
    with app.test_request_context():
        services.moderation_decided("offer", offer_id, approved=True)
        assert db.session.get(Offer, offer_id).moderation == PostStatus.published
    assert notified(app, remplacante) == 1


def test_rejected_offer_is_purged_of_its_texts(app, make_user, monkeypatch):
    with monkeypatch.context() as patch:
        hold_everything(patch)
        offer_id = make_offer(app, make_user("Anne", "Le Goff"))
    with app.test_request_context():
        services.moderation_decided("offer", offer_id, approved=False)
        offer = db.session.get(Offer, offer_id)
        assert offer.moderation == PostStatus.rejected
        assert offer.description == "" and offer.care_type == ""


def test_two_at_once_reminder_when_contacting_for_a_third(app, make_user):
    remplacante = make_user("Léa", "Kerhervé", verified_nurse=True)
    titulaires = [make_user(f"Titulaire{i}", f"Nom{i}", verified_nurse=True) for i in range(3)]
    offer_ids = [make_offer(app, t) for t in titulaires]
    with app.app_context():
        for offer_id in offer_ids[:2]:
            services.mark_filled(db.session.get(Offer, offer_id), remplacante.id)
    me = client_for(app, remplacante)
    url = f"/messages/nouveau/{titulaires[2].id}?offre={offer_ids[2]}"
    html = me.get(url).get_data(as_text=True)
    assert "Deux remplacements au plus en même temps" in html
    assert "<textarea" in html                     # a reminder, never a block
    html = me.get(f"/remplacements/offres/{offer_ids[2]}").get_data(as_text=True)
    assert "Deux remplacements au plus en même temps" in html
    fresh = client_for(app, make_user("Marc", "Aubert", verified_nurse=True))
    html = fresh.get(url).get_data(as_text=True)
    assert "Deux remplacements au plus" not in html


def test_review_queue_approves_a_held_offer_then_matching_runs(app, make_user, monkeypatch):
    from forum.models import Review, ReviewStatus, Role
    from forum.moderation import queue

    remplacante = make_user("Léa", "Kerhervé", verified_nurse=True)
    make_availability(app, remplacante, ["29"])
    author = make_user("Anne", "Le Goff")
    with monkeypatch.context() as patch:
        hold_everything(patch)
        offer_id = make_offer(app, author)
    moderator = make_user("Paule", "Modo", role=Role.moderator)
    with app.test_request_context():
        review = db.session.scalar(select(Review).where(Review.target_type == "offer",
                                                        Review.target_id == offer_id))
        assert review is not None and review.status == ReviewStatus.pending
        item = queue.get_item(review.id)
        assert "Quimper (29)" in item.summary and item.url.endswith(f"/offres/{offer_id}")
        queue.approve(review.id, db.session.get(User, moderator.id))
        assert db.session.get(Offer, offer_id).moderation == PostStatus.published
    assert notified(app, remplacante) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count(Notification.id)).where(
            Notification.user_id == author.id, Notification.kind == "moderation_approved")) == 1
