"""Base form: CSRF checked per form, French messages, nothing typed is lost.

CSRFProtect's global check is off (WTF_CSRF_CHECK_DEFAULT=False) and every POST goes
through a subclass of `Form`, so an expired token re-renders the same form, filled in,
with a French explanation instead of a bare error page.
"""
from flask_wtf import FlaskForm

CSRF_MESSAGE = (
    "Votre session a expiré ou le formulaire est trop ancien. Votre saisie a été conservée : "
    "vérifiez-la puis renvoyez le formulaire."
)


class Form(FlaskForm):
    class Meta:
        locales = ("fr_FR", "fr")

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators=extra_validators)
        csrf_field = getattr(self, "csrf_token", None)
        if csrf_field is not None and csrf_field.errors:
            csrf_field.errors = [CSRF_MESSAGE]
        return ok

    @property
    def csrf_failed(self) -> bool:
        csrf_field = getattr(self, "csrf_token", None)
        return bool(csrf_field is not None and csrf_field.errors)


class ActionForm(Form):
    """An empty form for buttons that change state (logout, withdraw…): CSRF only."""
