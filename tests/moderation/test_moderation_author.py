"""The author's side of an automatic hold: why, anonymise, edit, withdraw, first posts."""
from __future__ import annotations

import json

from moderation_helpers import (CLEAN_BODY, PATIENT_BODY, action, client_for, first_post,
                                new_reply, new_topic, pending_of, post_row, reviews_of, submit,
                                text, topic_row)
from sqlalchemy import select

from forum.extensions import db
from forum.models import AuditEntry, PostStatus, ReviewKind, ReviewStatus, Role
from tests.conftest import csrf_from

HELD_MARK = "En attente de vérification"


def test_held_topic_never_reaches_another_member(app, make_user, outbox):
    author = make_user("Claire", "Moreau")
    other = make_user("Marc", "Aubert")
    mine = client_for(app, author)
    topic_id = new_topic(mine, title="Refus d'insuline à domicile", body=PATIENT_BODY,
                         tags="insuline")
    # A published topic with a held reply in it, too.
    open_id = new_topic(mine, title="Question publiée sur l'insuline", body=CLEAN_BODY,
                        tags="insuline")
    reply_id = new_reply(mine, open_id, body="Pour info, Mme Dupont, 84 ans, refuse l'insuline.")
    assert topic_row(app, topic_id).status == PostStatus.held
    assert post_row(app, reply_id).status == PostStatus.held

    theirs = client_for(app, other)
    for url in ("/", "/forum", "/forum/cotations-ngap", "/tag/insuline", f"/sujet/{open_id}",
                "/notifications"):
        page = text(theirs.get(url, follow_redirects=True))
        assert "Dupont" not in page and "Refus d'insuline" not in page, url
        assert HELD_MARK not in page, url
    assert "Question publiée" in text(theirs.get("/forum"))
    assert theirs.get(f"/sujet/{topic_id}").status_code == 404
    assert theirs.get(f"/message/{reply_id}/modifier").status_code == 404
    assert theirs.get(f"/message/{reply_id}/signaler").status_code == 404
    assert all("Dupont" not in mail.text and "Dupont" not in mail.subject for mail in outbox)


def test_author_sees_why_with_findings_and_proposal(app, make_user):
    mine = client_for(app, make_user("Claire", "Moreau"))
    submit_page = submit(mine, "/forum/cotations-ngap/nouveau",
                         {"title": "Refus d'insuline", "body": PATIENT_BODY, "tags": ""},
                         follow_redirects=True)
    page = text(submit_page)
    assert HELD_MARK in page
    assert "Nom d'un patient ou d'un proche" in page          # the French reason
    assert '<mark title="Nom d\'un patient ou d\'un proche"' in page  # highlighted fragment
    assert ">Mme Dupont</mark>" in page
    assert "Proposition anonymisée" in page and "Mme D., 84 ans" in page
    assert "Anonymiser" in page and "Retirer" in page and "Modifier" in page


def test_anonymise_publishes_and_closes_the_queue_item(app, make_user):
    author = make_user("Claire", "Moreau")
    mine = client_for(app, author)
    topic_id = new_topic(mine, title="Refus d'insuline", body=PATIENT_BODY)
    post = first_post(app, topic_id)
    [review] = pending_of(app, post.id)
    assert review.kind == ReviewKind.held_post
    assert review.findings[0]["fragment"] == "Mme Dupont"

    response = action(mine, f"/message/{post.id}/anonymiser", f"/sujet/{topic_id}")
    assert response.status_code == 302
    page = text(mine.get(response.headers["Location"]))
    assert "anonymisé et publié" in page
    post = post_row(app, post.id)
    assert post.status == PostStatus.published
    assert post.body_source.startswith("Mme D., 84 ans")
    [review] = reviews_of(app, post.id)
    assert review.status == ReviewStatus.closed and review.resolved_by_id == author.id
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.review_id == review.id))
        assert entry.action == "author_fixed" and entry.actor_id == author.id
    other = client_for(app, make_user("Marc", "Aubert"))
    assert "Mme D., 84 ans" in text(other.get(f"/sujet/{topic_id}"))


