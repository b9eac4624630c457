"""Private message routes: thin. Only participants read; blocked members cannot write."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import SQLAlchemyError

from forum.core import drafts, writing
from forum.core.writing import current_member
from forum.extensions import db
from forum.forms import ActionForm
from forum.messages import queries, review, services
from forum.messages.forms import MessageForm
from forum.models import PostStatus

review.register()

bp = Blueprint("messages", __name__, url_prefix="/messages")

POSTING_LIMIT = "20 per minute;120 per hour"
DB_ERROR = ("Un incident technique a empêché l'envoi. Votre message est conservé ci-dessous : "
            "réessayez.")
RESTORED = "Votre message a été restauré : vérifiez-le puis envoyez-le."
HELD = ("Votre message est en attente de vérification par l'équipe de modération : il sera "
        "transmis après validation.")
BLOCKED_BY_THEM = "Ce membre ne reçoit pas vos messages."
BLOCKED_BY_ME = "Vous avez bloqué ce membre : débloquez-le pour lui écrire."


posting_limit = writing.posting_limit(POSTING_LIMIT)


@bp.app_context_processor
def unread_messages():
    """The navigation bar's unread count: one query per page."""
    if not (current_user.is_authenticated and current_user.email_verified):
        return {}
    return {"unread_messages": queries.unread_total(current_user)}


def _send(form, recipient, **context):
    """Send, or return (status, error) for the caller to re-render with the text kept."""
    try:
        message = services.send_message(current_member(), recipient, form.body.data, **context)
    except services.Blocked:
        return None, (403, BLOCKED_BY_THEM)
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("Message write failed")
        return None, (503, DB_ERROR)
    if message.status == PostStatus.held:
        flash(HELD, "warning")
    return message, None


def _ad_context(recipient):
    """The offer or availability a "Contacter" link came from, if it is the recipient's."""
    from forum.replacements import queries as ads

    me = current_member()
    offer_id = request.args.get("offre", type=int) or request.form.get("offre", type=int)
    availability_id = (request.args.get("disponibilite", type=int)
                       or request.form.get("disponibilite", type=int))
    offer = availability = None
    if offer_id:
        offer = ads.offer_or_404(me, offer_id)
        if offer.author_id != recipient.id:
            offer = None
    if availability_id:
        availability = ads.availability_or_404(me, availability_id)
        if availability.author_id != recipient.id:
            availability = None
    return offer, availability


# --- Reading -------------------------------------------------------------------------

@bp.get("")
@login_required
def inbox():
    page, others = queries.inbox_page(current_member(), request.args.get("page", 1, type=int))
    return render_template("messages/inbox.html", page=page, others=others)


@bp.get("/<int:conversation_id>")
@login_required
def conversation(conversation_id):
    me = current_member()
    participant = queries.participation_or_404(me, conversation_id)
    other = queries.other_member(conversation_id, me)
    page = queries.messages_page(me, conversation_id, request.args.get("page", 1, type=int))
    form = MessageForm()
    if drafts.restore(form, url_for("messages.reply", conversation_id=conversation_id)):
        flash(RESTORED, "info")
    blocked_by_me, blocks_me = queries.block_state(me, other) if other else (False, False)
    html = render_template("messages/conversation.html", participant=participant, other=other,
                           page=page, form=form, blocked_by_me=blocked_by_me,
                           blocks_me=blocks_me, action_form=ActionForm())
    services.mark_read(participant)
    return html


@bp.get("/verification/<int:message_id>")
@login_required
def held_message(message_id):
    """For moderators: one held message, to decide on it from the review queue."""
    if not current_user.is_moderator:
        abort(404)
    message = queries.held_message_or_404(message_id)
    return render_template("messages/held_message.html", message=message)


# --- Writing -------------------------------------------------------------------------

