"""Moderation forms: every action is a POST with its own CSRF token (forum.forms.Form)."""
from __future__ import annotations

from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from forum.board.forms import BODY_MAX, BODY_MIN, TITLE_MAX, TITLE_MIN
from forum.forms import Form
from forum.models import RejectReason, WatchedAction

OTHER = "autre"
REASON_CHOICES = [SelectChoice(r.value, r.label) for r in RejectReason]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ReportForm(Form):
    reason = RadioField("Motif du signalement", choices=REASON_CHOICES,
                        validators=[DataRequired("Choisissez un motif.")])
    comment = TextAreaField("Commentaire (facultatif)", filters=[_strip],
                            validators=[Length(max=2000, message="2 000 caractères au maximum.")],
                            render_kw={"rows": 4})
    submit = SubmitField("Envoyer le signalement")

    @property
    def reason_enum(self) -> RejectReason:
        return RejectReason(self.reason.data)


class RejectForm(Form):
    reason = SelectField("Motif du refus", choices=[
        SelectChoice("", "— Choisir un motif —"), *REASON_CHOICES,
        SelectChoice(OTHER, "Autre motif (précisez)")])
    note = TextAreaField("Précision pour l'auteur·e", filters=[_strip],
                         validators=[Length(max=1000, message="1 000 caractères au maximum.")],
                         render_kw={"rows": 3})
    submit = SubmitField("Refuser")

    def validate_reason(self, field):
        if not field.data:
            raise ValidationError("Choisissez un motif de refus.")
        if field.data == OTHER and not (self.note.data or "").strip():
            raise ValidationError("Précisez le motif dans le champ ci-dessous.")

    @property
    def reason_enum(self) -> RejectReason | None:
        return None if self.reason.data == OTHER else RejectReason(self.reason.data)


class EditApproveForm(Form):
    """Correct the text, then approve. The title exists only for a topic's first post."""

    title = StringField("Titre du sujet", filters=[_strip], validators=[
        Optional(), Length(TITLE_MIN, TITLE_MAX,
                           f"Le titre doit compter entre {TITLE_MIN} et {TITLE_MAX} caractères.")])
    body = TextAreaField("Texte corrigé", validators=[
        DataRequired("Le message est vide."),
        Length(BODY_MIN, BODY_MAX,
               f"Le message doit compter entre {BODY_MIN} et {BODY_MAX} caractères.")],
        render_kw={"rows": 10, "data-privacy-check": ""})
    submit = SubmitField("Modifier puis valider")


class FrDateField(DateField):
    """A date field whose parse error is in French."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError("Date invalide : utilisez le format jj/mm/aaaa.") from None


class SuspendForm(Form):
    until = FrDateField("Suspendu jusqu'au", validators=[
        DataRequired("Indiquez une date (jj/mm/aaaa).")])
    reason = TextAreaField("Motif (montré au membre)", filters=[_strip], validators=[
        DataRequired("Indiquez le motif de la suspension."),
        Length(max=500, message="500 caractères au maximum.")], render_kw={"rows": 2})
    submit = SubmitField("Suspendre le membre")


class WatchedWordForm(Form):
    pattern = StringField("Terme ou expression", filters=[_strip], validators=[
        DataRequired("Indiquez un terme ou une expression."),
        Length(max=200, message="200 caractères au maximum.")],
        render_kw={"autocomplete": "off"})
    is_regex = BooleanField("Expression régulière (sinon : mot entier, sans tenir compte de la casse)")
    action = SelectField("Action", choices=[
        SelectChoice(WatchedAction.hold.value, "Retenir le message avant publication"),
        SelectChoice(WatchedAction.flag.value, "Publier mais signaler à la modération")],
        default=WatchedAction.hold.value)
    sample = TextAreaField("Texte d'essai", render_kw={"rows": 4})
    confirm = BooleanField("Enregistrer quand même, malgré les correspondances dans des messages ordinaires")
    test = SubmitField("Tester")
    submit = SubmitField("Enregistrer")
