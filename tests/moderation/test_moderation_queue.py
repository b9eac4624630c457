"""The moderators' queue: access, ordering, claims, decisions, purge, suspension, SQL cost."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from moderation_helpers import (CLEAN_BODY, PATIENT_BODY, action, client_for, first_post,
                                new_reply, new_topic, pending_of, post_row, reviews_of, submit,
                                text, topic_row)
from sqlalchemy import select, text as sql

from forum.extensions import db
from forum.models import (AuditEntry, Notification, PostStatus, Review, ReviewKind,
                          ReviewStatus, Role, User)
from forum.models.base import utcnow
from tests.conftest import login

MODERATOR_GETS = ["/moderation/", "/moderation/{id}", "/moderation/mots-surveilles",
                  "/moderation/journal", "/moderation/compteur"]
MODERATOR_POSTS = ["/moderation/{id}/prendre", "/moderation/{id}/liberer",
                   "/moderation/{id}/valider", "/moderation/{id}/modifier-valider",
                   "/moderation/{id}/refuser", "/moderation/{id}/suspendre",
                   "/moderation/mots-surveilles", "/moderation/mots-surveilles/1/supprimer"]


@pytest.fixture
def held(app, make_user):
    """A topic by Claire held for patient data, and its review id."""
    author = make_user("Claire", "Moreau")
    topic_id = new_topic(client_for(app, author), title="Refus d'insuline", body=PATIENT_BODY)
    post = first_post(app, topic_id)
    [review] = pending_of(app, post.id)
    return {"author": author, "topic_id": topic_id, "post_id": post.id, "review_id": review.id}


def test_non_moderators_get_403_everywhere(app, make_user, held):
    member = client_for(app, make_user("Marc", "Aubert"))
    for url in MODERATOR_GETS:
        assert member.get(url.format(id=held["review_id"])).status_code == 403, url
    for url in MODERATOR_POSTS:
        assert member.post(url.format(id=held["review_id"])).status_code == 403, url
    assert pending_of(app, held["post_id"])[0].status == ReviewStatus.pending
    anonymous = app.test_client()
    assert anonymous.get("/moderation/").status_code == 302


def test_queue_lists_items_oldest_first_with_reasons_and_wait(app, make_user, held):
    with app.app_context():
        db.session.get(Review, held["review_id"]).created_at = utcnow() - timedelta(hours=3)
        db.session.commit()
    newer = client_for(app, make_user("Léa", "Kerhervé", verified_nurse=False))
    new_topic(newer, title="Première question de Léa", body=CLEAN_BODY)
    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    page = text(moderator.get("/moderation/"))
    first, second = page.index("Refus d'insuline"), page.index("Première question de Léa")
    assert first < second
    assert "Nom d'un patient ou d'un proche" in page and "Premiers messages" in page
    assert "il y a 3 heures" in page
    assert re.search(r'data-review-count>2<', page)
    assert moderator.get("/moderation/compteur").get_json() == {"pending": 2}
    item = text(moderator.get(f"/moderation/{held['review_id']}"))
    assert ">Mme Dupont</mark>" in item and "Prendre en charge" in item
    for label in ("Données patient", "Sollicitation de patientèle", "Publicité",
                  "Information contraire aux bonnes pratiques", "Irrespect", "Hors-sujet"):
        assert label in item


def test_second_moderator_is_told_who_acted(app, make_user, held):
    anne = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    paul = client_for(app, make_user("Paul", "Girard", role=Role.moderator))
    item_url = f"/moderation/{held['review_id']}"
    action(anne, f"{item_url}/prendre", item_url)
    assert "Pris en charge par Anne Perrin" in text(paul.get("/moderation/"))

    response = action(paul, f"{item_url}/valider", item_url)
    assert "Pris en charge par Anne Perrin" in text(paul.get(response.headers["Location"]))
    response = action(paul, f"{item_url}/prendre", item_url)
    assert "Pris en charge par Anne Perrin" in text(paul.get(response.headers["Location"]))
    assert topic_row(app, held["topic_id"]).status == PostStatus.held

    submit(anne, f"{item_url}/refuser", {"reason": "patient_data", "note": ""}, form_url=item_url)
    response = action(paul, f"{item_url}/prendre", item_url)
    assert "Déjà traité par Anne Perrin" in text(paul.get(response.headers["Location"]))
    response = submit(paul, f"{item_url}/refuser", {"reason": "off_topic"}, form_url=item_url)
    assert response.status_code == 409 and "Déjà traité par Anne Perrin" in text(response)
    [review] = reviews_of(app, held["post_id"])
    assert review.status == ReviewStatus.rejected and review.resolution.endswith("Données patient")


def test_approve_publishes_and_notifies_in_forum_and_by_mail(app, make_user, held, outbox):
    anne = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    item_url = f"/moderation/{held['review_id']}"
    response = action(anne, f"{item_url}/valider", item_url)
    assert response.headers["Location"].endswith("/moderation/")
    assert topic_row(app, held["topic_id"]).status == PostStatus.published
    mail = outbox[-1]
    assert mail.to == held["author"].email and "publié" in mail.subject
    assert "Dupont" not in mail.text and "insuline" not in mail.text
    author = client_for(app, held["author"])
    assert "La modération a validé votre message" in text(author.get("/notifications"))
    with app.app_context():
        assert db.session.scalar(select(AuditEntry.action)
                                 .where(AuditEntry.review_id == held["review_id"],
                                        AuditEntry.action != "claim")) == "approve"


def test_edit_then_approve(app, make_user, held):
    anne = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    item_url = f"/moderation/{held['review_id']}"
    bad = submit(anne, f"{item_url}/modifier-valider", {"title": "Refus d'insuline", "body": ""},
                 form_url=item_url)
    assert bad.status_code == 422 and "Le message est vide." in text(bad)
    submit(anne, f"{item_url}/modifier-valider",
           {"title": "Refus d'insuline", "body": "Une patiente refuse l'insuline : que faire ?"},
           form_url=item_url)
    post = post_row(app, held["post_id"])
    assert post.status == PostStatus.published and post.revision_count == 0
    assert post.body_source == "Une patiente refuse l'insuline : que faire ?"


def _everywhere(app, needle: str) -> list[str]:
    """Tables and columns where `needle` still appears."""
    found = []
    columns = {"posts": ["body_source", "body_html"], "post_revisions": ["body_source", "body_html", "title"],
               "reviews": ["proposed_body", "proposed_title", "findings", "reasons"],
               "topics": ["title"], "audit_log": ["detail"]}
    with app.app_context():
        for table, cols in columns.items():
            for col in cols:
                hits = db.session.execute(sql(f"SELECT count(*) FROM {table} WHERE "
                                              f"CAST({col} AS TEXT) LIKE :n"),
                                          {"n": f"%{needle}%"}).scalar()
                if hits:
                    found.append(f"{table}.{col}")
    return found


def test_reject_purges_the_text_and_returns_it_once(app, make_user, held, outbox):
    author = held["author"]
    mine = client_for(app, author)
    assert "posts.body_source" in _everywhere(app, "Dupont")
    assert "reviews.findings" in _everywhere(app, "Dupont")

    anne = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    item_url = f"/moderation/{held['review_id']}"
    response = submit(anne, f"{item_url}/refuser",
                      {"reason": "patient_data", "note": "Anonymisez avant de republier."},
                      form_url=item_url)
    assert response.status_code == 302
    assert _everywhere(app, "Dupont") == []
    post = post_row(app, held["post_id"])
    assert post.status == PostStatus.rejected and post.body_source == ""
    assert topic_row(app, held["topic_id"]).title == "Sujet retiré par la modération"

    mail = outbox[-1]
    assert mail.to == author.email and "Dupont" not in mail.text and "Données patient" in mail.text
    first = text(mine.get("/notifications"))
    assert "Motif : Données patient — Anonymisez avant de republier." in first
    assert PATIENT_BODY in first and "Refus d'insuline" in first
    assert PATIENT_BODY not in text(mine.get("/notifications"))
    with app.app_context():
        assert db.session.scalar(select(Notification.returned_text)
                                 .where(Notification.user_id == author.id,
                                        Notification.returned_text.is_not(None))) is None
    assert _everywhere(app, "Dupont") == []


def test_reject_a_reported_post_purges_its_revisions(app, make_user):
    author = make_user("Claire", "Moreau")
    mine = client_for(app, author)
    topic_id = new_topic(mine, title="Question sur un pansement", body=CLEAN_BODY)
    reply_id = new_reply(mine, topic_id, body="Première version avec le mot Glycines.")
    submit(mine, f"/message/{reply_id}/modifier", {"body": "Seconde version, Glycines encore."})
    assert post_row(app, reply_id).revision_count == 1
    reporter = client_for(app, make_user("Marc", "Aubert"))
    submit(reporter, f"/message/{reply_id}/signaler", {"reason": "patient_data", "comment": ""})
    [review] = pending_of(app, reply_id)
    anne = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    item_url = f"/moderation/{review.id}"
    submit(anne, f"{item_url}/refuser", {"reason": "patient_data"}, form_url=item_url)
    assert _everywhere(app, "Glycines") == []
    assert post_row(app, reply_id).status == PostStatus.rejected
    assert topic_row(app, topic_id).status == PostStatus.published


def test_reject_a_held_edit_keeps_the_published_version(app, make_user):
    mine = client_for(app, make_user("Claire", "Moreau"))
    topic_id = new_topic(mine, body=CLEAN_BODY)
    reply_id = new_reply(mine, topic_id, body="Je fais un hydrocolloïde, et vous ?")
    submit(mine, f"/message/{reply_id}/modifier", {"body": PATIENT_BODY})
    [review] = pending_of(app, reply_id)
    anne = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    item_url = f"/moderation/{review.id}"
    assert "Modification proposée" in text(anne.get(item_url))
    submit(anne, f"{item_url}/refuser", {"reason": "autre", "note": ""}, form_url=item_url)
    assert pending_of(app, reply_id)  # free text reason is required with "autre"
    submit(anne, f"{item_url}/refuser", {"reason": "autre", "note": "Nom de patiente."},
           form_url=item_url)
    post = post_row(app, reply_id)
    assert post.status == PostStatus.published
    assert post.body_source == "Je fais un hydrocolloïde, et vous ?"
    assert _everywhere(app, "Dupont") == []
    assert "Motif : Nom de patiente." in text(mine.get("/notifications"))


def test_approve_a_held_edit_applies_it(app, make_user):
    mine = client_for(app, make_user("Claire", "Moreau"))
    topic_id = new_topic(mine, body=CLEAN_BODY)
    reply_id = new_reply(mine, topic_id, body="Je fais un hydrocolloïde, et vous ?")
    submit(mine, f"/message/{reply_id}/modifier", {"body": PATIENT_BODY})
    [review] = pending_of(app, reply_id)
    anne = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    action(anne, f"/moderation/{review.id}/valider", f"/moderation/{review.id}")
    post = post_row(app, reply_id)
    assert post.body_source == PATIENT_BODY and post.revision_count == 1


def test_suspended_member_is_locked_out_and_told_why(app, make_user, held):
    anne = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    author = client_for(app, held["author"])
    item_url = f"/moderation/{held['review_id']}"
    until = (utcnow() + timedelta(days=7)).date()
    bad = submit(anne, f"{item_url}/suspendre", {"until": until.isoformat(), "reason": ""},
                 form_url=item_url)
    assert bad.status_code == 422 and "Indiquez le motif" in text(bad)
    submit(anne, f"{item_url}/suspendre",
           {"until": until.isoformat(), "reason": "Données de patients publiées."},
           form_url=item_url)
    response = author.get("/forum", follow_redirects=True)
    page = text(response)
    assert f"Votre compte est suspendu jusqu'au {until:%d/%m/%Y}" in page
    assert "Données de patients publiées." in page
    assert author.get("/forum").status_code == 302      # logged out: nothing to read
    relog = text(login(app.test_client(), held["author"].email))
    assert "suspendu" in relog
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "suspend"))
        assert entry.target_user_id == held["author"].id


def _make_items(app, author_id, count):
    from forum.models import Category, Post, Topic
    with app.app_context():
        cat = db.session.scalar(select(Category).limit(1))
        now = utcnow()
        for i in range(count):
            topic = Topic(category=cat, author_id=author_id, title=f"Retenu {i}",
                          status=PostStatus.held, created_at=now, last_activity_at=now)
            post = Post(topic=topic, author_id=author_id, is_first=True, body_source="x",
                        body_html="<p>x</p>", status=PostStatus.held, created_at=now)
            db.session.add_all([topic, post])
            db.session.flush()
            db.session.add(Review(kind=ReviewKind.held_post, target_type="post",
                                  target_id=post.id, author_id=author_id,
                                  reasons=["Nom d'un patient ou d'un proche"], findings=[],
                                  created_at=now - timedelta(minutes=count - i)))
        # Another capability's item (its target missing, or an unknown type): a generic
        # line. The oldest, so that every first page has the same mix of target types.
        db.session.add(Review(kind=ReviewKind.held_post, target_type="offer", target_id=999,
                              author_id=author_id, reasons=[], findings=[],
                              created_at=now - timedelta(days=1, minutes=count)))
        db.session.commit()


def test_queue_page_issues_a_constant_number_of_statements(app, make_user, count_queries):
    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    authors = [make_user(f"Auteur{i}", "Test") for i in range(3)]

    def count():
        with count_queries() as counter:
            response = moderator.get("/moderation/")
        assert response.status_code == 200
        return counter.count, text(response)

    _make_items(app, authors[0].id, 5)
    small, page = count()
    assert "Élément « offer » n° 999" in page
    _make_items(app, authors[1].id, 45)
    large, page = count()
    assert "Page 1 sur 3" in page
    assert small == large, (small, large)
    assert large <= 12


def test_audit_log_is_readable_and_append_only(app, make_user, held):
    anne = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    item_url = f"/moderation/{held['review_id']}"
    action(anne, f"{item_url}/prendre", item_url)
    submit(anne, f"{item_url}/refuser", {"reason": "patient_data"}, form_url=item_url)
    page = text(anne.get("/moderation/journal"))
    assert "Prise en charge" in page and "Refus" in page and "Anne Perrin" in page
    assert "Données patient" in page and "Claire Moreau" in page
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).limit(1))
        entry.detail = "réécrit"
        with pytest.raises(RuntimeError):
            db.session.commit()
        db.session.rollback()
    with app.app_context():
        for i in range(60):
            db.session.add(AuditEntry(actor_id=None, action="closed", detail=f"n{i}"))
        db.session.commit()
    page = text(anne.get("/moderation/journal"))
    assert "Page 1 sur 2" in page
    assert anne.get("/moderation/journal?page=2").status_code == 200
