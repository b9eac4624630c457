"""Publishing, editing, filling and withdrawing ads: the owner only, nothing typed lost,
held ads seen by their author and moderators only, the rules shown as reminders."""
from __future__ import annotations

from sqlalchemy import select

from forum.extensions import db
from forum.models import AdStatus, Offer, PostStatus, Review, Role
from forum.moderation import services as moderation
from tests.conftest import csrf_from
from tests.replacements.repl_helpers import (
    client_for,
    days,
    get_offer,
    hold_everything,
    make_availability,
    make_offer,
    offer_form_data,
    submit,
)


def test_offer_form_publishes_and_shows_the_retrocession_as_written(client, app, make_user,
                                                                      login_as):
    login_as(make_user("Anne", "Le Goff", verified_nurse=True))
    response = submit(client, "/remplacements/offres/nouvelle",
                      offer_form_data(retrocession="85 % des honoraires, IK en sus"),
                      follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Votre offre est publiée" in html
    assert "85 % des honoraires, IK en sus" in html
    assert "Contrat écrit obligatoire" in html


def test_no_default_retrocession_and_no_contract_reminder_for_one_day(client, app, make_user,
                                                                      login_as):
    offer_id = make_offer(app, make_user("Anne", "Le Goff", verified_nurse=True),
                          start_date=days(9), end_date=days(9), retrocession="")
    login_as(make_user("Marc", "Aubert"))
    html = client.get(f"/remplacements/offres/{offer_id}").get_data(as_text=True)
    assert "Non indiquée dans l" in html
    assert "%" not in html.split("Rétrocession", 1)[1].split("</dd>", 1)[0]
    assert "Contrat écrit obligatoire" not in html
    recurring = make_offer(app, make_user("Jean", "Riou", verified_nurse=True),
                           start_date=days(9), end_date=days(9),
                           recurrence="un week-end sur deux")
    html = client.get(f"/remplacements/offres/{recurring}").get_data(as_text=True)
    assert "Contrat écrit obligatoire" in html


def test_invalid_offer_keeps_everything_typed(client, app, make_user, login_as):
    login_as(make_user("Anne", "Le Goff", verified_nurse=True))
    data = offer_form_data(departement="99", end_date=days(1).isoformat(),
                           description="Secteur de Locronan, tournée de village en village.")
    response = submit(client, "/remplacements/offres/nouvelle", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Ce numéro de département n" in html
    assert "La date de fin doit suivre la date de début" in html
    assert "Secteur de Locronan, tournée de village en village." in html
    with app.app_context():
        assert db.session.scalar(select(Offer.id)) is None


def test_expired_csrf_token_keeps_the_offer(client, app, make_user, login_as):
    login_as(make_user("Anne", "Le Goff", verified_nurse=True))
    response = client.post("/remplacements/offres/nouvelle",
                           data=offer_form_data(retrocession="80 %"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Votre saisie a été conservée" in html
    assert 'value="80 %"' in html


def test_only_the_owner_edits_fills_or_withdraws(client, app, make_user, login_as):
    owner = make_user("Anne", "Le Goff", verified_nurse=True)
    offer_id = make_offer(app, owner)
    other = client_for(app, make_user("Marc", "Aubert"))
    assert other.get(f"/remplacements/offres/{offer_id}/modifier").status_code == 403
    token = csrf_from(other.get(f"/remplacements/offres/{offer_id}"))
    for action in ("modifier", "pourvue", "retirer", "rouvrir"):
        response = other.post(f"/remplacements/offres/{offer_id}/{action}",
                              data={"csrf_token": token})
        assert response.status_code == 403, action
    assert get_offer(app, offer_id).status == AdStatus.open

    login_as(owner)
    response = submit(client, f"/remplacements/offres/{offer_id}/modifier",
                      offer_form_data(commune="Douarnenez"), follow_redirects=True)
    assert "Douarnenez (29)" in response.get_data(as_text=True)
    token = csrf_from(client.get(f"/remplacements/offres/{offer_id}"))
    client.post(f"/remplacements/offres/{offer_id}/retirer", data={"csrf_token": token})
    assert get_offer(app, offer_id).status == AdStatus.withdrawn
    # A withdrawn offer is gone for the others, still there for its author.
    assert other.get(f"/remplacements/offres/{offer_id}").status_code == 404
    assert client.get(f"/remplacements/offres/{offer_id}").status_code == 200
    assert f"/remplacements/offres/{offer_id}" not in other.get("/remplacements").get_data(
        as_text=True)


def test_only_the_owner_edits_or_withdraws_an_availability(client, app, make_user, login_as):
    owner = make_user("Léa", "Kerhervé", verified_nurse=True)
    availability_id = make_availability(app, owner)
    other = client_for(app, make_user("Marc", "Aubert"))
    url = f"/remplacements/disponibilites/{availability_id}"
    assert other.get(url + "/modifier").status_code == 403
    assert other.post(url + "/retirer").status_code == 403
    login_as(owner)
    response = submit(client, url + "/modifier", {
        "start_date": days(3).isoformat(), "end_date": days(20).isoformat(),
        "departements": "29, 22", "commune": "Brest", "radius_km": "40",
        "experience": "Huit ans de libéral.", "software": "Vega", "has_authorisation": "y",
        "authorisation_valid_until": days(100).isoformat()}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "22, 29" in html and "dans un rayon de 40 km" in html


def test_held_offer_is_seen_by_its_author_and_moderators_only(client, app, make_user,
                                                              login_as, monkeypatch):
    hold_everything(monkeypatch)
    author = make_user("Anne", "Le Goff")
    login_as(author)
    response = submit(client, "/remplacements/offres/nouvelle", offer_form_data(),
                      follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "En attente de vérification" in html
    with app.app_context():
        offer = db.session.scalar(select(Offer))
        assert offer.moderation == PostStatus.held
        offer_id = offer.id
        if hasattr(moderation, "open_review"):
            review = db.session.scalar(select(Review).where(Review.target_type == "offer"))
            assert review is not None and review.target_id == offer_id
    assert f"/remplacements/offres/{offer_id}" in client.get("/remplacements").get_data(
        as_text=True)

    other = client_for(app, make_user("Marc", "Aubert"))
    assert other.get(f"/remplacements/offres/{offer_id}").status_code == 404
    assert f"/remplacements/offres/{offer_id}" not in other.get("/remplacements").get_data(
        as_text=True)
    moderator = client_for(app, make_user("Paule", "Modo", role=Role.moderator))
    assert moderator.get(f"/remplacements/offres/{offer_id}").status_code == 200


def test_held_availability_is_invisible_to_others(client, app, make_user, monkeypatch):
    hold_everything(monkeypatch)
    availability_id = make_availability(app, make_user("Léa", "Kerhervé"))
    other = client_for(app, make_user("Marc", "Aubert"))
    assert other.get(f"/remplacements/disponibilites/{availability_id}").status_code == 404
    html = other.get("/remplacements?vue=disponibilites").get_data(as_text=True)
    assert f"/remplacements/disponibilites/{availability_id}" not in html


def test_expired_authorisation_is_flagged_not_blocked(client, app, make_user, login_as):
    remplacante = make_user("Léa", "Kerhervé", verified_nurse=True)
    login_as(remplacante)
    response = submit(client, "/remplacements/disponibilites/nouvelle", {
        "start_date": days(3).isoformat(), "end_date": days(20).isoformat(),
        "departements": "29", "has_authorisation": "y",
        "authorisation_valid_until": days(-5).isoformat()}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Votre disponibilité est publiée" in html
    assert "Expirée le" in html
    board = client.get("/remplacements?vue=disponibilites").get_data(as_text=True)
    assert "Autorisation expirée" in board


def test_authorisation_date_asked_when_declared(client, app, make_user, login_as):
    login_as(make_user("Léa", "Kerhervé", verified_nurse=True))
    response = submit(client, "/remplacements/disponibilites/nouvelle", {
        "start_date": days(3).isoformat(), "end_date": days(20).isoformat(),
        "departements": "29, 1", "has_authorisation": "y", "radius_km": "30"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Indiquez la date de fin de validité" in html
    assert "Indiquez la commune autour de laquelle" in html
    assert 'value="29, 1"' in html
