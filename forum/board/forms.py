"""Posting forms: French messages, tags validated with the same rule as the service."""
from __future__ import annotations

from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from forum.board.services import TagError, normalise_tags
from forum.forms import Form

TITLE_MIN, TITLE_MAX = 5, 160
BODY_MIN, BODY_MAX = 10, 20000


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _title_field():
    return StringField(
        "Titre",
        filters=[_strip],
        validators=[
            DataRequired("Indiquez un titre."),
            Length(TITLE_MIN, TITLE_MAX,
                   f"Le titre doit compter entre {TITLE_MIN} et {TITLE_MAX} caractères."),
        ],
        render_kw={"maxlength": TITLE_MAX, "data-privacy-check": ""},
    )


def _body_field(label="Message"):
    return TextAreaField(
        label,
        validators=[
            DataRequired("Le message est vide."),
            Length(BODY_MIN, BODY_MAX,
                   f"Le message doit compter entre {BODY_MIN} et {BODY_MAX} caractères."),
        ],
        render_kw={"rows": 10, "data-privacy-check": ""},
    )


def _tags_field():
    return StringField("Tags", filters=[_strip], render_kw={"autocomplete": "off"})


class _TagsMixin:
    tag_names: list[str] = []

    def validate_tags(self, field):
        try:
            self.tag_names = normalise_tags(field.data or "")
        except TagError as exc:
            raise ValidationError(str(exc)) from None


class TopicForm(_TagsMixin, Form):
    title = _title_field()
    body = _body_field()
    tags = _tags_field()
    submit = SubmitField("Publier le sujet")


class ReplyForm(Form):
    body = _body_field("Votre réponse")
    submit = SubmitField("Répondre")


class EditPostForm(_TagsMixin, Form):
    """Title and tags only for a topic's first post: the view removes them otherwise."""

    title = _title_field()
    body = _body_field()
    tags = _tags_field()
    submit = SubmitField("Enregistrer la modification")
