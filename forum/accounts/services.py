"""The rules of membership: who may join, how they prove it, what they may change.

Views call these functions and only deal with HTTP; forms use the validators here so
that a rule is written once. Functions that write commit themselves and let
SQLAlchemyError propagate: the view decides how to tell the member.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, url_for
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from forum.accounts import tokens
from forum.extensions import db
from forum.mail import send_mail
from forum.models import MemberStatus, User
from forum.models.base import utcnow

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 200
DATA_DIR = Path(__file__).resolve().parent / "data"

# Software used by IDEL for billing and rounds, offered as suggestions on the profile.
IDEL_SOFTWARE = [
    "Vega", "Albus", "Agathe", "Oly", "Swily", "Ozzen", "Izyfact", "Vitalfact", "Cofidoc",
    "La Ruche", "Ubinect", "Medimust", "AxiSanté", "Topaze", "Weda",
]

# Names that are obviously not a person's name (the charter requires real names).
PSEUDONYMS = {
    "admin", "administrateur", "anonyme", "anonymous", "inconnu", "inconnue", "idel",
    "infirmier", "infirmiere", "infirmiers", "infirmieres", "moi", "test", "toto", "titi",
    "tata", "xxx", "aucun", "personne", "nurse", "user", "utilisateur", "moderateur",
}

_NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$")
_DEPARTEMENTS = (
    {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"}
    | {str(n) for n in range(971, 977)}
)


def fold(text: str) -> str:
    """Lower-case without accents: 'Infirmière' and 'infirmiere' are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- Identity ------------------------------------------------------------------------

def normalize_email(email: str | None) -> str:
    return (email or "").strip().lower()


def clean_rpps(value: str | None) -> str:
    """The RPPS as typed, without the spaces people copy from their CPS card."""
    return re.sub(r"\s+", "", value or "")


def rpps_problem(rpps: str) -> str | None:
    if not re.fullmatch(r"\d{11}", rpps):
        return ("Le numéro RPPS compte 11 chiffres, sans lettres (il figure sur votre carte "
                "CPS et dans l'Annuaire Santé). Vérifiez votre saisie.")
    return None


def clean_name(value: str | None) -> str:
    return re.sub(r"\s+", " ", (value or "").strip())


def name_problem(name: str, what: str) -> str | None:
    """Refuse what is obviously not a real name: the charter forbids pseudonyms."""
    rule = f"La charte impose votre vrai {what}, tel qu'il figure au RPPS."
    if any(c.isdigit() for c in name):
        return f"Un {what} ne contient pas de chiffres. {rule}"
    if not _NAME_RE.match(name):
        return f"Seuls les lettres, espaces, tirets et apostrophes sont acceptés. {rule}"
    if max(len(part) for part in re.split(r"[ '’-]", name)) < 2:
        return f"Indiquez votre {what} en entier, pas une initiale. {rule}"
    if fold(name) in PSEUDONYMS:
        return f"« {name} » ressemble à un pseudonyme. {rule}"
    return None


def email_taken(email: str, exclude_id: int | None = None) -> bool:
    query = select(User.id).where(func.lower(User.email) == normalize_email(email))
    if exclude_id is not None:
        query = query.where(User.id != exclude_id)
    return db.session.scalar(query.limit(1)) is not None


def rpps_taken(rpps: str) -> bool:
    return db.session.scalar(select(User.id).where(User.rpps == rpps).limit(1)) is not None


# --- Passwords -----------------------------------------------------------------------

