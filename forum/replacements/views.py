"""Replacement board routes: thin. Rules live in services, reads in queries."""
from __future__ import annotations

from datetime import date

import click
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from forum.core import writing
from forum.core.writing import current_member, restore_draft
from forum.forms import ActionForm
from forum.models import AdStatus, PostStatus
from forum.replacements import queries, review, services
from forum.replacements.forms import SOFTWARE, AvailabilityForm, FilledForm, FilterForm, OfferForm

review.register()

# cli_group=None: the command is `flask expire-ads`, not `flask replacements expire-ads`.
bp = Blueprint("replacements", __name__, url_prefix="/remplacements", cli_group=None)

POSTING_LIMIT = "10 per minute;40 per hour"
DB_ERROR = ("Un incident technique a empêché l'enregistrement. Votre saisie est conservée "
            "ci-dessous : réessayez.")
RESTORED = "Votre saisie a été restaurée : vérifiez-la puis envoyez-la."
HELD = ("Votre annonce est en attente de vérification par l'équipe de modération : elle sera "
        "visible des autres membres après validation.")


posting_limit = writing.posting_limit(POSTING_LIMIT)


def _announce(ad, published: str) -> None:
    """Tell the author at once whether the new ad is published or waits for review."""
    if ad.moderation == PostStatus.held:
        flash(HELD, "warning")
    else:
        flash(published, "success")


def _owned(ad):
    """Only the author changes an ad (moderators act through the review queue)."""
    if ad.author_id != current_user.id:
        abort(403)
    return ad


@bp.app_template_filter("starts_in")
def starts_in(start: date, end: date | None = None) -> str:
    """"dans 12 jours", "demain", "aujourd'hui", "en cours"."""
    days = (start - date.today()).days
    if days > 1:
        return f"dans {days} jours"
    if days == 1:
        return "demain"
    if days == 0:
        return "aujourd'hui"
    if end is not None and end < date.today():
        return "terminé"
    return "en cours"


# --- The board -----------------------------------------------------------------------

@bp.get("")
@login_required
def board():
    me = current_member()
    view = "disponibilites" if request.args.get("vue") == "disponibilites" else "offres"
    form = FilterForm(formdata=request.args)
    form.validate()
    filters = form.filters()
    page = request.args.get("page", 1, type=int)
    if view == "offres":
        ads = queries.offers_page(me, filters, page)
    else:
        ads = queries.availabilities_page(me, filters, page)
    args = {k: v for k, v in request.args.items() if k not in ("page", "vue") and v}
    return render_template("replacements/board.html", view=view, ads=ads, form=form,
                           filters=filters, args=args, software=SOFTWARE,
                           today=date.today())


@bp.get("/mes-annonces")
@login_required
def mine():
    offers, availabilities = queries.my_ads(current_member())
    return render_template("replacements/mine.html", offers=offers,
                           availabilities=availabilities, today=date.today())


# --- Offers --------------------------------------------------------------------------

@bp.route("/offres/nouvelle", methods=["GET", "POST"])
@login_required
@posting_limit
def new_offer():
    form = OfferForm()

    def page(status=200, error=None):
        return render_template("replacements/offer_form.html", form=form, offer=None,
                               software=SOFTWARE, error=error), status

    if request.method == "GET":
        if not restore_draft(form, message=RESTORED) and current_user.commune:
            form.commune.data = current_user.commune
            form.departement.data = current_user.departement
            form.software.data = current_user.software
        return page()
    if not form.validate():
        return page(422)
    offer = writing.save(lambda: services.submit_offer(current_member(), **form.ad_fields()))
    if offer is None:
        return page(503, DB_ERROR)
    _announce(offer, "Votre offre est publiée.")
    return redirect(url_for("replacements.offer", offer_id=offer.id))


@bp.get("/offres/<int:offer_id>")
@login_required
def offer(offer_id):
    me = current_member()
    offer = queries.offer_or_404(me, offer_id)
    today = date.today()
    mine = offer.author_id == me.id
    context = {"offer": offer, "mine": mine, "today": today,
               "status": offer.current_status(today), "action_form": ActionForm()}
    if mine:
        context["matches"] = (queries.matching_availabilities(offer)
                              if offer.moderation == PostStatus.published else [])
        filled_form = FilledForm()
        contacts = queries.offer_contacts(offer)
        filled_form.filled_by.choices = [(0, "Hors du forum / je préfère ne pas préciser")] + [
            (u.id, u.display_name) for u in contacts]
        context["filled_form"] = filled_form
    else:
        context["concurrent"] = queries.concurrent_replacements(me, offer)
    return render_template("replacements/offer.html", **context)


@bp.route("/offres/<int:offer_id>/modifier", methods=["GET", "POST"])
@login_required
@posting_limit
def edit_offer(offer_id):
    me = current_member()
    offer = _owned(queries.offer_or_404(me, offer_id))
    if offer.status in (AdStatus.withdrawn,):
        abort(404)
    form = OfferForm()
    form.submit.label.text = "Enregistrer les modifications"

    def page(status=200, error=None):
        return render_template("replacements/offer_form.html", form=form, offer=offer,
                               software=SOFTWARE, error=error), status

    if request.method == "GET":
        if not restore_draft(form, message=RESTORED):
            form.fill_from(offer)
        return page()
    if not form.validate():
        return page(422)
    saved = writing.save(lambda: services.update_offer(me, offer, **form.ad_fields()))
    if saved is None:
        return page(503, DB_ERROR)
    flash(HELD if saved.moderation == PostStatus.held else "Votre offre est modifiée.",
          "warning" if saved.moderation == PostStatus.held else "success")
    return redirect(url_for("replacements.offer", offer_id=offer.id))


