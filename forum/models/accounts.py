"""Members: identity (real name, RPPS), state, profile and declaration of interests."""
from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from forum.extensions import db
from forum.models.base import utcnow


class Role(str, enum.Enum):
    member = "member"
    moderator = "moderator"
    admin = "admin"


class MemberStatus(str, enum.Enum):
    titulaire = "titulaire"
    remplacant = "remplacant"
    collaborateur = "collaborateur"

    @property
    def label(self) -> str:
        return {
            "titulaire": "Titulaire",
            "remplacant": "Remplaçant·e",
            "collaborateur": "Collaborateur·rice",
        }[self.value]


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    rpps: Mapped[str] = mapped_column(String(11), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=20), default=Role.member)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    charter_accepted_at: Mapped[datetime | None]
    email_verified_at: Mapped[datetime | None]
    rpps_verified_at: Mapped[datetime | None]
    rpps_verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    suspended_until: Mapped[datetime | None]
    suspension_reason: Mapped[str | None] = mapped_column(Text)

    # Profile.
    commune: Mapped[str | None] = mapped_column(String(120))
    departement: Mapped[str | None] = mapped_column(String(3))
    status: Mapped[MemberStatus | None] = mapped_column(
        Enum(MemberStatus, native_enum=False, length=20)
    )
    software: Mapped[str | None] = mapped_column(String(120))
    interests_declaration: Mapped[str | None] = mapped_column(Text)

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_moderator(self) -> bool:
        return self.role in (Role.moderator, Role.admin)

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_verified_nurse(self) -> bool:
        return self.rpps_verified_at is not None

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > utcnow()

    @property
    def has_interests(self) -> bool:
        return bool(self.interests_declaration and self.interests_declaration.strip())

    @property
    def state_label(self) -> str:
        """The member's state as shown in French: e-mail, then RPPS verification."""
        if not self.email_verified:
            return "E-mail non vérifié"
        if self.is_verified_nurse:
            return "Infirmier·e vérifié·e"
        return "Membre"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"
