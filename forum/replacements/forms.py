"""Forms of the replacement board: French messages, dates checked, départements parsed
with the same rule as the filters."""
from __future__ import annotations

from datetime import date

from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from forum.forms import Form
from forum.models import Cabinet, RoundHours, Zone
from forum.replacements.places import PlaceError, normalize, parse_departements
from forum.replacements.queries import BoardFilters

SOFTWARE = ["Vega", "Albus", "Agathe", "Oly", "Swily", "Ozzen", "Izyfact", "Vitalfact",
            "Cofidoc", "La Ruche", "Ubinect", "Medimust", "AxiSanté", "Topaze", "Weda"]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text(label, max_len, *, required=None, **kw):
    validators = [DataRequired(required)] if required else [Optional()]
    validators.append(Length(max=max_len, message=f"{max_len} caractères au maximum."))
    return StringField(label, filters=[_strip], validators=validators,
                       render_kw={"maxlength": max_len, **kw})


def _area(label, max_len, rows=5):
    return TextAreaField(label, filters=[_strip], validators=[
        Optional(), Length(max=max_len, message=f"{max_len} caractères au maximum.")],
        render_kw={"rows": rows, "data-privacy-check": ""})


def _date(label, required=True):
    if required:
        validators = [InputRequired("Indiquez une date.")]
    else:
        validators = [Optional()]
    return DateField(label, validators=validators)


class _DatesMixin:
    def validate_end_date(self, field):
        start = self.start_date.data
        if start and field.data and field.data < start:
            raise ValidationError("La date de fin doit suivre la date de début.")
        if field.data and field.data < date.today():
            raise ValidationError("Cette date est déjà passée.")


class OfferForm(_DatesMixin, Form):
    commune = _text("Commune", 120, required="Indiquez la commune du cabinet.",
                    autocomplete="address-level2")
    departement = _text("Département", 3, required="Indiquez le département (par exemple 29).",
                        inputmode="text", spellcheck="false")
    zone = SelectField("Zone", choices=[(z.value, z.label) for z in Zone])
    start_date = _date("Du")
    end_date = _date("Au")
    recurrence = _text("Jours, si le remplacement est récurrent", 200)
    care_type = _text("Type de soins", 200)
    patients_per_round = _text("Patients par tournée", 40)
    round_hours = SelectField("Tournées", choices=[(h.value, h.label) for h in RoundHours])
    vehicle_needed = BooleanField("Véhicule personnel nécessaire", default=True)
    software = _text("Logiciel utilisé", 120, list="logiciels-idel")
    cabinet = SelectField("Cabinet", choices=[(c.value, c.label) for c in Cabinet])
    retrocession = _text("Rétrocession", 160)
    housing = BooleanField("Logement possible")
    description = _area("Description", 5000, rows=6)
    submit = SubmitField("Publier l'offre")

    def validate_departement(self, field):
        code = normalize(field.data)
        if code is None:
            raise ValidationError("Ce numéro de département n'existe pas (01 à 95, 2A, 2B, "
                                  "971 à 976).")
        field.data = code

    def ad_fields(self) -> dict:
        return {
            "commune": self.commune.data, "departement": self.departement.data,
            "zone": Zone(self.zone.data), "start_date": self.start_date.data,
            "end_date": self.end_date.data, "recurrence": self.recurrence.data or "",
            "care_type": self.care_type.data or "",
            "patients_per_round": self.patients_per_round.data or "",
            "round_hours": RoundHours(self.round_hours.data),
            "vehicle_needed": bool(self.vehicle_needed.data), "software": self.software.data or "",
            "cabinet": Cabinet(self.cabinet.data), "retrocession": self.retrocession.data or "",
            "housing": bool(self.housing.data), "description": self.description.data or "",
        }

    def fill_from(self, offer) -> None:
        for name in ("commune", "departement", "start_date", "end_date", "recurrence",
                     "care_type", "patients_per_round", "vehicle_needed", "software",
                     "retrocession", "housing", "description"):
            getattr(self, name).data = getattr(offer, name)
        self.zone.data = offer.zone.value
        self.round_hours.data = offer.round_hours.value
        self.cabinet.data = offer.cabinet.value


