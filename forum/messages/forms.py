"""Message form: French messages; the text is checked by moderation on submit."""
from __future__ import annotations

from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from forum.forms import Form

BODY_MAX = 5000


class MessageForm(Form):
    body = TextAreaField("Votre message", validators=[
        DataRequired("Le message est vide."),
        Length(max=BODY_MAX, message=f"{BODY_MAX} caractères au maximum.")],
        render_kw={"rows": 5, "maxlength": BODY_MAX, "data-privacy-check": ""})
    submit = SubmitField("Envoyer")