def test_clean_edit_publishes_without_waiting(app, make_user):
    author = make_user("Claire", "Moreau")
    mine = client_for(app, author)
    topic_id = new_topic(mine, body=CLEAN_BODY)
    reply_id = new_reply(mine, topic_id, body=PATIENT_BODY)
    assert post_row(app, reply_id).status == PostStatus.held
    edit_url = f"/message/{reply_id}/modifier"
    assert "Mme Dupont" in text(mine.get(edit_url))   # the held text comes back to fix
    response = submit(mine, edit_url, {"body": "Une patiente diabétique refuse l'insuline."})
    assert response.status_code == 302
    assert "modifié et publié" in text(mine.get(response.headers["Location"]))
    post = post_row(app, reply_id)
    assert post.status == PostStatus.published
    # A held version is never kept as a revision (it was never published).
    assert post.revision_count == 0
    [review] = reviews_of(app, reply_id)
    assert review.status == ReviewStatus.closed
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEntry.action)
                                          .where(AuditEntry.review_id == review.id)))
    assert actions == ["author_fixed"]


def test_edit_still_identifying_stays_held_with_refreshed_findings(app, make_user):
    mine = client_for(app, make_user("Claire", "Moreau"))
    topic_id = new_topic(mine, body=CLEAN_BODY)
    reply_id = new_reply(mine, topic_id, body=PATIENT_BODY)
    response = submit(mine, f"/message/{reply_id}/modifier",
                      {"body": "M. Garcia, 70 ans, refuse son traitement par insuline."})
    assert "Motif" in text(mine.get(response.headers["Location"]))
    assert post_row(app, reply_id).status == PostStatus.held
    [review] = pending_of(app, reply_id)
    assert [f["fragment"] for f in review.findings] == ["M. Garcia"]


def test_withdraw_deletes_closes_and_returns_text_once(app, make_user):
    author = make_user("Claire", "Moreau")
    mine = client_for(app, author)
    topic_id = new_topic(mine, body=CLEAN_BODY)
    reply_id = new_reply(mine, topic_id, body=PATIENT_BODY)
    response = action(mine, f"/message/{reply_id}/retirer", f"/sujet/{topic_id}")
    assert response.status_code == 302
    post = post_row(app, reply_id)
    assert post.status == PostStatus.deleted and post.body_source == ""
    [review] = reviews_of(app, reply_id)
    assert review.status == ReviewStatus.closed
    with app.app_context():
        assert db.session.scalar(select(AuditEntry.action)
                                 .where(AuditEntry.review_id == review.id)) == "author_withdrew"
    first = text(mine.get("/notifications"))
    assert PATIENT_BODY in first
    assert PATIENT_BODY not in text(mine.get("/notifications"))
    assert f"message-{reply_id}" not in text(mine.get(f"/sujet/{topic_id}"))


def test_first_two_posts_of_unverified_member_are_held(app, make_user):
    newcomer = make_user("Léa", "Kerhervé", verified_nurse=False)
    mine = client_for(app, newcomer)
    topic_id = new_topic(mine, body=CLEAN_BODY)
    topic_post = first_post(app, topic_id)
    assert topic_post.status == PostStatus.held
    [review] = pending_of(app, topic_post.id)
    assert review.kind == ReviewKind.new_member
    page = text(mine.get(f"/sujet/{topic_id}"))
    assert "Premiers messages" in page and HELD_MARK in page
    assert "Anonymiser" not in page          # nothing to anonymise in a clean text
    # A clean edit does not escape the gating.
    submit(mine, f"/message/{topic_post.id}/modifier",
           {"title": "Escarre stade 3, avis", "body": CLEAN_BODY + " Merci.", "tags": ""})
    assert post_row(app, topic_post.id).status == PostStatus.held

    second = new_topic(mine, title="Deuxième question sur les escarres", body=CLEAN_BODY)
    assert topic_row(app, second).status == PostStatus.held
    third = new_topic(mine, title="Troisième question sur les escarres", body=CLEAN_BODY)
    assert topic_row(app, third).status == PostStatus.published
    # The detector still applies afterwards.
    fourth = new_topic(mine, title="Quatrième question", body=PATIENT_BODY)
    assert topic_row(app, fourth).status == PostStatus.held
    assert pending_of(app, first_post(app, fourth).id)[0].kind == ReviewKind.held_post


