"""Private messages between two members, and blocks.

One conversation per pair of members (`pair_key` is unique), so that "Contacter" from a
profile, an offer or an availability always continues the same thread; a message may
name the ad it is about. Unread counts are kept on the participant row so that the
navigation bar's total is a single SUM.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.extensions import db
from forum.models.accounts import User
from forum.models.base import utcnow
from forum.models.board import PostStatus


def pair_key(a: int, b: int) -> str:
    low, high = sorted((a, b))
    return f"{low}:{high}"


class Conversation(db.Model):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_key: Mapped[str] = mapped_column(String(40), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Time of the last *delivered* message (held ones do not move the thread up).
    last_message_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    participants: Mapped[list[ConversationParticipant]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan")


class ConversationParticipant(db.Model):
    __tablename__ = "conversation_participants"
    __table_args__ = (
        Index("ix_conversation_participants_user_last", "user_id", "last_message_at"),
    )

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    # Last message this member can see (NULL until one is delivered to them), so that an
    # inbox is one indexed scan and a thread holding only a held message stays hidden.
    last_message_at: Mapped[datetime | None]
    unread_count: Mapped[int] = mapped_column(default=0)
    last_read_at: Mapped[datetime | None]
    # At most one e-mail per conversation per hour for this recipient.
    last_emailed_at: Mapped[datetime | None]

    conversation: Mapped[Conversation] = relationship(back_populates="participants")
    user: Mapped[User] = relationship()


class Message(db.Model):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation_created", "conversation_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    # published = delivered; held = waiting for review, seen by its sender and moderators.
    status: Mapped[PostStatus] = mapped_column(
        Enum(PostStatus, native_enum=False, length=20), default=PostStatus.published, index=True)
    offer_id: Mapped[int | None] = mapped_column(
        ForeignKey("replacement_offers.id", ondelete="SET NULL"), index=True)
    availability_id: Mapped[int | None] = mapped_column(
        ForeignKey("replacement_availabilities.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    conversation: Mapped[Conversation] = relationship()
    sender: Mapped[User] = relationship()


class Block(db.Model):
    """`blocker` no longer receives messages from `blocked`."""

    __tablename__ = "member_blocks"

    blocker_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    blocked_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
