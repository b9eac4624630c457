"""A nurse signs up on her phone, verifies her e-mail, asks a question in Cotations NGAP,
a colleague answers and she sees the answer."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_sign_up_verify_ask_and_read_the_answer(live_server, phone, desktop, outbox, make_user,
                                                artifacts, db_session):
    page = phone.new_page()
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="Créer mon compte").click()

    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label("Nom", exact=True).fill("Kerhervé")
    page.get_by_label("E-mail").fill("lea.kerherve@exemple.fr")
    page.get_by_label("Numéro RPPS").fill("10101234567")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    page.get_by_label(re.compile("J'accepte la charte")).check()
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", name=re.compile("Vérifiez votre"))).to_be_visible()

    # The verification link from the captured outbox.
    mail = outbox[-1]
    assert mail.to == "lea.kerherve@exemple.fr"
    link = re.search(r"https?://\S+/verifier/\S+", mail.text).group(0)
    page.goto(link)
    expect(page.get_by_text("Votre adresse e-mail est vérifiée")).to_be_visible()
    # A moderator confirms her RPPS (otherwise her first two posts wait for review).
    from forum.models import User
    from forum.models.base import utcnow

    lea = db_session.query(User).filter_by(email="lea.kerherve@exemple.fr").one()
    lea.rpps_verified_at = utcnow()
    db_session.commit()

    page.goto(f"{live_server}/forum")
    page.get_by_role("link", name="Cotations NGAP").first.click()
    page.get_by_role("link", name="Nouveau sujet").click()
    page.get_by_label("Titre").fill("AMI 1 + AMI 4 le même jour : cumul possible ?")
    page.get_by_label("Message").fill(
        "Bonjour, pour une injection et un pansement complexe au même passage, "
        "je cote AMI 1 + AMI 4 à taux plein ou le second à 50 % ?")
    page.get_by_label("Tags").fill("AMI")
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("heading", name=re.compile("AMI 1 \\+ AMI 4"))).to_be_visible()
    topic_url = page.url

    # A colleague answers from her desktop.
    colleague = make_user("Marc", "Aubert")
    other = desktop.new_page()
    other.goto(f"{live_server}/connexion")
    other.get_by_label("E-mail").fill(colleague.email)
    other.get_by_label("Mot de passe").fill(PASSWORD)
    other.get_by_role("button", name="Se connecter").click()
    other.goto(topic_url)
    other.get_by_label("Votre réponse").fill(
        "Le second acte est coté à 50 % (article 11B des dispositions générales de la NGAP).")
    other.get_by_role("button", name="Répondre").click()
    expect(other.get_by_text("article 11B")).to_be_visible()

    # Léa reloads her topic and sees the answer, without zooming.
    page.goto(topic_url)
    expect(page.get_by_text("article 11B")).to_be_visible()
    expect(page.get_by_text("Marc Aubert")).to_be_visible()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "topic-phone-390x844.png"), full_page=True)
    other.goto(topic_url)
    other.screenshot(path=str(artifacts / "topic-desktop-1280.png"), full_page=True)
