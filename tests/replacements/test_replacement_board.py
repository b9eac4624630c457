"""The board: open ads only, filters (départements, date overlap edges, zone…), sorting,
expiry computed on read and persisted by `flask expire-ads`, constant statement count."""
from __future__ import annotations

import re

from sqlalchemy import select

from forum.extensions import db
from forum.models import AdStatus, Availability, Offer, RoundHours, Zone
from tests.replacements.repl_helpers import (
    bulk_availabilities,
    bulk_offers,
    days,
    make_availability,
    make_offer,
)


def listed(html: str, kind="offres") -> list[int]:
    path = "offres" if kind == "offres" else "disponibilites"
    section = html.split(f'data-ad-list="{kind}"', 1)
    if len(section) < 2:
        return []
    return [int(i) for i in re.findall(rf"/remplacements/{path}/(\d+)\"", section[1])]


def test_board_lists_open_offers_by_start_date_with_days_to_go(client, app, make_user,
                                                                login_as):
    titulaire = make_user("Anne", "Le Goff", verified_nurse=True)
    later = make_offer(app, titulaire, start_date=days(40), end_date=days(50))
    sooner = make_offer(app, titulaire, start_date=days(12), end_date=days(20))
    login_as(make_user("Marc", "Aubert"))
    html = client.get("/remplacements").get_data(as_text=True)
    assert listed(html) == [sooner, later]
    assert "dans 12 jours" in html and "dans 40 jours" in html


def test_filter_by_several_departements(client, app, make_user, login_as):
    titulaire = make_user("Anne", "Le Goff", verified_nurse=True)
    finistere = make_offer(app, titulaire, departement="29")
    morbihan = make_offer(app, titulaire, departement="56", commune="Vannes")
    make_offer(app, titulaire, departement="75", commune="Paris")
    login_as(make_user("Marc", "Aubert"))
    html = client.get("/remplacements?dep=29,+56").get_data(as_text=True)
    assert sorted(listed(html)) == sorted([finistere, morbihan])
    html = client.get("/remplacements?dep=2A").get_data(as_text=True)
    assert listed(html) == []


def test_invalid_departement_filter_is_reported_not_fatal(client, app, make_user, login_as):
    make_offer(app, make_user("Anne", "Le Goff", verified_nurse=True))
    login_as(make_user("Marc", "Aubert"))
    response = client.get("/remplacements?dep=99")
    assert response.status_code == 200
    assert "pas un numéro de département" in response.get_data(as_text=True)


def test_date_overlap_edges_are_inclusive(client, app, make_user, login_as):
    offer = make_offer(app, make_user("Anne", "Le Goff", verified_nurse=True),
                       start_date=days(10), end_date=days(20))
    login_as(make_user("Marc", "Aubert"))

    def found(du=None, au=None):
        query = "&".join(f"{k}={v.isoformat()}" for k, v in (("du", du), ("au", au)) if v)
        return offer in listed(client.get(f"/remplacements?{query}").get_data(as_text=True))

    assert found(days(20), days(25))          # starts on the offer's last day
    assert not found(days(21), days(25))      # starts the day after
    assert found(days(1), days(10))           # ends on the offer's first day
    assert not found(days(1), days(9))        # ends the day before
    assert found(days(12), days(14))          # inside
    assert found(days(1), days(30))           # around
    assert found(du=days(20)) and not found(du=days(21))
    assert found(au=days(10)) and not found(au=days(9))


