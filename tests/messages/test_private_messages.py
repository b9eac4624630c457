"""Private messages: delivery and unread counts, e-mail at most hourly and without the
text, only participants read, blocked members cannot write, held messages wait."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from forum.extensions import db
from forum.messages import queries, services
from forum.models import ConversationParticipant, Message, PostStatus, Review, User
from forum.moderation import services as moderation
from tests.conftest import csrf_from
from tests.replacements.repl_helpers import client_for, hold_everything, make_offer, submit

TEXT = "Bonjour, votre remplacement d'août m'intéresse : êtes-vous disponible pour en parler ?"


def send(client, recipient, body=TEXT, query=""):
    return submit(client, f"/messages/nouveau/{recipient.id}{query}", {"body": body},
                  follow_redirects=True)


def test_message_is_delivered_counted_and_mailed_without_its_text(app, make_user, outbox):
    lea = make_user("Léa", "Kerhervé", verified_nurse=True)
    anne = make_user("Anne", "Le Goff", verified_nurse=True)
    lea_client, anne_client = client_for(app, lea), client_for(app, anne)
    outbox.clear()
    response = send(lea_client, anne)
    assert response.status_code == 200
    assert "Votre message a été envoyé" in response.get_data(as_text=True)

    html = anne_client.get("/messages").get_data(as_text=True)
    assert "Léa Kerhervé" in html
    assert 'data-unread-messages aria-label="1 non lu(s)"' in html
    assert len(outbox) == 1 and outbox[0].to == anne.email
    assert "août" not in outbox[0].text and "Léa Kerhervé" in outbox[0].text

    # A second message within the hour: counted, but no second e-mail.
    send(lea_client, anne, "Je peux aussi commencer la semaine précédente.")
    assert len(outbox) == 1
    with app.app_context():
        assert queries.unread_total(db.session.get(User, anne.id)) == 2
        for participant in db.session.scalars(select(ConversationParticipant).where(
                ConversationParticipant.last_emailed_at.is_not(None))):
            participant.last_emailed_at -= timedelta(minutes=61)
        db.session.commit()
    send(lea_client, anne, "Et je connais Vega.")
    assert len(outbox) == 2

    # Opening the conversation reads it.
    with app.app_context():
        conversation_id = db.session.scalar(select(Message.conversation_id))
    html = anne_client.get(f"/messages/{conversation_id}").get_data(as_text=True)
    assert "Et je connais Vega." in html
    assert "data-unread-messages" not in anne_client.get("/messages").get_data(as_text=True)

    # Anne answers in the same conversation.
    token = csrf_from(anne_client.get(f"/messages/{conversation_id}"))
    anne_client.post(f"/messages/{conversation_id}", data={"body": "Oui, appelez-moi au cabinet.",
                                                           "csrf_token": token})
    html = lea_client.get(f"/messages/{conversation_id}").get_data(as_text=True)
    assert "Oui, appelez-moi au cabinet." in html


def test_contact_from_an_offer_reuses_the_pair_conversation(app, make_user):
    anne = make_user("Anne", "Le Goff", verified_nurse=True)
    lea = make_user("Léa", "Kerhervé", verified_nurse=True)
    offer_id = make_offer(app, anne)
    lea_client = client_for(app, lea)
    html = lea_client.get(f"/messages/nouveau/{anne.id}?offre={offer_id}").get_data(as_text=True)
    assert "votre offre de remplacement à Quimper (29)" in html
    send(lea_client, anne, query=f"?offre={offer_id}")
    send(lea_client, anne, "Depuis son profil, cette fois.")
    with app.app_context():
        conversations = set(db.session.scalars(select(Message.conversation_id)))
        assert len(conversations) == 1
        assert db.session.scalar(select(func.count(Message.id))
                                 .where(Message.offer_id == offer_id)) == 1


def test_only_participants_read_or_answer(app, make_user):
    anne = make_user("Anne", "Le Goff", verified_nurse=True)
    lea = make_user("Léa", "Kerhervé", verified_nurse=True)
    send(client_for(app, lea), anne)
    with app.app_context():
        conversation_id = db.session.scalar(select(Message.conversation_id))
    intruder = client_for(app, make_user("Marc", "Aubert"))
    assert intruder.get(f"/messages/{conversation_id}").status_code == 404
    token = csrf_from(intruder.get(f"/messages/nouveau/{anne.id}"))
    response = intruder.post(f"/messages/{conversation_id}", data={"body": "Intrusion",
                                                                   "csrf_token": token})
    assert response.status_code == 404
    assert "Léa Kerhervé" not in intruder.get("/messages").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Message.id))) == 1


def test_blocked_member_cannot_write(app, make_user):
    anne = make_user("Anne", "Le Goff", verified_nurse=True)
    lea = make_user("Léa", "Kerhervé", verified_nurse=True)
    lea_client, anne_client = client_for(app, lea), client_for(app, anne)
    send(lea_client, anne)
    with app.app_context():
        conversation_id = db.session.scalar(select(Message.conversation_id))
    token = csrf_from(anne_client.get(f"/messages/{conversation_id}"))
    anne_client.post(f"/messages/bloquer/{lea.id}", data={"csrf_token": token})

    response = send(lea_client, anne, "Encore moi.")
    assert response.status_code == 403
    assert "Ce membre ne reçoit pas vos messages" in response.get_data(as_text=True)
    token = csrf_from(lea_client.get(f"/messages/{conversation_id}"))
    response = lea_client.post(f"/messages/{conversation_id}",
                               data={"body": "Toujours moi.", "csrf_token": token})
    assert response.status_code == 403
    assert "Toujours moi." in response.get_data(as_text=True)     # the text is not lost
    with app.app_context():
        assert db.session.scalar(select(func.count(Message.id))) == 1
        try:
            services.send_message(db.session.get(User, lea.id), db.session.get(User, anne.id),
                                  "Par le service.")
            raise AssertionError("a blocked member wrote")
        except services.Blocked:
            db.session.rollback()
    # Anne may not write either while she blocks Léa; she unblocks and all is well again.
    page = anne_client.get(f"/messages/nouveau/{lea.id}")
    assert "débloquez-le" in page.get_data(as_text=True)
    token = csrf_from(page)
    anne_client.post(f"/messages/debloquer/{lea.id}", data={"csrf_token": token})
    assert send(lea_client, anne, "Merci.").status_code == 200


def test_held_message_waits_for_review(app, make_user, monkeypatch, outbox):
    anne = make_user("Anne", "Le Goff", verified_nurse=True)
    lea = make_user("Léa", "Kerhervé")
    lea_client, anne_client = client_for(app, lea), client_for(app, anne)
    outbox.clear()
    with monkeypatch.context() as patch:
        hold_everything(patch)
        response = send(lea_client, anne)
    html = response.get_data(as_text=True)
    assert "En attente de vérification" in html and "transmis après validation" in html
    assert outbox == []
    with app.app_context():
        message = db.session.scalar(select(Message))
        assert message.status == PostStatus.held
        message_id, conversation_id = message.id, message.conversation_id
        if hasattr(moderation, "open_review"):
            assert db.session.scalar(select(Review.target_id)
                                     .where(Review.target_type == "message")) == message_id
        assert queries.unread_total(db.session.get(User, anne.id)) == 0
    assert anne_client.get(f"/messages/{conversation_id}").status_code == 404
    assert "Léa Kerhervé" not in anne_client.get("/messages").get_data(as_text=True)

    with app.test_request_context():
        services.moderation_decided(message_id, approved=True)
    assert len(outbox) == 1
    html = anne_client.get(f"/messages/{conversation_id}").get_data(as_text=True)
    assert TEXT.split(",")[0] in html


def test_rejected_message_is_purged_and_sender_told(app, make_user, monkeypatch):
    anne = make_user("Anne", "Le Goff", verified_nurse=True)
    lea = make_user("Léa", "Kerhervé")
    with monkeypatch.context() as patch:
        hold_everything(patch)
        send(client_for(app, lea), anne)
    with app.test_request_context():
        message_id = db.session.scalar(select(Message.id))
        services.moderation_decided(message_id, approved=False)
        message = db.session.get(Message, message_id)
        assert message.status == PostStatus.rejected and message.body == ""
    assert "pas été transmis" in client_for(app, lea).get("/notifications").get_data(
        as_text=True)


def test_unread_total_is_one_statement(app, make_user, count_queries):
    anne = make_user("Anne", "Le Goff", verified_nurse=True)
    with app.app_context():
        user = db.session.get(User, anne.id)
        with count_queries() as counter:
            queries.unread_total(user)
        assert counter.count == 1


def test_inbox_and_conversation_pages_cost_the_same_with_few_or_many(app, make_user,
                                                                     count_queries):
    anne = make_user("Anne", "Le Goff", verified_nurse=True)
    senders = [make_user(f"Membre{i}", f"Nom{i}", verified_nurse=True) for i in range(12)]

    def write(n_senders, n_messages):
        with app.test_request_context():
            me = db.session.get(User, anne.id)
            for sender in senders[:n_senders]:
                for i in range(n_messages):
                    services.send_message(db.session.get(User, sender.id), me,
                                          f"Message numéro {i}.")

    write(2, 2)
    client = client_for(app, anne)
    with app.app_context():
        conversation_id = db.session.scalar(select(Message.conversation_id))

    def cost(url):
        client.get(url)
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    small = (cost("/messages"), cost(f"/messages/{conversation_id}"))
    write(12, 4)
    assert (cost("/messages"), cost(f"/messages/{conversation_id}")) == small


def test_review_queue_rejects_a_held_message_and_gives_the_text_back(app, make_user,
                                                                    monkeypatch):
    from forum.models import RejectReason, Role
    from forum.moderation import queue

    anne = make_user("Anne", "Le Goff", verified_nurse=True)
    lea = make_user("Léa", "Kerhervé")
    with monkeypatch.context() as patch:
        hold_everything(patch)
        send(client_for(app, lea), anne)
    moderator = make_user("Paule", "Modo", role=Role.moderator)
    with app.app_context():
        message_id = db.session.scalar(select(Message.id))
        review_id = db.session.scalar(select(Review.id).where(Review.target_type == "message"))
    moderator_client = client_for(app, moderator)
    html = moderator_client.get(f"/messages/verification/{message_id}").get_data(as_text=True)
    assert TEXT.split(",")[0] in html
    assert client_for(app, anne).get(f"/messages/verification/{message_id}").status_code == 404
    with app.test_request_context():
        queue.reject(review_id, db.session.get(User, moderator.id), RejectReason.patient_data)
        message = db.session.get(Message, message_id)
        assert message.status == PostStatus.rejected and message.body == ""
    html = client_for(app, lea).get("/notifications").get_data(as_text=True)
    assert TEXT.split(",")[0] in html          # given back once, in the forum


def test_profile_has_a_contact_link_except_ones_own(app, make_user):
    anne = make_user("Anne", "Le Goff", verified_nurse=True)
    lea_client = client_for(app, make_user("Léa", "Kerhervé", verified_nurse=True))
    html = lea_client.get(f"/membres/{anne.id}").get_data(as_text=True)
    assert f"/messages/nouveau/{anne.id}" in html
    own = client_for(app, anne).get(f"/membres/{anne.id}").get_data(as_text=True)
    assert "/messages/nouveau/" not in own