def test_held_edit_keeps_the_published_version_for_others(app, make_user):
    author = make_user("Claire", "Moreau")
    mine = client_for(app, author)
    topic_id = new_topic(mine, body=CLEAN_BODY)
    post = first_post(app, topic_id)
    response = submit(mine, f"/message/{post.id}/modifier",
                      {"title": "Escarre stade 3 au domicile", "body": PATIENT_BODY, "tags": ""})
    assert response.status_code == 302
    page = text(mine.get(response.headers["Location"]))
    assert "Votre modification est en attente de vérification" in page
    assert ">Mme Dupont</mark>" in page and "Modification en attente de vérification" in page
    saved = post_row(app, post.id)
    assert saved.status == PostStatus.published and saved.body_source == CLEAN_BODY
    [review] = pending_of(app, post.id)
    assert review.kind == ReviewKind.held_edit and review.proposed_body == PATIENT_BODY

    other = client_for(app, make_user("Marc", "Aubert"))
    page = text(other.get(f"/sujet/{topic_id}"))
    assert CLEAN_BODY in page and "Dupont" not in page and "Modification en attente" not in page
    # The edit form gives the pending text back for correction.
    assert "Mme Dupont" in text(mine.get(f"/message/{post.id}/modifier"))
    # Anonymising the pending edit applies it at once.
    action(mine, f"/message/{post.id}/anonymiser", f"/sujet/{topic_id}")
    saved = post_row(app, post.id)
    assert saved.body_source.startswith("Mme D., 84 ans") and saved.revision_count == 1
    assert pending_of(app, post.id) == []
    assert "Mme D., 84 ans" in text(other.get(f"/sujet/{topic_id}"))


def test_withdraw_a_held_edit_keeps_the_published_version(app, make_user):
    mine = client_for(app, make_user("Claire", "Moreau"))
    topic_id = new_topic(mine, body=CLEAN_BODY)
    reply_id = new_reply(mine, topic_id, body="Je fais un hydrocolloïde, et vous ?")
    submit(mine, f"/message/{reply_id}/modifier", {"body": PATIENT_BODY})
    action(mine, f"/message/{reply_id}/retirer", f"/sujet/{topic_id}")
    saved = post_row(app, reply_id)
    assert saved.status == PostStatus.published
    assert saved.body_source == "Je fais un hydrocolloïde, et vous ?"
    [review] = reviews_of(app, reply_id)
    assert review.status == ReviewStatus.closed and review.proposed_body is None


def test_posting_forms_are_checked_as_you_type(app, make_user):
    mine = client_for(app, make_user("Claire", "Moreau"))
    page = mine.get("/forum/cotations-ngap/nouveau").get_data(as_text=True)
    assert page.count("data-privacy-check") == 2        # title and body
    assert 'name="privacy-check-url"' in page
    topic_id = new_topic(mine)
    assert "data-privacy-check" in mine.get(f"/sujet/{topic_id}/repondre").get_data(as_text=True)
    token = csrf_from(mine.get(f"/sujet/{topic_id}"))
    response = mine.post("/moderation/verifier", data=json.dumps({"text": PATIENT_BODY}),
                         headers={"X-CSRFToken": token, "Content-Type": "application/json"})
    data = response.get_json()
    assert data["hold"] is True and data["findings"][0]["fragment"] == "Mme Dupont"
    assert data["redacted"].startswith("Mme D.,")
    clean = mine.post("/moderation/verifier", data=json.dumps({"text": CLEAN_BODY}),
                      headers={"X-CSRFToken": token, "Content-Type": "application/json"})
    assert clean.get_json()["hold"] is False


def test_moderator_sees_held_post_and_link_to_queue(app, make_user):
    mine = client_for(app, make_user("Claire", "Moreau"))
    topic_id = new_topic(mine, body=PATIENT_BODY)
    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    page = text(moderator.get(f"/sujet/{topic_id}"))
    assert HELD_MARK in page and "Ouvrir dans la file de modération" in page
    assert "Anonymiser" not in page
