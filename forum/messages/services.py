"""The rules of private messages.

A message goes through `moderation.services.screen` like every text: a clean one is
delivered at once (unread count, e-mail at most once an hour per conversation and
recipient, never with the text); a held one waits for review, seen by its sender only.
A member who is blocked cannot write to the one who blocked them.

Services commit: a caller catches SQLAlchemyError, rolls back and keeps the user's text.
"""
from __future__ import annotations

from datetime import timedelta

from flask import url_for
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from forum.extensions import db
from forum.mail import send_mail
from forum.messages import queries
from forum.models import (
    Block,
    Conversation,
    ConversationParticipant,
    Message,
    PostStatus,
    ReviewKind,
    User,
)
from forum.models.base import utcnow
from forum.models.messages import pair_key
from forum.moderation import services as moderation

EMAIL_INTERVAL = timedelta(hours=1)


class Blocked(Exception):
    """The recipient blocked the sender, or the sender blocked the recipient."""


def _open_review(message: Message, author: User, screening) -> None:
    """CALL SITE for `moderation.services.open_review` (added by the moderation work)."""
    open_review = getattr(moderation, "open_review", None)
    if open_review is None:
        return
    kind = getattr(screening, "kind", ReviewKind.held_post)
    open_review("message", message.id, author, kind, screening)


def _screen(body: str, sender: User):
    """Privacy detector and watched words; not the first-posts gating of the board, which
    would hold every message of a member whose RPPS is not verified yet."""
    try:
        return moderation.screen(body, sender, gated=False)
    except TypeError:   # an older screen() without the gating switch
        return moderation.screen(body, sender)


def _conversation(a: User, b: User) -> Conversation:
    """The one conversation of a pair, created on first use (the unique key settles races)."""
    conversation = queries.conversation_between(a, b)
    if conversation is not None:
        return conversation
    try:
        with db.session.begin_nested():
            conversation = Conversation(pair_key=pair_key(a.id, b.id))
            conversation.participants = [ConversationParticipant(user_id=a.id),
                                         ConversationParticipant(user_id=b.id)]
            db.session.add(conversation)
    except IntegrityError:
        conversation = queries.conversation_between(a, b)
    return conversation


def _participant(conversation_id: int, user_id: int) -> ConversationParticipant:
    return db.session.get(ConversationParticipant, (conversation_id, user_id))


def send_message(sender: User, recipient: User, body: str, *, offer_id: int | None = None,
                 availability_id: int | None = None) -> Message:
    if sender.id == recipient.id:
        raise ValueError("A member cannot write to themselves")
    i_blocked, they_blocked = queries.block_state(sender, recipient)
    if i_blocked or they_blocked:
        raise Blocked()
    screening = _screen(body, sender)
    conversation = _conversation(sender, recipient)
    now = utcnow()
    message = Message(conversation_id=conversation.id, sender_id=sender.id, body=body,
                      status=screening.status, offer_id=offer_id,
                      availability_id=availability_id, created_at=now)
    db.session.add(message)
    # The sender sees their own message (held or not) at the top of their inbox.
    _participant(conversation.id, sender.id).last_message_at = now
    db.session.flush()
    if screening.hold:
        _open_review(message, sender, screening)
    else:
        _deliver(message, recipient, now)
    db.session.commit()
    return message


def _deliver(message: Message, recipient: User, at) -> None:
    conversation = db.session.get(Conversation, message.conversation_id)
    conversation.last_message_at = at
    participant = _participant(message.conversation_id, recipient.id)
    participant.last_message_at = at
    participant.unread_count = ConversationParticipant.unread_count + 1
    last = participant.last_emailed_at
    if last is None or at - last >= EMAIL_INTERVAL:
        participant.last_emailed_at = at
        sender = db.session.get(User, message.sender_id)
        send_mail(recipient.email, "Nouveau message privé", "new_message", user=recipient,
                  sender_name=sender.display_name,
                  link=url_for("messages.conversation", conversation_id=message.conversation_id,
                               _external=True))


# --- Moderation decisions ------------------------------------------------------------
# Called by the review queue (forum/messages/review.py registers them); the queue commits.

def approve_held(message: Message, body: str | None = None) -> None:
    """Deliver a held message (with the moderator's correction, if any); tell the sender."""
    from forum.notifications.services import notify

    if body is not None:
        message.body = body
    sender = db.session.get(User, message.sender_id)
    recipient = queries.other_member(message.conversation_id, sender)
    message.status = PostStatus.published
    if recipient is not None:
        _deliver(message, recipient, utcnow())
    notify(sender, "message_delivered",
           "La modération a validé votre message privé : il a été transmis.",
           url_for("messages.conversation", conversation_id=message.conversation_id))


def reject_held(message: Message) -> str:
    """Refuse a held message: the text is purged (it may be patient data) and returned,
    to be given back to the sender once in the forum."""
    returned = message.body
    message.status = PostStatus.rejected
    message.body = ""
    return returned


def moderation_decided(message_id: int, approved: bool) -> None:
    """The same decision outside the queue (the queue tells the author itself)."""
    from forum.notifications.services import notify

    message = db.session.get(Message, message_id)
    if message is None or message.status != PostStatus.held:
        return
    if approved:
        approve_held(message)
    else:
        returned = reject_held(message)
        sender = db.session.get(User, message.sender_id)
        notify(sender, "message_rejected",
               "Un de vos messages privés n'a pas été transmis après vérification par "
               "l'équipe de modération. Votre texte vous est rendu ci-dessous, une seule fois.",
               url_for("messages.conversation", conversation_id=message.conversation_id),
               returned_text=returned)
    db.session.commit()


def mark_read(participant: ConversationParticipant) -> None:
    """Reset the unread count when the member opens the conversation (only if needed)."""
    if participant.unread_count:
        participant.unread_count = 0
        participant.last_read_at = utcnow()
        db.session.commit()


def block(blocker: User, blocked: User) -> None:
    if blocker.id == blocked.id:
        return
    if db.session.get(Block, (blocker.id, blocked.id)) is None:
        db.session.add(Block(blocker_id=blocker.id, blocked_id=blocked.id))
        db.session.commit()


def unblock(blocker: User, blocked: User) -> None:
    db.session.execute(delete(Block).where(Block.blocker_id == blocker.id,
                                           Block.blocked_id == blocked.id))
    db.session.commit()


def recipient_or_none(user_id: int) -> User | None:
    return db.session.scalar(select(User).where(User.id == user_id))