def test_zone_hours_vehicle_and_software_filters(client, app, make_user, login_as):
    author = make_user("Anne", "Le Goff", verified_nurse=True)
    mountain = make_offer(app, author, zone=Zone.montagne, round_hours=RoundHours.soir,
                          vehicle_needed=False, software="Albus")
    town = make_offer(app, author, zone=Zone.urbaine, round_hours=RoundHours.matin,
                      vehicle_needed=True, software="Vega")
    login_as(make_user("Marc", "Aubert"))

    def ids(query):
        return listed(client.get(f"/remplacements?{query}").get_data(as_text=True))

    assert ids("zone=montagne") == [mountain]
    assert ids("tournee=matin") == [town]
    assert ids("vehicule=non") == [mountain]
    assert ids("vehicule=oui") == [town]
    assert ids("logiciel=alb") == [mountain]
    assert ids("logiciel=%25") == []          # a wildcard typed by a member is literal
    assert sorted(ids("zone=&tournee=&vehicule=")) == sorted([mountain, town])


def test_availabilities_filtered_by_departements_and_dates(client, app, make_user, login_as):
    remplacante = make_user("Léa", "Kerhervé", verified_nurse=True)
    brittany = make_availability(app, remplacante, ["29", "56"], start_date=days(5),
                                 end_date=days(15))
    paris = make_availability(app, remplacante, ["75"], start_date=days(5), end_date=days(15))
    login_as(make_user("Anne", "Le Goff"))

    def ids(query):
        html = client.get(f"/remplacements?vue=disponibilites&{query}").get_data(as_text=True)
        return listed(html, "disponibilites")

    assert ids("dep=56") == [brittany]
    assert sorted(ids("dep=56,75")) == sorted([brittany, paris])
    assert ids(f"dep=29&du={days(16).isoformat()}") == []
    assert ids(f"dep=29&au={days(5).isoformat()}") == [brittany]


def test_past_offers_leave_the_board_without_a_write_then_expire_ads_persists(
        client, app, make_user, login_as, count_queries):
    author = make_user("Anne", "Le Goff", verified_nurse=True)
    current = make_offer(app, author)
    bulk_offers(app, author.id, 1)
    bulk_availabilities(app, author.id, 1)
    with app.app_context():
        old = db.session.scalar(select(Offer).where(Offer.id != current))
        old.start_date, old.end_date = days(-20), days(-1)
        availability = db.session.scalar(select(Availability))
        availability.start_date, availability.end_date = days(-20), days(-1)
        old_id = old.id
        db.session.commit()
    login_as(make_user("Marc", "Aubert"))
    client.get("/remplacements")
    with count_queries() as counter:
        html = client.get("/remplacements").get_data(as_text=True)
    assert listed(html) == [current]
    assert not any(s.lstrip().upper().startswith("UPDATE") for s in counter.statements)
    assert "Expirée" in client.get(f"/remplacements/offres/{old_id}").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Offer, old_id).status == AdStatus.open

    result = app.test_cli_runner().invoke(args=["expire-ads"])
    assert result.exit_code == 0, result.output
    assert "1 offre(s) et 1 disponibilité(s) expirée(s)" in result.output
    with app.app_context():
        assert db.session.get(Offer, old_id).status == AdStatus.expired
        assert db.session.get(Offer, current).status == AdStatus.open
        assert db.session.scalar(select(Availability.status)) == AdStatus.expired


def _count(client, count_queries, url):
    client.get(url)
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return counter.count


def test_board_costs_the_same_with_5_or_50_ads(client, app, make_user, login_as,
                                               count_queries):
    authors = [make_user(f"Membre{i}", f"Nom{i}").id for i in range(5)]
    for author_id in authors:
        bulk_offers(app, author_id, 1)
        bulk_availabilities(app, author_id, 1)
    login_as(make_user())
    urls = ["/remplacements", "/remplacements?vue=disponibilites",
            "/remplacements?dep=29,56&zone=urbaine", "/remplacements/mes-annonces"]
    small = {url: _count(client, count_queries, url) for url in urls}
    for author_id in authors:
        bulk_offers(app, author_id, 9)
        bulk_availabilities(app, author_id, 9)
    large = {url: _count(client, count_queries, url) for url in urls}
    assert small == large
    assert all(n <= 10 for n in large.values()), large