@cache
def common_passwords() -> frozenset[str]:
    lines = (DATA_DIR / "common_passwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


def _is_common(password: str) -> bool:
    folded = fold(password)
    core = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", folded)
    candidates = {folded, core, core.replace(" ", ""), folded.replace(" ", "")}
    return bool(candidates & common_passwords())


def password_problems(password: str, *, email: str = "", first_name: str = "",
                      last_name: str = "") -> list[str]:
    """Why a new password is refused (empty list: it is accepted)."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return [f"Le mot de passe doit compter au moins {PASSWORD_MIN_LENGTH} caractères."]
    if len(password) > PASSWORD_MAX_LENGTH:
        return [f"Le mot de passe ne peut pas dépasser {PASSWORD_MAX_LENGTH} caractères."]
    problems = []
    if _is_common(password):
        problems.append("Ce mot de passe fait partie des plus utilisés : choisissez-en un autre, "
                        "par exemple une courte phrase.")
    elif len(set(password)) < 4:
        problems.append("Ce mot de passe est trop répétitif : variez les caractères.")
    folded = fold(password)
    local_part = fold(normalize_email(email).split("@")[0])
    personal = [p for p in (local_part, fold(first_name), fold(last_name)) if len(p) >= 3]
    if any(p in folded for p in personal):
        problems.append("Le mot de passe ne doit contenir ni votre nom, ni votre prénom, "
                        "ni votre adresse e-mail.")
    return problems


# --- Sign-up and e-mail verification -------------------------------------------------

def create_member(*, first_name: str, last_name: str, email: str, rpps: str,
                  password: str) -> User:
    user = User(
        first_name=clean_name(first_name), last_name=clean_name(last_name),
        email=normalize_email(email), rpps=clean_rpps(rpps), charter_accepted_at=utcnow(),
    )
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def send_verification(user: User) -> None:
    link = url_for("accounts.verify_email", token=tokens.make_verification_token(user),
                   _external=True)
    hours = current_app.config["EMAIL_VERIFICATION_MAX_AGE"] // 3600
    send_mail(user.email, "Confirmez votre adresse e-mail", "verify_email",
              user=user, link=link, hours=hours)


def mark_email_verified(user: User) -> None:
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        db.session.commit()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalize_email(email)))


# --- Login ---------------------------------------------------------------------------

# Checked when the e-mail is unknown, so that a wrong e-mail costs as long as a wrong
# password and response times do not reveal who is a member.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


@dataclass
class LoginAttempt:
    user: User | None = None
    suspended: bool = False

    @property
    def ok(self) -> bool:
        return self.user is not None and not self.suspended


def authenticate(email: str, password: str) -> LoginAttempt:
    user = find_by_email(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return LoginAttempt()
    if not user.check_password(password):
        return LoginAttempt()
    # The suspension is only revealed to whoever knows the password.
    return LoginAttempt(user=user, suspended=user.is_suspended)


def suspension_message(user: User) -> str:
    until = user.suspended_until.strftime("%d/%m/%Y")
    reason = (user.suspension_reason or "").strip()
    message = f"Votre compte est suspendu jusqu'au {until}."
    if reason:
        message += f" Motif : {reason}"
    return message


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: never another host, nor a scheme-relative //host."""
    if not target:
        return None
    target = target.strip()
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in target):
        return None
    return target


# --- Password reset ------------------------------------------------------------------

def request_password_reset(email: str) -> None:
    """Send a reset link if the e-mail is a member's; say nothing either way."""
    user = find_by_email(email)
    if user is None:
        return
    link = url_for("accounts.reset_password", token=tokens.make_reset_token(user), _external=True)
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    send_mail(user.email, "Réinitialisation de votre mot de passe", "reset_password",
              user=user, link=link, minutes=minutes)


def reset_password(user: User, password: str) -> None:
    user.set_password(password)
    # The link arrived in their mailbox: that proves the address as well.
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    db.session.commit()


# --- Profile and RPPS ----------------------------------------------------------------

def normalize_departement(value: str | None) -> str | None:
    """'1' -> '01', '2a' -> '2A'; None when the code is not a French département."""
    code = (value or "").strip().upper()
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    return code if code in _DEPARTEMENTS else None


def update_profile(user: User, *, commune: str, departement: str, status: str,
                   software: str, interests_declaration: str) -> None:
    user.commune = clean_name(commune) or None
    user.departement = normalize_departement(departement) if departement else None
    user.status = MemberStatus(status) if status else None
    user.software = clean_name(software) or None
    user.interests_declaration = (interests_declaration or "").strip() or None
    db.session.commit()


def confirm_rpps(member: User, moderator: User) -> bool:
    """Record that a moderator checked the RPPS; False if it already was."""
    if member.rpps_verified_at is not None:
        return False
    member.rpps_verified_at = utcnow()
    member.rpps_verified_by_id = moderator.id
    db.session.commit()
    return True
