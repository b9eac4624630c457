"""SQLAlchemy models, a module per domain. Importing this package registers them all."""
from forum.models.accounts import MemberStatus, Role, User
from forum.models.board import Category, Post, PostRevision, PostStatus, Tag, Topic, topic_tags
from forum.models.drafts import FormDraft
from forum.models.messages import Block, Conversation, ConversationParticipant, Message
from forum.models.moderation import (
    AuditEntry, RejectReason, Report, Review, ReviewKind, ReviewStatus, WatchedAction, WatchedWord,
)
from forum.models.notifications import Notification
from forum.models.replacements import (
    AdStatus, Availability, AvailabilityArea, Cabinet, MatchNotice, Offer, RoundHours, Zone,
)

__all__ = [
    "AuditEntry", "Category", "FormDraft", "Notification", "RejectReason", "Report", "Review",
    "ReviewKind", "ReviewStatus", "WatchedAction", "WatchedWord", "MemberStatus", "Post", "PostRevision", "PostStatus", "Role",
    "Tag", "Topic", "User", "topic_tags",
    "AdStatus", "Availability", "AvailabilityArea", "Cabinet", "MatchNotice", "Offer",
    "RoundHours", "Zone", "Block", "Conversation", "ConversationParticipant", "Message",
]
