"""SQLAlchemy models, a module per domain. Importing this package registers them all."""
from forum.models.accounts import MemberStatus, Role, User
from forum.models.board import Category, Post, PostRevision, PostStatus, Tag, Topic, topic_tags
from forum.models.drafts import FormDraft

__all__ = [
    "Category", "FormDraft", "MemberStatus", "Post", "PostRevision", "PostStatus", "Role",
    "Tag", "Topic", "User", "topic_tags",
]
