"""Board routes: thin. Rules live in services, reads in queries (visibility applied there)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from forum.board import queries, services
from forum.board.categories import SUGGESTED_TAGS
from forum.board.forms import EditPostForm, ReplyForm, TopicForm
from forum.core import drafts, writing
from forum.core.writing import current_member, page_arg, restore_draft
from forum.forms import ActionForm
from forum.models import PostStatus
from forum.moderation import services as moderation
from forum.text import quote

bp = Blueprint("board", __name__)

POSTING_LIMIT = "10 per minute;60 per hour"
DB_ERROR = ("Un incident technique a empêché l'enregistrement. Votre texte est conservé "
            "ci-dessous : réessayez.")
RESTORED = "Votre texte a été restauré : vérifiez-le puis envoyez-le."
HELD = ("Votre message est en attente de vérification par l'équipe de modération : il sera "
        "visible des autres membres après validation.")
HELD_EDIT = ("Votre modification est en attente de vérification : la version précédente reste "
             "affichée aux autres membres jusqu'à validation.")


posting_limit = writing.posting_limit(POSTING_LIMIT)


def _after_write(item) -> None:
    """Tell the author at once when their text is held, and why (details on the post).

    `item` is the post (or the new topic) carrying the `screening` set by the service.
    """
    screening = getattr(item, "screening", None)
    if screening is not None and screening.hold:
        lead = HELD_EDIT if item.status == PostStatus.published else HELD
        flash(f"{lead} Motif : {' '.join(screening.reasons)}", "warning")
    elif item.status == PostStatus.held:
        flash(HELD, "warning")


def _post_url(post, user) -> str:
    page = queries.page_of_post(user, post)
    return url_for("board.topic", topic_id=post.topic_id, page=page if page > 1 else None,
                   _anchor=f"message-{post.id}")


# --- Reading -------------------------------------------------------------------------

@bp.get("/forum")
@login_required
def home():
    me = current_member()
    return render_template("board/home.html", categories=queries.categories(),
                           latest=queries.latest_topics(me, limit=10))


@bp.get("/forum/<slug>")
@login_required
def category(slug):
    category = queries.category_or_404(slug)
    topics = queries.topics_page(current_member(), page_arg(), category=category)
    return render_template("board/category.html", category=category, topics=topics)


@bp.get("/tag/<name>")
@login_required
def tag(name):
    me = current_member()
    tag = queries.tag_or_404(name, me)
    topics = queries.topics_page(me, page_arg(), tag=tag)
    return render_template("board/tag.html", tag=tag, topics=topics)


@bp.get("/sujet/<int:topic_id>")
@login_required
def topic(topic_id):
    me = current_member()
    topic = queries.visible_topic_or_404(me, topic_id)
    posts = queries.posts_page(me, topic, page_arg())
    form = ReplyForm()
    # A reply kept when the session expired is given back here too (same text, same form).
    if drafts.restore(form, url_for("board.reply", topic_id=topic.id)):
        flash(RESTORED, "info")
    return render_template("board/topic.html", topic=topic, posts=posts, form=form,
                           holds=moderation.held_infos(me, posts.items),
                           action_form=ActionForm(formdata=None))


@bp.get("/message/<int:post_id>/historique")
@login_required
def post_history(post_id):
    me = current_member()
    post = queries.visible_post_or_404(me, post_id)
    if post.author_id != me.id and not me.is_moderator:
        abort(403)
    revisions = queries.revisions_page(post, page_arg())
    return render_template("board/history.html", post=post, topic=post.topic,
                           revisions=revisions)


# --- Writing -------------------------------------------------------------------------

@bp.route("/forum/<slug>/nouveau", methods=["GET", "POST"])
@login_required
@posting_limit
def new_topic(slug):
    category = queries.category_or_404(slug)
    form = TopicForm()

    def page(status=200, error=None):
        return render_template("board/new_topic.html", category=category, form=form,
                               suggested_tags=SUGGESTED_TAGS, error=error), status

    if request.method == "GET":
        restore_draft(form, message=RESTORED)
        return page()
    if not form.validate():
        return page(422)
    topic = writing.save(lambda: services.submit_topic(
        current_member(), category, form.title.data, form.body.data, form.tag_names))
    if topic is None:
        return page(503, DB_ERROR)
    _after_write(topic)
    return redirect(url_for("board.topic", topic_id=topic.id))


@bp.route("/sujet/<int:topic_id>/repondre", methods=["GET", "POST"])
@login_required
@posting_limit
def reply(topic_id):
    me = current_member()
    topic = queries.visible_topic_or_404(me, topic_id)
    form = ReplyForm()

    def page(status=200, error=None):
        return render_template("board/reply.html", topic=topic, form=form, error=error), status

    if request.method == "GET":
        if not restore_draft(form, message=RESTORED):
            quoted = queries.visible_post_in_topic(me, topic, request.args.get("citer", type=int))
            if quoted is not None:
                form.body.data = quote(quoted.author.display_name, quoted.body_source)
        return page()
    if not form.validate():
        return page(422)
    post = writing.save(lambda: services.submit_reply(me, topic, form.body.data))
    if post is None:
        return page(503, DB_ERROR)
    _after_write(post)
    return redirect(_post_url(post, me))


@bp.route("/message/<int:post_id>/modifier", methods=["GET", "POST"])
@login_required
@posting_limit
def edit_post(post_id):
    me = current_member()
    post = queries.visible_post_or_404(me, post_id)
    if post.author_id != me.id:
        abort(403)
    topic = post.topic
    form = EditPostForm()
    if not post.is_first:
        del form.title
        del form.tags

    def page(status=200, error=None):
        return render_template("board/edit_post.html", post=post, topic=topic, form=form,
                               suggested_tags=SUGGESTED_TAGS, error=error), status

    if request.method == "GET":
        if not restore_draft(form, message=RESTORED):
            pending = moderation.author_hold(post)
            edit = pending if pending is not None and pending.is_edit else None
            # A held edit is given back for correction; the published version stays online.
            form.body.data = edit.body if edit else post.body_source
            if post.is_first:
                form.title.data = (edit.title if edit else None) or topic.title
                form.tags.data = ", ".join(t.name for t in topic.tags)
        return page()
    if not form.validate():
        return page(422)
    was_held = post.status == PostStatus.held
    if post.is_first:
        action = lambda: services.edit_post(
            me, post, form.body.data, title=form.title.data, tags=form.tag_names)
    else:
        action = lambda: services.edit_post(me, post, form.body.data)
    saved = writing.save(action)
    if saved is None:
        return page(503, DB_ERROR)
    screening = getattr(saved, "screening", None)
    if screening is None:
        flash("Aucune modification à enregistrer.", "info")
    elif screening.hold:
        _after_write(saved)
    elif was_held:
        flash("Votre message a été modifié et publié.", "success")
    else:
        flash("Votre message a été modifié.", "success")
    return redirect(_post_url(saved, me))