@bp.post("/offres/<int:offer_id>/pourvue")
@login_required
def fill_offer(offer_id):
    offer = _owned(queries.offer_or_404(current_member(), offer_id))
    form = FilledForm()
    contact_ids = {u.id for u in queries.offer_contacts(offer)}
    form.filled_by.choices = [(0, "")] + [(i, "") for i in contact_ids]
    if not form.validate():
        flash(form.csrf_token.errors[0] if form.csrf_failed else "Choix invalide.", "warning")
        return redirect(url_for("replacements.offer", offer_id=offer.id))
    filled_by = form.filled_by.data if form.filled_by.data in contact_ids else None
    if writing.save(lambda: services.mark_filled(offer, filled_by)) is None:
        flash(DB_ERROR, "error")
    else:
        flash("L'offre est marquée comme pourvue : elle ne figure plus parmi les offres "
              "ouvertes.", "success")
    return redirect(url_for("replacements.offer", offer_id=offer.id))


def _status_action(ad, action, done: str, target: str):
    form = ActionForm()
    if not form.validate():
        flash(form.csrf_token.errors[0] if form.csrf_failed else "Action impossible.", "warning")
    elif writing.save(lambda: action(ad) or True) is None:
        flash(DB_ERROR, "error")
    else:
        flash(done, "success")
    return redirect(target)


@bp.post("/offres/<int:offer_id>/retirer")
@login_required
def withdraw_offer(offer_id):
    offer = _owned(queries.offer_or_404(current_member(), offer_id))
    return _status_action(offer, services.withdraw, "Votre offre est retirée.",
                          url_for("replacements.mine"))


@bp.post("/offres/<int:offer_id>/rouvrir")
@login_required
def reopen_offer(offer_id):
    offer = _owned(queries.offer_or_404(current_member(), offer_id))
    return _status_action(offer, services.reopen, "Votre offre est de nouveau ouverte.",
                          url_for("replacements.offer", offer_id=offer.id))


# --- Availabilities ------------------------------------------------------------------

@bp.route("/disponibilites/nouvelle", methods=["GET", "POST"])
@login_required
@posting_limit
def new_availability():
    form = AvailabilityForm()

    def page(status=200, error=None):
        return render_template("replacements/availability_form.html", form=form,
                               availability=None, software=SOFTWARE, error=error), status

    if request.method == "GET":
        if not restore_draft(form, message=RESTORED) and current_user.departement:
            form.departements.data = current_user.departement
            form.software.data = current_user.software
        return page()
    if not form.validate():
        return page(422)
    availability = writing.save(lambda: services.submit_availability(
        current_member(), form.codes, **form.ad_fields()))
    if availability is None:
        return page(503, DB_ERROR)
    _announce(availability, "Votre disponibilité est publiée.")
    return redirect(url_for("replacements.availability", availability_id=availability.id))


@bp.get("/disponibilites/<int:availability_id>")
@login_required
def availability(availability_id):
    me = current_member()
    availability = queries.availability_or_404(me, availability_id)
    today = date.today()
    mine = availability.author_id == me.id
    matches = (queries.matching_offers(availability)
               if mine and availability.moderation == PostStatus.published else [])
    return render_template("replacements/availability.html", availability=availability,
                           mine=mine, matches=matches, today=today,
                           status=availability.current_status(today), action_form=ActionForm())


@bp.route("/disponibilites/<int:availability_id>/modifier", methods=["GET", "POST"])
@login_required
@posting_limit
def edit_availability(availability_id):
    me = current_member()
    availability = _owned(queries.availability_or_404(me, availability_id))
    if availability.status == AdStatus.withdrawn:
        abort(404)
    form = AvailabilityForm()
    form.submit.label.text = "Enregistrer les modifications"

    def page(status=200, error=None):
        return render_template("replacements/availability_form.html", form=form,
                               availability=availability, software=SOFTWARE,
                               error=error), status

    if request.method == "GET":
        if not restore_draft(form, message=RESTORED):
            form.fill_from(availability)
        return page()
    if not form.validate():
        return page(422)
    saved = writing.save(lambda: services.update_availability(me, availability, form.codes,
                                                       **form.ad_fields()))
    if saved is None:
        return page(503, DB_ERROR)
    held = saved.moderation == PostStatus.held
    flash(HELD if held else "Votre disponibilité est modifiée.", "warning" if held else "success")
    return redirect(url_for("replacements.availability", availability_id=availability.id))


@bp.post("/disponibilites/<int:availability_id>/retirer")
@login_required
def withdraw_availability(availability_id):
    availability = _owned(queries.availability_or_404(current_member(), availability_id))
    return _status_action(availability, services.withdraw, "Votre disponibilité est retirée.",
                          url_for("replacements.mine"))


# --- CLI -----------------------------------------------------------------------------

@bp.cli.command("expire-ads")
def expire_ads_command():
    """Mark open offers and availabilities past their end date as expired."""
    offers, availabilities = services.expire_ads()
    click.echo(f"{offers} offre(s) et {availabilities} disponibilité(s) expirée(s).")
