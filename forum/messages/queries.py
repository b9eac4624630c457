"""Reads of private messages: only participants read a conversation; a held message is
seen by its sender only (moderators see it in the review queue, not here)."""
from __future__ import annotations

from flask import abort
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from forum.extensions import db
from forum.models import Block, Conversation, ConversationParticipant, Message, PostStatus, User

CONVERSATIONS_PER_PAGE = 20
MESSAGES_PER_PAGE = 30


def visible_messages(user: User):
    return or_(Message.status == PostStatus.published,
               and_(Message.status == PostStatus.held, Message.sender_id == user.id))


def unread_total(user: User) -> int:
    """The navigation bar's count: one SUM over the member's participant rows."""
    return db.session.scalar(
        select(func.coalesce(func.sum(ConversationParticipant.unread_count), 0))
        .where(ConversationParticipant.user_id == user.id)) or 0


def inbox_page(user: User, page: int):
    """The member's conversations, latest first, each with the other member loaded."""
    stmt = (
        select(ConversationParticipant)
        .where(ConversationParticipant.user_id == user.id,
               ConversationParticipant.last_message_at.is_not(None))
        .order_by(ConversationParticipant.last_message_at.desc(),
                  ConversationParticipant.conversation_id.desc())
    )
    result = db.paginate(stmt, page=page, per_page=CONVERSATIONS_PER_PAGE, error_out=False)
    ids = [p.conversation_id for p in result.items]
    others = {}
    if ids:
        for other in db.session.scalars(
                select(ConversationParticipant)
                .where(ConversationParticipant.conversation_id.in_(ids),
                       ConversationParticipant.user_id != user.id)
                .options(joinedload(ConversationParticipant.user))):
            others[other.conversation_id] = other.user
    return result, others


def participation_or_404(user: User, conversation_id: int) -> ConversationParticipant:
    """The member's place in a conversation they may read; 404 for anyone else."""
    participant = db.session.scalar(
        select(ConversationParticipant)
        .where(ConversationParticipant.conversation_id == conversation_id,
               ConversationParticipant.user_id == user.id,
               ConversationParticipant.last_message_at.is_not(None))
        .options(joinedload(ConversationParticipant.conversation)))
    if participant is None:
        abort(404)
    return participant


def other_member(conversation_id: int, user: User) -> User | None:
    return db.session.scalar(
        select(User).join(ConversationParticipant, ConversationParticipant.user_id == User.id)
        .where(ConversationParticipant.conversation_id == conversation_id, User.id != user.id))


def messages_page(user: User, conversation_id: int, page: int):
    """Newest first, so page 1 is the latest; the template shows each page oldest first."""
    stmt = (
        select(Message)
        .where(Message.conversation_id == conversation_id, visible_messages(user))
        .options(selectinload(Message.sender))
        .order_by(Message.created_at.desc(), Message.id.desc())
    )
    return db.paginate(stmt, page=page, per_page=MESSAGES_PER_PAGE, error_out=False)


def conversation_between(a: User, b: User) -> Conversation | None:
    from forum.models.messages import pair_key

    return db.session.scalar(select(Conversation)
                             .where(Conversation.pair_key == pair_key(a.id, b.id)))


def block_state(me: User, other: User) -> tuple[bool, bool]:
    """(I blocked them, they blocked me), in one statement."""
    row = db.session.execute(select(
        exists().where(Block.blocker_id == me.id, Block.blocked_id == other.id),
        exists().where(Block.blocker_id == other.id, Block.blocked_id == me.id),
    )).one()
    return bool(row[0]), bool(row[1])


def blocked_members(user: User) -> list[User]:
    return list(db.session.scalars(
        select(User).join(Block, Block.blocked_id == User.id)
        .where(Block.blocker_id == user.id).order_by(User.last_name, User.first_name)
        .limit(200)))


def held_message_or_404(message_id: int) -> Message:
    """A message waiting for review (the caller checks that the reader is a moderator)."""
    message = db.session.scalar(
        select(Message).where(Message.id == message_id, Message.status == PostStatus.held)
        .options(selectinload(Message.sender)))
    if message is None:
        abort(404)
    return message
