"""Account forms: French labels and messages; the rules themselves live in services."""
from __future__ import annotations

from markupsafe import Markup
from wtforms import (
    BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField, TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

try:  # WTForms >= 3.3 deprecates (value, label) tuples for choices
    from wtforms import SelectChoice as _choice
except ImportError:  # pragma: no cover - older WTForms
    def _choice(value, label):
        return (value, label)

from forum.accounts import services
from forum.forms import Form
from forum.models import MemberStatus

REQUIRED = "Ce champ est obligatoire."
EMAIL_INVALID = "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr)."


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _email_filter(value):
    return services.normalize_email(value) if isinstance(value, str) else value


def _email_field(label="Adresse e-mail"):
    return EmailField(label, filters=[_email_filter], validators=[
        DataRequired(REQUIRED), Email(EMAIL_INVALID, check_deliverability=False),
        Length(max=254, message="Cette adresse e-mail est trop longue."),
    ])


class NewPasswordMixin:
    """New password + confirmation, checked against the member's name and e-mail."""

    password = PasswordField("Mot de passe", validators=[DataRequired(REQUIRED)],
                             render_kw={"minlength": services.PASSWORD_MIN_LENGTH})
    password_confirm = PasswordField("Confirmation du mot de passe", validators=[
        DataRequired(REQUIRED),
        EqualTo("password", message="Les deux mots de passe ne sont pas identiques."),
    ])

    def _identity(self) -> dict:  # pragma: no cover - overridden
        return {}

    def validate_password(self, field):
        problems = services.password_problems(field.data or "", **self._identity())
        if problems:
            raise ValidationError(" ".join(problems))


class SignupForm(NewPasswordMixin, Form):
    first_name = StringField("Prénom", filters=[services.clean_name], validators=[
        DataRequired(REQUIRED), Length(max=80, message="80 caractères au maximum.")])
    last_name = StringField("Nom", filters=[services.clean_name], validators=[
        DataRequired(REQUIRED), Length(max=80, message="80 caractères au maximum.")])
    email = _email_field()
    rpps = StringField("Numéro RPPS", filters=[services.clean_rpps],
                       validators=[DataRequired(REQUIRED)],
                       render_kw={"inputmode": "numeric", "spellcheck": "false"})
    accept_charter = BooleanField(
        Markup('J\'accepte la <a href="/charte" target="_blank" rel="noopener">charte du forum</a> '
               "(s'ouvre dans un nouvel onglet)"),
        validators=[DataRequired("Vous devez accepter la charte du forum pour vous inscrire.")],
    )

    def _identity(self) -> dict:
        return {"email": self.email.data or "", "first_name": self.first_name.data or "",
                "last_name": self.last_name.data or ""}

    def validate_first_name(self, field):
        problem = services.name_problem(field.data, "prénom")
        if problem:
            raise ValidationError(problem)

    def validate_last_name(self, field):
        problem = services.name_problem(field.data, "nom")
        if problem:
            raise ValidationError(problem)

    def validate_email(self, field):
        if services.email_taken(field.data):
            raise ValidationError(
                "Un compte existe déjà avec cette adresse e-mail. Connectez-vous, ou utilisez "
                "« Mot de passe oublié » si vous ne vous en souvenez plus.")

    def validate_rpps(self, field):
        problem = services.rpps_problem(field.data)
        if problem:
            raise ValidationError(problem)
        if services.rpps_taken(field.data):
            raise ValidationError(
                "Ce numéro RPPS est déjà associé à un compte. S'il s'agit du vôtre, utilisez "
                "« Mot de passe oublié » ou écrivez à la modération.")


class LoginForm(Form):
    email = EmailField("Adresse e-mail", filters=[_email_filter],
                       validators=[DataRequired(REQUIRED)])
    password = PasswordField("Mot de passe", validators=[DataRequired(REQUIRED)])
    remember = BooleanField("Se souvenir de moi", default=False)
    next = HiddenField(filters=[_strip])


class ResendVerificationForm(Form):
    """The e-mail is only asked when nobody is logged in (link opened on another device)."""

    email = EmailField("Adresse e-mail", filters=[_email_filter], validators=[
        Optional(), Email(EMAIL_INVALID, check_deliverability=False)])


class ForgotPasswordForm(Form):
    email = _email_field()


class ResetPasswordForm(NewPasswordMixin, Form):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def _identity(self) -> dict:
        if self.user is None:
            return {}
        return {"email": self.user.email, "first_name": self.user.first_name,
                "last_name": self.user.last_name}


STATUS_CHOICES = [_choice("", "— Non précisé —")] + [_choice(s.value, s.label) for s in MemberStatus]


class ProfileForm(Form):
    commune = StringField("Commune d'exercice", filters=[_strip], validators=[
        Optional(), Length(max=120, message="120 caractères au maximum.")])
    departement = StringField("Département", filters=[_strip], validators=[Optional()],
                              render_kw={"inputmode": "text", "maxlength": 3, "spellcheck": "false"})
    status = SelectField("Statut", choices=STATUS_CHOICES, validators=[Optional()])
    software = StringField("Logiciel de facturation", filters=[_strip], validators=[
        Optional(), Length(max=120, message="120 caractères au maximum.")],
        render_kw={"list": "logiciels-idel"})
    interests_declaration = TextAreaField(
        "Déclaration de liens d'intérêt", filters=[_strip], validators=[
            Optional(), Length(max=3000, message="3 000 caractères au maximum.")])

    def fill_from(self, user) -> None:
        """Pre-fill from the member (enums are shown by their value)."""
        self.commune.data = user.commune or ""
        self.departement.data = user.departement or ""
        self.status.data = user.status.value if user.status else ""
        self.software.data = user.software or ""
        self.interests_declaration.data = user.interests_declaration or ""

    def validate_departement(self, field):
        if field.data and services.normalize_departement(field.data) is None:
            raise ValidationError(
                "Ce numéro de département n'existe pas. Indiquez un code de 01 à 95, "
                "2A ou 2B pour la Corse, ou de 971 à 976 pour l'outre-mer.")

