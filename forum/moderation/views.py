"""Moderation routes, thin: the rules are in services.py (authors) and queue.py (moderators).

Every /moderation page is for moderators only, except the "check as you type" endpoint
used by posting forms. The author's actions on a held post (anonymise, withdraw) and the
members' reports live under /message/… in this same blueprint.
"""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from flask_wtf.csrf import CSRFError, validate_csrf
from markupsafe import Markup, escape
from sqlalchemy.exc import SQLAlchemyError
from wtforms.validators import ValidationError

from forum.accounts.decorators import moderator_required
from forum.board import queries as board_queries
from forum.core import writing
from forum.core.writing import current_member, page_arg
from forum.extensions import db, limiter
from forum.forms import ActionForm
from forum.models import PostStatus, ReviewStatus, WatchedAction, WatchedWord
from forum.moderation import queue, services
from forum.moderation.forms import (
    EditApproveForm,
    RejectForm,
    ReportForm,
    SuspendForm,
    WatchedWordForm,
)

bp = Blueprint("moderation", __name__)

MAX_CHECK_LENGTH = 20_000
DB_ERROR = ("Un incident technique a empêché l'enregistrement. Rien n'est perdu : "
            "réessayez.")


@bp.app_template_global()
def highlight(pieces) -> Markup:
    """Render (text, finding) pieces: findings become <mark> with their French reason."""
    out = []
    for text, finding in pieces:
        if finding is None:
            out.append(escape(text))
        else:
            out.append(Markup('<mark title="{}" data-kind="{}">{}</mark>').format(
                finding.reason, finding.kind, text))
    return Markup("").join(out)


# --- Check as you type -----------------------------------------------------------------

@bp.post("/moderation/verifier")
@limiter.limit("60 per minute", key_func=lambda: str(current_user.get_id()))
def check_text():
    """Return what in a draft would cause a privacy hold, with the anonymised proposal."""
    try:
        validate_csrf(request.headers.get("X-CSRFToken"))
    except (ValidationError, CSRFError):
        abort(400)
    payload = request.get_json(silent=True) or {}
    text = str(payload.get("text", ""))[:MAX_CHECK_LENGTH]
    findings, redacted = services.check_privacy(text)
    return jsonify(hold=bool(findings), findings=[f.as_dict() for f in findings],
                   redacted=redacted)


@bp.get("/moderation/compteur")
@moderator_required
def review_count():
    """The number of items waiting, polled by the navigation bar of moderators."""
    return jsonify(pending=services.pending_review_count())


# --- The author's side of a hold -------------------------------------------------------

def _own_post(post_id: int):
    post = board_queries.visible_post_or_404(current_member(), post_id)
    if post.author_id != current_user.id:
        abort(403)
    return post


def _post_url(post):
    if post.status in (PostStatus.published, PostStatus.held):
        page = board_queries.page_of_post(current_member(), post)
        return url_for("board.topic", topic_id=post.topic_id, page=page if page > 1 else None,
                       _anchor=f"message-{post.id}")
    return url_for("board.category", slug=post.topic.category.slug)


@bp.post("/message/<int:post_id>/anonymiser")
@login_required
def anonymise(post_id):
    post = _own_post(post_id)
    if not ActionForm().validate():
        flash("Votre session a expiré : rechargez la page puis recommencez.", "warning")
        return redirect(_post_url(post))
    try:
        saved = services.anonymise(post, current_member())
    except services.NothingToDo:
        flash("Ce message n'a plus rien à anonymiser.", "info")
        return redirect(_post_url(post))
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("Anonymise failed")
        flash(DB_ERROR, "error")
        return redirect(_post_url(post))
    screening = getattr(saved, "screening", None)
    if screening is not None and not screening.hold:
        flash("Votre message a été anonymisé et publié.", "success")
    else:
        flash("Votre message a été anonymisé mais reste en attente de vérification : "
              + " ".join(screening.reasons if screening else ()), "warning")
    return redirect(_post_url(saved))


@bp.post("/message/<int:post_id>/retirer")
@login_required
def withdraw(post_id):
    post = _own_post(post_id)
    if not ActionForm().validate():
        flash("Votre session a expiré : rechargez la page puis recommencez.", "warning")
        return redirect(_post_url(post))
    topic_url = url_for("board.topic", topic_id=post.topic_id)
    was_first = post.is_first
    try:
        what = services.withdraw(post, current_member())
    except services.NothingToDo:
        flash("Ce message n'est plus en attente.", "info")
        return redirect(_post_url(post))
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("Withdraw failed")
        flash(DB_ERROR, "error")
        return redirect(_post_url(post))
    if what == "edit":
        flash("Votre modification en attente a été retirée ; la version publiée reste en ligne.",
              "success")
        return redirect(_post_url(post))
    flash("Votre message a été retiré. Son texte vous est rendu une fois dans vos "
          "notifications.", "success")
    if was_first:
        return redirect(url_for("notifications.index"))
    return redirect(topic_url)