class AvailabilityForm(_DatesMixin, Form):
    start_date = _date("Disponible du")
    end_date = _date("Au")
    departements = _text("Départements", 60, required=(
        "Indiquez au moins un département (celui de votre commune si vous indiquez un rayon)."),
        spellcheck="false")
    commune = _text("Ou autour de la commune", 120, autocomplete="address-level2")
    radius_km = IntegerField("Rayon (km)", validators=[
        Optional(), NumberRange(1, 300, "Un rayon entre 1 et 300 km.")],
        render_kw={"inputmode": "numeric", "min": 1, "max": 300})
    experience = _area("Expérience", 3000)
    software = _text("Logiciels connus", 200, list="logiciels-idel")
    has_authorisation = BooleanField("J'ai une autorisation de remplacement du CDOI")
    authorisation_valid_until = _date("Autorisation valable jusqu'au", required=False)
    submit = SubmitField("Publier ma disponibilité")

    codes: tuple[str, ...] | list[str] = ()

    def validate_departements(self, field):
        try:
            self.codes = parse_departements(field.data)
        except PlaceError as exc:
            raise ValidationError(str(exc)) from None
        if not self.codes:
            raise ValidationError("Indiquez au moins un département.")

    def validate_radius_km(self, field):
        if field.data and not self.commune.data:
            raise ValidationError("Indiquez la commune autour de laquelle compter ce rayon.")

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators=extra_validators)
        # Checked here: Optional() stops the field's own chain when it is empty.
        until = self.authorisation_valid_until
        if self.has_authorisation.data and not until.data and not until.errors:
            until.errors = list(until.errors) + [
                "Indiquez la date de fin de validité de votre autorisation."]
            ok = False
        return ok

    def ad_fields(self) -> dict:
        return {
            "start_date": self.start_date.data, "end_date": self.end_date.data,
            "commune": self.commune.data or "", "radius_km": self.radius_km.data or None,
            "experience": self.experience.data or "", "software": self.software.data or "",
            "has_authorisation": bool(self.has_authorisation.data),
            "authorisation_valid_until": (self.authorisation_valid_until.data
                                          if self.has_authorisation.data else None),
        }

    def fill_from(self, availability) -> None:
        for name in ("start_date", "end_date", "commune", "radius_km", "experience", "software",
                     "has_authorisation", "authorisation_valid_until"):
            getattr(self, name).data = getattr(availability, name)
        self.departements.data = ", ".join(availability.departements)


class FilledForm(Form):
    """Who took the replacement: lets the two-at-once reminder count it (optional)."""

    filled_by = SelectField("Remplaçant·e retenu·e", coerce=int, validate_choice=False)
    submit = SubmitField("Marquer comme pourvue")


_ANY = ("", "Indifférent")


def _member(enum_cls, value):
    try:
        return enum_cls(value) if value else None
    except ValueError:
        return None


class FilterForm(Form):
    """The board's filters: a GET form (no state changes, hence no CSRF token)."""

    class Meta:
        csrf = False

    dep = StringField("Départements", filters=[_strip],
                      render_kw={"placeholder": "ex. 29, 56", "spellcheck": "false"})
    du = DateField("Du", validators=[Optional()])
    au = DateField("Au", validators=[Optional()])
    zone = SelectField("Zone", choices=[_ANY] + [(z.value, z.label) for z in Zone],
                       validators=[Optional()])
    tournee = SelectField("Tournées", choices=[_ANY] + [(h.value, h.label) for h in RoundHours],
                          validators=[Optional()])
    vehicule = SelectField("Véhicule personnel", choices=[_ANY, ("oui", "Nécessaire"),
                                                          ("non", "Non nécessaire")],
                           validators=[Optional()])
    logiciel = StringField("Logiciel", filters=[_strip], render_kw={"list": "logiciels-idel"})

    def filters(self) -> BoardFilters:
        """What the board applies; an invalid part is ignored and reported by `errors`."""
        try:
            departements = parse_departements(self.dep.data)
        except PlaceError as exc:
            self.dep.errors = [str(exc)]
            departements = []
        return BoardFilters(
            departements=departements,
            date_from=self.du.data if not self.du.errors else None,
            date_to=self.au.data if not self.au.errors else None,
            zone=_member(Zone, self.zone.data),
            round_hours=_member(RoundHours, self.tournee.data),
            vehicle={"oui": True, "non": False}.get(self.vehicule.data or ""),
            software=(self.logiciel.data or "")[:60],
        )
