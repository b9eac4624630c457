"""Signed, expiring links sent by e-mail (verification, password reset).

Nothing is stored server-side: the link carries the member id, signed with SECRET_KEY.
A reset link also carries a digest of the current password hash, so it stops working
as soon as the password changes (used once, or superseded by another reset).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from forum.extensions import db
from forum.models import User

VERIFY_SALT = "verify-email"
RESET_SALT = "reset-password"


@dataclass
class TokenCheck:
    """The outcome of reading a link: the member, or why the link is refused."""

    user: User | None = None
    expired: bool = False

    @property
    def ok(self) -> bool:
        return self.user is not None


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _password_fingerprint(user: User) -> str:
    # A digest rather than a slice of the hash: the payload is readable, not encrypted.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def _load(token: str, salt: str, max_age: int) -> tuple[dict | None, bool]:
    try:
        return _serializer(salt).loads(token, max_age=max_age), False
    except SignatureExpired:
        return None, True
    except BadSignature:
        return None, False


def make_verification_token(user: User) -> str:
    return _serializer(VERIFY_SALT).dumps({"uid": user.id, "email": user.email})


def check_verification_token(token: str) -> TokenCheck:
    data, expired = _load(token, VERIFY_SALT, current_app.config["EMAIL_VERIFICATION_MAX_AGE"])
    if not isinstance(data, dict):
        return TokenCheck(expired=expired)
    user = db.session.get(User, data.get("uid"))
    # The e-mail is part of the payload: a link sent to an old address proves nothing.
    if user is None or user.email != data.get("email"):
        return TokenCheck()
    return TokenCheck(user=user)


def make_reset_token(user: User) -> str:
    return _serializer(RESET_SALT).dumps({"uid": user.id, "pw": _password_fingerprint(user)})


def check_reset_token(token: str) -> TokenCheck:
    data, expired = _load(token, RESET_SALT, current_app.config["PASSWORD_RESET_MAX_AGE"])
    if not isinstance(data, dict):
        return TokenCheck(expired=expired)
    user = db.session.get(User, data.get("uid"))
    if user is None or data.get("pw") != _password_fingerprint(user):
        return TokenCheck()
    return TokenCheck(user=user)