@bp.route("/message/<int:post_id>/signaler", methods=["GET", "POST"])
@login_required
def report(post_id):
    me = current_member()
    post = board_queries.visible_post_or_404(me, post_id)
    if post.author_id == me.id:
        abort(403)
    form = ReportForm()

    def page(status=200, error=None):
        return render_template("moderation/report.html", post=post, topic=post.topic,
                               form=form, error=error), status

    if request.method == "GET" or not form.validate():
        return page(200 if request.method == "GET" else 422)
    try:
        queue.report_post(post, me, form.reason_enum, form.comment.data or "")
    except queue.AlreadyReported:
        flash("Vous avez déjà signalé ce message : l'équipe de modération l'examine.", "info")
        return redirect(_post_url(post))
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("Report failed")
        return page(503, DB_ERROR)
    flash("Merci : votre signalement a été transmis à l'équipe de modération. "
          "L'auteur·e du message ne saura pas qui l'a signalé.", "success")
    return redirect(_post_url(post))


# --- The review queue --------------------------------------------------------------------

@bp.get("/moderation/", endpoint="queue")
@moderator_required
def queue_view():
    pagination, items = queue.queue_page(page_arg())
    return render_template("moderation/queue.html", page=pagination, items=items)


def _item_or_404(review_id: int) -> queue.QueueItem:
    item = queue.get_item(review_id)
    if item is None:
        abort(404)
    return item


def _item_page(item, *, status=200, edit_form=None, reject_form=None, suspend_form=None,
               error=None):
    if edit_form is None:
        edit_form = EditApproveForm(formdata=None)
        edit_form.body.data = item.body
        edit_form.title.data = item.title
    return render_template(
        "moderation/item.html", item=item, review=item.review,
        reports=queue.reports_for(item.review), history=queue.history_for(item.review),
        action_form=ActionForm(formdata=None), edit_form=edit_form,
        reject_form=reject_form or RejectForm(formdata=None),
        suspend_form=suspend_form or SuspendForm(formdata=None), error=error,
        labels=queue.ACTION_LABELS,
    ), status


@bp.get("/moderation/<int:review_id>")
@moderator_required
def item(review_id):
    return _item_page(_item_or_404(review_id))


def _decided(message):
    flash(message, "success")
    return redirect(url_for("moderation.queue"))


def _refused(review_id, exc):
    flash(str(exc), "error")
    return redirect(url_for("moderation.item", review_id=review_id))


def _csrf_expired(review_id):
    flash("Votre session a expiré : rechargez la page puis recommencez.", "warning")
    return redirect(url_for("moderation.item", review_id=review_id))


@bp.post("/moderation/<int:review_id>/prendre")
@moderator_required
def claim(review_id):
    if not ActionForm().validate():
        return _csrf_expired(review_id)
    try:
        if writing.save(lambda: queue.claim(review_id, current_member()), failed=False) is False:
            flash(DB_ERROR, "error")
        else:
            flash("Vous avez pris en charge cet élément.", "success")
    except queue.Conflict as exc:
        flash(str(exc), "error")
    return redirect(url_for("moderation.item", review_id=review_id))


@bp.post("/moderation/<int:review_id>/liberer")
@moderator_required
def release(review_id):
    if not ActionForm().validate():
        return _csrf_expired(review_id)
    try:
        queue.release(review_id, current_member())
        flash("L'élément est rendu à la file.", "success")
    except queue.Conflict as exc:
        flash(str(exc), "error")
    return redirect(url_for("moderation.item", review_id=review_id))


@bp.post("/moderation/<int:review_id>/valider")
@moderator_required
def approve(review_id):
    if not ActionForm().validate():
        return _csrf_expired(review_id)
    try:
        if writing.save(lambda: queue.approve(review_id, current_member()), failed=False) is False:
            flash(DB_ERROR, "error")
            return redirect(url_for("moderation.item", review_id=review_id))
    except queue.Conflict as exc:
        return _refused(review_id, exc)
    return _decided("Élément validé ; son auteur·e est prévenu·e.")


