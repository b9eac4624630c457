"""Plugs held private messages into the moderation queue.

A moderator is not a participant: the queue links to a page showing that one held
message only (`messages.held_message`), never the rest of the conversation.
"""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from forum.extensions import db
from forum.messages import services
from forum.models import Message


def _load(ids: list[int]) -> dict[int, Message]:
    stmt = select(Message).where(Message.id.in_(ids)).options(selectinload(Message.sender))
    return {m.id: m for m in db.session.scalars(stmt)}


def _describe(message: Message) -> str:
    return f"Message privé de {message.sender.display_name} du {message.created_at:%d/%m/%Y}"


def _approve(review, message, moderator, body, title) -> bool:
    services.approve_held(message, body)
    return True


def _reject(review, message, moderator) -> str | None:
    return services.reject_held(message) or None


def register() -> None:
    from forum.moderation.queue import TargetType, register_target_type

    register_target_type("message", TargetType(
        label="Message privé", load=_load, describe=_describe,
        url=lambda m: url_for("messages.held_message", message_id=m.id),
        approve=_approve, reject=_reject))
