"""Members report posts: one queue item per post, reporters known to moderators only."""
from __future__ import annotations

from moderation_helpers import (CLEAN_BODY, action, client_for, new_reply, new_topic,
                                pending_of, post_row, submit, text)

from forum.models import PostStatus, ReviewKind, Role


def test_reports_join_one_item_and_stay_anonymous_to_the_author(app, make_user, outbox):
    author = make_user("Claire", "Moreau")
    mine = client_for(app, author)
    topic_id = new_topic(mine, body=CLEAN_BODY)
    reply_id = new_reply(mine, topic_id, body="Contactez mon cabinet, je prends vos patients !")

    marc = client_for(app, make_user("Marc", "Aubert"))
    page = text(marc.get(f"/sujet/{topic_id}"))
    assert f"/message/{reply_id}/signaler" in page
    form = text(marc.get(f"/message/{reply_id}/signaler"))
    assert "Sollicitation de patientèle" in form and "Données patient" in form
    missing = submit(marc, f"/message/{reply_id}/signaler", {"comment": "Démarchage"})
    assert missing.status_code == 422 and "Démarchage" in text(missing)   # nothing lost
    submit(marc, f"/message/{reply_id}/signaler",
           {"reason": "solicitation", "comment": "Démarchage de patientèle."})
    again = submit(marc, f"/message/{reply_id}/signaler", {"reason": "advertising"})
    assert "déjà signalé" in text(marc.get(again.headers["Location"]))
    sophie = client_for(app, make_user("Sophie", "Lemaire"))
    submit(sophie, f"/message/{reply_id}/signaler", {"reason": "advertising", "comment": ""})

    [review] = pending_of(app, reply_id)
    assert review.kind == ReviewKind.report and review.report_count == 2
    assert post_row(app, reply_id).status == PostStatus.published   # reports do not hide

    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    item = text(moderator.get(f"/moderation/{review.id}"))
    assert "signalé par Marc Aubert" in item and "signalé par Sophie Lemaire" in item
    assert "Démarchage de patientèle." in item
    assert "Signalement : Sollicitation de patientèle" in text(moderator.get("/moderation/"))

    # The author is never told who reported, nor even that a report exists.
    for url in (f"/sujet/{topic_id}", "/notifications"):
        page = text(mine.get(url))
        assert "Marc Aubert" not in page and "Sophie Lemaire" not in page, url
        assert "Signalement" not in page, url
    submit(moderator, f"/moderation/{review.id}/refuser", {"reason": "solicitation"},
           form_url=f"/moderation/{review.id}")
    page = text(mine.get("/notifications"))
    assert "Sollicitation de patientèle" in page
    assert "Marc Aubert" not in page and "Sophie Lemaire" not in page
    assert all("Marc" not in m.text and "Sophie" not in m.text for m in outbox)


def test_own_posts_cannot_be_reported(app, make_user):
    mine = client_for(app, make_user("Claire", "Moreau"))
    topic_id = new_topic(mine, body=CLEAN_BODY)
    page = text(mine.get(f"/sujet/{topic_id}"))
    assert "/signaler" not in page
    assert mine.get(f"/message/{topic_id}/signaler").status_code in (403, 404)


def test_keeping_a_reported_post_closes_the_item(app, make_user):
    mine = client_for(app, make_user("Claire", "Moreau"))
    topic_id = new_topic(mine, body=CLEAN_BODY)
    reply_id = new_reply(mine, topic_id, body="Réponse tout à fait correcte sur l'escarre.")
    marc = client_for(app, make_user("Marc", "Aubert"))
    submit(marc, f"/message/{reply_id}/signaler", {"reason": "off_topic"})
    [review] = pending_of(app, reply_id)
    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    assert "Conserver le message" in text(moderator.get(f"/moderation/{review.id}"))
    action(moderator, f"/moderation/{review.id}/valider", f"/moderation/{review.id}")
    assert pending_of(app, reply_id) == []
    assert post_row(app, reply_id).status == PostStatus.published
    # A later report opens a new item.
    submit(client_for(app, make_user("Sophie", "Lemaire")), f"/message/{reply_id}/signaler",
           {"reason": "disrespect"})
    assert len(pending_of(app, reply_id)) == 1