def _decide_with_form(review_id, slot: str, form, decide, message: str):
    """Validate a decision form and apply `decide`; on invalid input, a conflict with
    another moderator or a database error, show the item again with the form as typed."""
    item = _item_or_404(review_id)
    if not form.validate():
        return _item_page(item, status=422, **{slot: form})
    try:
        done = writing.save(decide, failed=False)
    except queue.Conflict as exc:
        return _item_page(_item_or_404(review_id), status=409, error=str(exc), **{slot: form})
    if done is False:
        return _item_page(_item_or_404(review_id), status=503, error=DB_ERROR, **{slot: form})
    return _decided(message)


@bp.post("/moderation/<int:review_id>/modifier-valider")
@moderator_required
def edit_approve(review_id):
    form = EditApproveForm()
    return _decide_with_form(
        review_id, "edit_form", form,
        lambda: queue.approve(review_id, current_member(), body=form.body.data,
                              title=form.title.data or None),
        "Texte corrigé et validé ; son auteur·e est prévenu·e.")


@bp.post("/moderation/<int:review_id>/refuser")
@moderator_required
def reject(review_id):
    form = RejectForm()
    return _decide_with_form(
        review_id, "reject_form", form,
        lambda: queue.reject(review_id, current_member(), form.reason_enum, form.note.data or ""),
        "Élément refusé : le texte a été effacé et rendu à son auteur·e.")


@bp.post("/moderation/<int:review_id>/suspendre")
@moderator_required
def suspend(review_id):
    item = _item_or_404(review_id)
    form = SuspendForm()
    if not form.validate():
        return _item_page(item, status=422, suspend_form=form)
    try:
        done = writing.save(lambda: queue.suspend(item.review.author, current_member(),
                                                  form.until.data, form.reason.data,
                                                  review=item.review), failed=False)
    except queue.SuspensionError as exc:
        form.until.errors = [*form.until.errors, str(exc)]
        return _item_page(item, status=422, suspend_form=form)
    if done is False:
        return _item_page(item, status=503, suspend_form=form, error=DB_ERROR)
    flash(f"{item.review.author.display_name} est suspendu·e jusqu'au "
          f"{form.until.data:%d/%m/%Y}.", "success")
    return redirect(url_for("moderation.item", review_id=review_id))


# --- Watched words -------------------------------------------------------------------

@bp.route("/moderation/mots-surveilles", methods=["GET", "POST"])
@moderator_required
def watched_words():
    form = WatchedWordForm()
    result = None
    status = 200

    def page(status=200, error=None):
        return render_template("moderation/watched_words.html", form=form, result=result,
                               words=queue.watched_page(page_arg()), delete_form=ActionForm(formdata=None),
                               error=error), status

    if request.method == "GET" or not form.validate():
        return page(200 if request.method == "GET" else 422)
    try:
        result = queue.try_pattern(form.pattern.data, form.is_regex.data, form.sample.data or "")
    except queue.PatternError as exc:
        form.pattern.errors = [*form.pattern.errors, str(exc)]
        return page(422)
    if form.test.data:
        return page(200)
    if result.ordinary_hits and not form.confirm.data:
        status = 422
        form.confirm.errors = [
            "Ce terme apparaît dans des messages ordinaires (voir ci-dessous) : cochez la case "
            "pour l'enregistrer quand même."]
        return page(status)
    action = WatchedAction(form.action.data)
    if writing.save(lambda: queue.add_watched(form.pattern.data, form.is_regex.data, action,
                                              current_member()), failed=False) is False:
        return page(503, DB_ERROR)
    flash(f"Terme surveillé « {form.pattern.data} » enregistré.", "success")
    return redirect(url_for("moderation.watched_words"))


@bp.post("/moderation/mots-surveilles/<int:word_id>/supprimer")
@moderator_required
def delete_watched(word_id):
    word = db.session.get(WatchedWord, word_id)
    if word is None:
        abort(404)
    if not ActionForm().validate():
        flash("Votre session a expiré : rechargez la page puis recommencez.", "warning")
    elif writing.save(lambda: queue.delete_watched(word, current_member()), failed=False) is False:
        flash(DB_ERROR, "error")
    else:
        flash("Terme supprimé.", "success")
    return redirect(url_for("moderation.watched_words"))


# --- Audit log -----------------------------------------------------------------------

@bp.get("/moderation/journal")
@moderator_required
def journal():
    return render_template("moderation/journal.html", page=queue.audit_page(page_arg()),
                           labels=queue.ACTION_LABELS, statuses=ReviewStatus)
