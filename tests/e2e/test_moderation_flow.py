"""Moderation in a real browser: a held post anonymised by its author in one click, and a
moderator rejecting an item from the queue while the author gets the text back once."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from forum.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e

PATIENT = "Mme Dupont, 84 ans, diabétique, refuse l'insuline. Comment la convaincre ?"


def log_in(page, base, user):
    page.goto(f"{base}/connexion")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Déconnexion")).to_be_visible()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_author_sees_the_hold_while_typing_and_anonymises(live_server, phone, make_user,
                                                          artifacts):
    author = make_user("Claire", "Moreau")
    page = phone.new_page()
    log_in(page, live_server, author)
    page.goto(f"{live_server}/forum/cotations-ngap/nouveau")
    page.get_by_label("Titre").fill("Refus d'insuline à domicile")
    body = page.get_by_label("Message")
    body.press_sequentially(PATIENT, delay=5)
    panel = page.locator(".privacy-panel").last
    expect(panel).to_be_visible()
    expect(panel.locator("mark").first).to_have_text("Mme Dupont")
    expect(panel).to_contain_text("Nom d'un patient ou d'un proche")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "moderation-typing-phone.png"), full_page=True)

    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_text("Votre message est en attente de vérification")).to_be_visible()
    held = page.locator(".held-panel")
    expect(held).to_contain_text("Nom d'un patient ou d'un proche")
    expect(held.locator("mark").first).to_have_text("Mme Dupont")
    expect(held).to_contain_text("Mme D., 84 ans")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "moderation-held-phone.png"), full_page=True)

    held.get_by_role("button", name="Anonymiser").click()
    expect(page.get_by_text("Votre message a été anonymisé et publié.")).to_be_visible()
    expect(page.locator(".held-panel")).to_have_count(0)
    expect(page.locator(".post-body").first).to_contain_text("Mme D., 84 ans")
    page.screenshot(path=str(artifacts / "moderation-anonymised-phone.png"), full_page=True)


def test_moderator_claims_and_rejects_author_gets_text_once(live_server, phone, desktop,
                                                            make_user, artifacts, browser):
    author = make_user("Claire", "Moreau")
    second_author = make_user("Yannick", "Le Floch")
    moderator = make_user("Anne", "Perrin", role=Role.moderator)
    mine = phone.new_page()
    log_in(mine, live_server, author)
    mine.goto(f"{live_server}/forum/cotations-ngap/nouveau")
    mine.get_by_label("Titre").fill("Refus d'insuline à domicile")
    mine.get_by_label("Message").fill(PATIENT)
    mine.get_by_role("button", name="Publier").click()
    expect(mine.get_by_text("Votre message est en attente de vérification")).to_be_visible()

    # A second held topic, which the moderator will correct and approve.
    theirs_context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    theirs = theirs_context.new_page()
    log_in(theirs, live_server, second_author)
    theirs.goto(f"{live_server}/forum/protocoles-de-soins/nouveau")
    theirs.get_by_label("Titre").fill("Pansement de jambe qui ne cicatrise pas")
    theirs.get_by_label("Message").fill(
        "M. Kerbrat a un ulcère veineux depuis trois mois, quel pansement essayer ?")
    theirs.get_by_role("button", name="Publier").click()
    expect(theirs.get_by_text("Votre message est en attente de vérification")).to_be_visible()

    # The queue at phone size, for the record.
    moderator_phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    queue_on_phone = moderator_phone.new_page()
    log_in(queue_on_phone, live_server, moderator)
    queue_on_phone.goto(f"{live_server}/moderation")
    expect(queue_on_phone.get_by_role("heading", name="File de modération")).to_be_visible()
    assert no_horizontal_scroll(queue_on_phone)
    queue_on_phone.screenshot(path=str(artifacts / "moderation-queue-phone.png"), full_page=True)
    moderator_phone.close()

    mod = desktop.new_page()
    log_in(mod, live_server, moderator)
    expect(mod.locator("[data-review-count]")).to_have_text("2")
    mod.get_by_role("link", name=re.compile("Modération")).click()
    expect(mod.get_by_role("heading", name="File de modération")).to_be_visible()

    # Edit then approve the second topic.
    mod.get_by_role("link", name=re.compile("Pansement de jambe")).click()
    mod.get_by_role("button", name="Prendre en charge").click()
    mod.get_by_text("Modifier le texte puis valider").click()
    mod.get_by_label("Texte corrigé").fill(
        "Un patient a un ulcère veineux depuis trois mois, quel pansement essayer ?")
    mod.get_by_role("button", name="Modifier puis valider").click()
    expect(mod.get_by_text("Texte corrigé et validé")).to_be_visible()
    theirs.goto(f"{live_server}/notifications")
    expect(theirs.get_by_text(re.compile("validé"))).to_be_visible()
    theirs.goto(f"{live_server}/forum/protocoles-de-soins")
    theirs.get_by_role("link", name="Pansement de jambe qui ne cicatrise pas").click()
    expect(theirs.locator(".post-body").first).to_contain_text("Un patient a un ulcère veineux")
    expect(theirs.get_by_text("Kerbrat")).to_have_count(0)
    theirs_context.close()

    mod.get_by_role("link", name=re.compile("Refus d'insuline")).click()
    expect(mod.locator(".highlighted mark").first).to_have_text("Mme Dupont")
    mod.get_by_role("button", name="Prendre en charge").click()
    expect(mod.get_by_text("Vous avez pris en charge cet élément.")).to_be_visible()
    mod.get_by_label("Motif du refus").select_option(label="Données patient")
    mod.get_by_label("Précision pour l'auteur·e").fill("Anonymisez le nom avant de republier.")
    mod.screenshot(path=str(artifacts / "moderation-item-desktop.png"), full_page=True)
    mod.get_by_role("button", name="Refuser").click()
    expect(mod.get_by_text("Élément refusé")).to_be_visible()
    expect(mod.get_by_text("Rien à vérifier pour le moment.")).to_be_visible()
    expect(mod.locator("[data-review-count]")).to_have_text("0")

    mine.goto(f"{live_server}/notifications")
    expect(mine.get_by_text(re.compile("Motif : Données patient"))).to_be_visible()
    expect(mine.locator(".returned-text")).to_contain_text("Mme Dupont, 84 ans")
    assert no_horizontal_scroll(mine)
    mine.screenshot(path=str(artifacts / "moderation-returned-text-phone.png"), full_page=True)
    mine.reload()
    expect(mine.get_by_text(re.compile("Motif : Données patient"))).to_be_visible()
    expect(mine.locator(".returned-text")).to_have_count(0)
