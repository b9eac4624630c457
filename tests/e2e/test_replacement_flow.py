"""On their phones: a titulaire publishes an offer for August in the Finistère; a
remplaçante whose availability matches is notified, opens the offer and contacts her;
the titulaire answers and marks the offer filled, and it leaves the open list."""
from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.replacements.repl_helpers import make_availability, make_offer

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "fr-FR", "is_mobile": True,
         "has_touch": True, "device_scale_factor": 2}


def next_august() -> tuple[date, date]:
    today = date.today()
    year = today.year if today < date(today.year, 8, 1) else today.year + 1
    return date(year, 8, 1), date(year, 8, 31)


def nav(page, name):
    return page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name=name)


def log_in(page, live_server, user):
    page.goto(f"{live_server}/connexion")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(nav(page, "Remplacements")).to_be_visible()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_offer_match_contact_answer_and_fill(live_server, app, browser, phone, make_user,
                                             artifacts):
    start, end = next_august()
    titulaire = make_user("Anne", "Le Goff", verified_nurse=True, commune="Quimper",
                          departement="29", software="Vega")
    remplacante = make_user("Léa", "Kerhervé", verified_nurse=True)
    make_availability(app, remplacante, ["29", "56"], start_date=date(start.year, 7, 20),
                      end_date=date(start.year, 8, 20), software="Vega, Albus")
    # Another ad, so that the board has more than one line.
    make_offer(app, make_user("Jean", "Riou", verified_nurse=True), commune="Vannes",
               departement="56", start_date=date(start.year, 8, 10),
               end_date=date(start.year, 8, 24), retrocession="80 % des honoraires")

    # The titulaire publishes her offer from her phone.
    page = phone.new_page()
    log_in(page, live_server, titulaire)
    nav(page, "Remplacements").click()
    page.get_by_role("link", name="Proposer un remplacement").click()
    expect(page.get_by_label("Commune")).to_have_value("Quimper")
    page.get_by_label("Zone").select_option("rurale")
    page.get_by_label("Du").fill(start.isoformat())
    page.get_by_label("Au", exact=True).fill(end.isoformat())
    page.get_by_label("Type de soins").fill("Soins techniques, nursing, quelques pansements")
    page.get_by_label("Patients par tournée").fill("20 à 25")
    page.get_by_label("Tournées").select_option("les_deux")
    page.get_by_label("Cabinet").select_option("groupe")
    page.get_by_label("Rétrocession").fill("85 % des honoraires, IK conservées")
    page.get_by_label("Logement possible").check()
    page.get_by_label("Description").fill(
        "Cabinet de groupe à deux, tournée rurale autour de Quimper, secteur sans montagne.")
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="Publier l'offre").click()
    expect(page.get_by_text("Votre offre est publiée")).to_be_visible()
    expect(page.get_by_text("Contrat écrit obligatoire")).to_be_visible()
    expect(page.get_by_text("Léa Kerhervé")).to_be_visible()       # a matching availability
    offer_url = page.url

    # The remplaçante is notified, opens the offer and contacts the titulaire.
    context = browser.new_context(**PHONE)
    other = context.new_page()
    log_in(other, live_server, remplacante)
    nav(other, re.compile("Notifications")).click()
    expect(other.get_by_text("correspond à l'une de vos disponibilités")).to_have_count(2)
    other.get_by_role("link", name="Voir").first.click()
    expect(other.get_by_role("heading", name="Remplacement à Quimper (29)")).to_be_visible()
    expect(other.get_by_text("85 % des honoraires, IK conservées")).to_be_visible()
    assert no_horizontal_scroll(other)
    other.screenshot(path=str(artifacts / "replacement-offer-phone-390x844.png"),
                     full_page=True)
    other.goto(f"{live_server}/remplacements")
    expect(other.locator("[data-ad-list=offres] li")).to_have_count(2)
    expect(other.get_by_text(re.compile(r"dans \d+ jours")).first).to_be_visible()
    assert no_horizontal_scroll(other)
    other.screenshot(path=str(artifacts / "replacement-board-phone-390x844.png"),
                     full_page=True)
    other.goto(offer_url)
    other.get_by_role("link", name="Contacter").click()
    other.get_by_label("Votre message").fill(
        "Bonjour, je suis disponible tout le mois d'août et je connais Vega. "
        "Pouvons-nous en parler ?")
    other.get_by_role("button", name="Envoyer").click()
    expect(other.get_by_text("Votre message a été envoyé")).to_be_visible()

    # The titulaire sees the unread message, answers, and marks the offer filled.
    page.goto(f"{live_server}/remplacements")
    messages_link = nav(page, re.compile("^Messages"))
    expect(messages_link.locator("[data-unread-messages]")).to_have_text("1")
    messages_link.click()
    page.get_by_role("link", name="Léa Kerhervé").click()
    expect(page.get_by_text("je connais Vega")).to_be_visible()
    page.get_by_label("Votre message").fill("Bonjour Léa, avec plaisir : c'est d'accord pour août.")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("c'est d'accord pour août")).to_be_visible()
    page.goto(offer_url)
    page.get_by_label("Remplaçant·e retenu·e").select_option(label="Léa Kerhervé")
    page.get_by_role("button", name="Marquer comme pourvue").click()
    expect(page.get_by_text("L'offre est marquée comme pourvue")).to_be_visible()

    # The remplaçante reads the answer; the offer has left the open list.
    other.goto(f"{live_server}/messages")
    other.get_by_role("link", name="Anne Le Goff").click()
    expect(other.get_by_text("c'est d'accord pour août")).to_be_visible()
    other.goto(f"{live_server}/remplacements")
    expect(other.locator("[data-ad-list=offres] li")).to_have_count(1)
    expect(other.get_by_text("Quimper (29)")).to_have_count(0)
    context.close()