@bp.post("/<int:conversation_id>")
@login_required
@posting_limit
def reply(conversation_id):
    me = current_member()
    participant = queries.participation_or_404(me, conversation_id)
    other = queries.other_member(conversation_id, me)
    if other is None:
        abort(404)
    form = MessageForm()

    def page(status, error=None):
        blocked_by_me, blocks_me = queries.block_state(me, other)
        messages = queries.messages_page(me, conversation_id, 1)
        return render_template("messages/conversation.html", participant=participant,
                               other=other, page=messages, form=form, error=error,
                               blocked_by_me=blocked_by_me, blocks_me=blocks_me,
                               action_form=ActionForm()), status

    if not form.validate():
        return page(422)
    message, failure = _send(form, other)
    if failure:
        return page(*failure)
    return redirect(url_for("messages.conversation", conversation_id=conversation_id,
                            _anchor=f"mp-{message.id}"))


@bp.route("/nouveau/<int:user_id>", methods=["GET", "POST"])
@login_required
@posting_limit
def compose(user_id):
    me = current_member()
    recipient = services.recipient_or_none(user_id)
    if recipient is None:
        abort(404)
    if recipient.id == me.id:
        flash("Vous ne pouvez pas vous écrire à vous-même.", "info")
        return redirect(url_for("messages.inbox"))
    offer, availability = _ad_context(recipient)
    blocked_by_me, blocks_me = queries.block_state(me, recipient)
    existing = queries.conversation_between(me, recipient)
    concurrent = 0
    if offer is not None:
        from forum.replacements.queries import concurrent_replacements

        concurrent = concurrent_replacements(me, offer)
    form = MessageForm()

    def page(status=200, error=None):
        return render_template("messages/compose.html", recipient=recipient, form=form,
                               offer=offer, availability=availability, error=error,
                               blocked_by_me=blocked_by_me, blocks_me=blocks_me,
                               existing=existing, concurrent=concurrent,
                               action_form=ActionForm()), status

    if blocks_me or blocked_by_me:
        if request.method == "POST":
            drafts.keep(request)
        return page(403)
    if request.method == "GET":
        if not drafts.restore(form, request.path):
            if offer is not None:
                form.body.data = ("Bonjour, je vous écris au sujet de votre offre de remplacement "
                                  f"à {offer.commune} ({offer.departement}). ")
            elif availability is not None:
                form.body.data = ("Bonjour, je vous écris au sujet de votre disponibilité pour "
                                  "un remplacement. ")
        else:
            flash(RESTORED, "info")
        return page()
    if not form.validate():
        return page(422)
    message, failure = _send(form, recipient, offer_id=offer.id if offer else None,
                             availability_id=availability.id if availability else None)
    if failure:
        return page(*failure)
    if message.status == PostStatus.published:
        flash(f"Votre message a été envoyé à {recipient.display_name}.", "success")
    return redirect(url_for("messages.conversation", conversation_id=message.conversation_id,
                            _anchor=f"mp-{message.id}"))


# --- Blocks --------------------------------------------------------------------------

def _block_action(user_id: int, action, done: str):
    me = current_member()
    other = services.recipient_or_none(user_id)
    if other is None or other.id == me.id:
        abort(404)
    form = ActionForm()
    if not form.validate():
        flash(form.csrf_token.errors[0] if form.csrf_failed else "Action impossible.", "warning")
    else:
        try:
            action(me, other)
            flash(done.format(name=other.display_name), "success")
        except SQLAlchemyError:
            db.session.rollback()
            flash("Un incident technique a empêché l'opération : réessayez.", "error")
    target = request.form.get("next") or ""
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("messages.blocked")
    return redirect(target)


@bp.post("/bloquer/<int:user_id>")
@login_required
def block(user_id):
    return _block_action(user_id, services.block,
                         "{name} est bloqué·e : ce membre ne peut plus vous écrire.")


@bp.post("/debloquer/<int:user_id>")
@login_required
def unblock(user_id):
    return _block_action(user_id, services.unblock, "{name} peut de nouveau vous écrire.")


@bp.get("/bloques")
@login_required
def blocked():
    return render_template("messages/blocked.html", members=queries.blocked_members(current_member()),
                           action_form=ActionForm())
