"""The moderators' side: the review queue, its actions, reports, watched words, audit log.

Every decision goes through one conditional UPDATE of the review (still pending, and not
claimed by someone else), so that two moderators acting at once cannot both win: the
second is told who acted. Post status changes go through board.services.set_status.
Services commit; views stay thin.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Callable

from flask import url_for
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import joinedload, selectinload

from forum.extensions import db
from forum.models import (
    AuditEntry, Post, PostRevision, PostStatus, RejectReason, Report, Review, ReviewKind,
    ReviewStatus, Topic, User, WatchedAction, WatchedWord,
)
from forum.models.base import utcnow
from forum.moderation.services import (
    AUTHOR_KINDS, HOLD_KINDS, POST, FindingView, audit, compile_watched,
    pending_reviews, purge_post, segments,
)
from forum.text import render

PER_PAGE = 20
AUDIT_PER_PAGE = 50
WATCHED_PER_PAGE = 50

ACTION_LABELS = {
    "claim": "Prise en charge",
    "approve": "Validation",
    "edit_approve": "Modification puis validation",
    "reject": "Refus",
    "suspend": "Suspension d'un membre",
    "author_fixed": "Corrigé par l'auteur (publié automatiquement)",
    "author_withdrew": "Retiré par l'auteur",
    "author_withdrew_edit": "Modification retirée par l'auteur",
    "closed": "Clôture",
    "watched_add": "Ajout d'un terme surveillé",
    "watched_delete": "Suppression d'un terme surveillé",
}


class Conflict(Exception):
    """Another moderator acted first; the message says who, in French."""


# --- Targets: posts, and whatever other capabilities register --------------------------

@dataclass
class TargetType:
    """How the queue loads, describes and decides on one kind of target.

    `load(ids)` returns {id: object} in one statement; `approve(review, obj, moderator,
    body, title)` and `reject(review, obj, moderator)` apply the decision (reject returns
    the text to give back to the author once, or None). For types other than posts the
    approve callback tells the author itself; on reject the queue tells them (with the
    text returned). Without callbacks the queue only records the decision.
    """

    label: str
    load: Callable[[list[int]], dict[int, Any]]
    describe: Callable[[Any], str]
    url: Callable[[Any], str | None] = lambda obj: None
    approve: Callable | None = None
    reject: Callable | None = None


TARGET_TYPES: dict[str, TargetType] = {}


def register_target_type(name: str, target: TargetType) -> None:
    """Let another capability (replacement ads, messages) plug its content into the queue."""
    TARGET_TYPES[name] = target


def _load_posts(ids: list[int]) -> dict[int, Post]:
    stmt = (select(Post).where(Post.id.in_(ids))
            .options(joinedload(Post.topic).joinedload(Topic.category)))
    return {p.id: p for p in db.session.scalars(stmt)}


def _describe_post(post: Post) -> str:
    kind = "Sujet" if post.is_first else "Réponse"
    return f"{kind} dans « {post.topic.category.name} » : {post.topic.title}"


def _post_url(post: Post) -> str | None:
    if post.status not in (PostStatus.published, PostStatus.held):
        return None
    return url_for("board.topic", topic_id=post.topic_id, _anchor=f"message-{post.id}")


def _apply_text(post: Post, moderator: User, body: str, title: str | None, *,
                keep_revision: bool) -> None:
    """Write a new text on a post (a moderator's edit or an approved held edit)."""
    now = utcnow()
    if keep_revision:
        db.session.add(PostRevision(
            post_id=post.id, editor_id=moderator.id,
            title=post.topic.title if post.is_first else None,
            body_source=post.body_source, body_html=post.body_html, created_at=now))
        post.revision_count = (post.revision_count or 0) + 1
    post.body_source = body
    post.body_html = render(body)
    post.edited_at = now
    if post.is_first and title:
        post.topic.title = title.strip()


def _approve_post(review: Review, post: Post, moderator: User, body: str | None,
                  title: str | None) -> bool:
    """Returns whether the author should be told (a hold lifted or their text changed)."""
    from forum.board.services import set_status

    if review.kind == ReviewKind.held_edit:
        _apply_text(post, moderator, body or review.proposed_body or post.body_source,
                    title or review.proposed_title, keep_revision=True)
        review.proposed_body = review.proposed_title = None
        return True
    if review.kind in HOLD_KINDS:
        if body is not None:
            # The held text was never published (and may be patient data): no revision.
            _apply_text(post, moderator, body, title, keep_revision=False)
        if post.status == PostStatus.held:
            set_status(post, PostStatus.published, at=utcnow())
        return True
    if body is not None:  # a reported or flagged post, corrected by the moderator
        _apply_text(post, moderator, body, title, keep_revision=True)
        return True
    return False


def _reject_post(review: Review, post: Post, moderator: User) -> str | None:
    from forum.board.services import set_status
    from forum.moderation.services import close_reviews

    if review.kind == ReviewKind.held_edit:
        text = "\n\n".join(p for p in (review.proposed_title, review.proposed_body) if p)
        review.proposed_body = review.proposed_title = None
        return text
    others = [r for r in pending_reviews(POST, post.id) if r.id != review.id]
    close_reviews(others, moderator, "Message refusé par la modération.", "closed")
    text = purge_post(post)
    set_status(post, PostStatus.rejected)
    return text


register_target_type(POST, TargetType(
    label="Message", load=_load_posts, describe=_describe_post, url=_post_url,
    approve=_approve_post, reject=_reject_post))


def load_targets(reviews) -> dict[tuple[str, int], Any]:
    """Every review's target, one statement per target type whatever the page size."""
    wanted: dict[str, set[int]] = {}
    for review in reviews:
        wanted.setdefault(review.target_type, set()).add(review.target_id)
    found: dict[tuple[str, int], Any] = {}
    for target_type, ids in wanted.items():
        handler = TARGET_TYPES.get(target_type)
        if handler is None:
            continue
        for target_id, obj in handler.load(sorted(ids)).items():
            found[(target_type, target_id)] = obj
    return found


@dataclass
class QueueItem:
    """A review with its target loaded, ready for a template (unknown types tolerated)."""

    review: Review
    target: Any

    @property
    def handler(self) -> TargetType | None:
        return TARGET_TYPES.get(self.review.target_type)

    @property
    def summary(self) -> str:
        if self.handler is None or self.target is None:
            return f"Élément « {self.review.target_type} » n° {self.review.target_id}"
        return self.handler.describe(self.target)

    @property
    def url(self) -> str | None:
        if self.handler is None or self.target is None:
            return None
        return self.handler.url(self.target)

    @property
    def findings(self) -> list[FindingView]:
        return [FindingView.from_dict(d) for d in (self.review.findings or [])]

    @property
    def is_post(self) -> bool:
        return self.review.target_type == POST and self.target is not None

    @property
    def title(self) -> str | None:
        if not self.is_post or not self.target.is_first:
            return None
        if self.review.kind == ReviewKind.held_edit and self.review.proposed_title:
            return self.review.proposed_title
        return self.target.topic.title

    @property
    def body(self) -> str | None:
        if not self.is_post:
            return None
        if self.review.kind == ReviewKind.held_edit and self.review.proposed_body is not None:
            return self.review.proposed_body
        return self.target.body_source

    def title_segments(self):
        return segments(self.title or "", self.findings, "title")

    def body_segments(self):
        return segments(self.body or "", self.findings, "body")


def queue_page(page: int):
    """Pending items, oldest first, with authors, claimers and targets batch-loaded."""
    stmt = (select(Review).where(Review.status == ReviewStatus.pending)
            .options(selectinload(Review.author), selectinload(Review.claimed_by))
            .order_by(Review.created_at, Review.id))
    pagination = db.paginate(stmt, page=page, per_page=PER_PAGE, error_out=False)
    targets = load_targets(pagination.items)
    items = [QueueItem(r, targets.get((r.target_type, r.target_id))) for r in pagination.items]
    return pagination, items


def get_item(review_id: int) -> QueueItem | None:
    review = db.session.scalar(
        select(Review).where(Review.id == review_id)
        .options(selectinload(Review.author), selectinload(Review.claimed_by),
                 selectinload(Review.resolved_by)))
    if review is None:
        return None
    return QueueItem(review, load_targets([review]).get((review.target_type, review.target_id)))


def reports_for(review: Review) -> list[Report]:
    return list(db.session.scalars(
        select(Report).where(Report.review_id == review.id)
        .options(selectinload(Report.reporter)).order_by(Report.created_at, Report.id)))


def history_for(review: Review) -> list[AuditEntry]:
    return list(db.session.scalars(
        select(AuditEntry).where(AuditEntry.review_id == review.id)
        .options(selectinload(AuditEntry.actor)).order_by(AuditEntry.created_at, AuditEntry.id)))


# --- Decisions -------------------------------------------------------------------------

def _conflict(review_id: int, moderator: User) -> Conflict:
    """Explain why an action on an item was refused: who decided it, or who holds it."""
    db.session.rollback()
    review = db.session.get(Review, review_id)
    if review is None:
        return Conflict("Cet élément n'existe plus.")
    db.session.refresh(review)
    if review.status != ReviewStatus.pending:
        if review.resolved_by is not None and review.resolved_by_id != review.author_id:
            return Conflict(f"Déjà traité par {review.resolved_by.display_name}.")
        return Conflict("Déjà traité : son auteur l'a corrigé ou retiré entre-temps.")
    if review.claimed_by is not None and review.claimed_by_id != moderator.id:
        return Conflict(f"Pris en charge par {review.claimed_by.display_name}.")
    return Conflict("Action impossible sur cet élément.")


def claim(review_id: int, moderator: User) -> Review:
    """Take an item so that two moderators do not work on it at once."""
    result = db.session.execute(
        update(Review).where(Review.id == review_id, Review.status == ReviewStatus.pending,
                             or_(Review.claimed_by_id.is_(None),
                                 Review.claimed_by_id == moderator.id))
        .values(claimed_by_id=moderator.id, claimed_at=utcnow())
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise _conflict(review_id, moderator)
    review = db.session.get(Review, review_id)
    db.session.refresh(review)
    audit(moderator, "claim", review=review)
    db.session.commit()
    return review


def release(review_id: int, moderator: User) -> None:
    """Give an item back to the queue (only its claimer can)."""
    result = db.session.execute(
        update(Review).where(Review.id == review_id, Review.status == ReviewStatus.pending,
                             Review.claimed_by_id == moderator.id)
        .values(claimed_by_id=None, claimed_at=None)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise _conflict(review_id, moderator)
    db.session.commit()


def _decide(review_id: int, moderator: User, status: ReviewStatus, resolution: str) -> QueueItem:
    """The one conditional UPDATE every decision goes through; rowcount says who won."""
    now = utcnow()
    result = db.session.execute(
        update(Review).where(Review.id == review_id, Review.status == ReviewStatus.pending,
                             or_(Review.claimed_by_id.is_(None),
                                 Review.claimed_by_id == moderator.id))
        .values(status=status, resolved_by_id=moderator.id, resolved_at=now,
                resolution=resolution, claimed_by_id=moderator.id,
                claimed_at=func.coalesce(Review.claimed_at, now))
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise _conflict(review_id, moderator)
    item = get_item(review_id)
    db.session.refresh(item.review)
    return item


def _where(post: Post) -> str:
    when = post.created_at.strftime("%d/%m/%Y")
    return f"du {when} dans « {post.topic.category.name} »"


def approve(review_id: int, moderator: User, *, body: str | None = None,
            title: str | None = None) -> Review:
    """Approve an item, optionally with the moderator's corrected text; tell the author."""
    from forum.notifications.services import notify

    edited = body is not None
    item = _decide(review_id, moderator, ReviewStatus.approved,
                   "Modifié puis validé." if edited else "Validé.")
    review, target = item.review, item.target
    handler = item.handler
    tell = False
    if handler is not None and handler.approve is not None and target is not None:
        tell = handler.approve(review, target, moderator, body, title)
    audit(moderator, "edit_approve" if edited else "approve", review=review)
    if tell and review.target_type == POST:
        what = "votre modification du message" if review.kind == ReviewKind.held_edit \
            else "votre message"
        change = " après correction par la modération" if edited else ""
        message = f"La modération a validé {what} {_where(target)}{change} : il est publié."
        if review.kind in (ReviewKind.report, ReviewKind.flagged):
            message = f"La modération a corrigé votre message {_where(target)}."
        notify(review.author, "moderation_approved", message, link=_post_url(target),
               email_subject="Votre message est publié" if review.kind in AUTHOR_KINDS
               else "Votre message a été corrigé par la modération")
    db.session.commit()
    return review


def reject_reason_text(reason: RejectReason | None, note: str) -> str:
    parts = [reason.label] if reason is not None else []
    if note.strip():
        parts.append(note.strip())
    return " — ".join(parts)


def reject(review_id: int, moderator: User, reason: RejectReason | None, note: str = "") -> Review:
    """Refuse an item: the text is purged from the database (it may be patient data), the
    author is told why and gets the text back once in the forum (never by e-mail)."""
    from forum.notifications.services import notify

    why = reject_reason_text(reason, note)
    item = _decide(review_id, moderator, ReviewStatus.rejected, f"Refusé : {why}")
    review, target = item.review, item.target
    handler = item.handler
    returned = None
    if handler is not None and handler.reject is not None and target is not None:
        returned = handler.reject(review, target, moderator)
    review.proposed_body = review.proposed_title = None
    review.findings = [{**f, "fragment": "", "replacement": ""} for f in (review.findings or [])]
    audit(moderator, "reject", review=review, detail=why)
    if review.target_type == POST and target is not None:
        what = "votre modification du message" if review.kind == ReviewKind.held_edit \
            else "votre message"
        message = f"La modération a refusé {what} {_where(target)}. Motif : {why}."
        if returned:
            message += " Votre texte vous est rendu ci-dessous, une seule fois."
        notify(review.author, "moderation_rejected", message, link=None,
               email_subject="Votre message n'a pas été publié", returned_text=returned)
    else:
        notify(review.author, "moderation_rejected",
               f"La modération a refusé un de vos contenus. Motif : {why}.",
               email_subject="Un de vos contenus n'a pas été publié", returned_text=returned)
    db.session.commit()
    return review


class SuspensionError(ValueError):
    """A suspension the moderator must correct (French message)."""


def suspend(member: User, moderator: User, until: date, reason: str,
            review: Review | None = None) -> None:
    """Lock a member out until the end of `until` (the access gate logs them out and the
    login page tells them why)."""
    from forum.notifications.services import notify

    if member.id == moderator.id:
        raise SuspensionError("Vous ne pouvez pas vous suspendre vous-même.")
    if member.is_moderator:
        raise SuspensionError("Un membre de l'équipe de modération ne peut pas être suspendu ici.")
    if until <= utcnow().date():
        raise SuspensionError("Choisissez une date postérieure à aujourd'hui.")
    member.suspended_until = datetime.combine(until, time(23, 59, 59))
    member.suspension_reason = reason.strip()
    audit(moderator, "suspend", review=review, target_user_id=member.id,
          target_type=review.target_type if review else "user",
          target_id=review.target_id if review else member.id,
          detail=f"Jusqu'au {until:%d/%m/%Y} : {reason.strip()}")
    notify(member, "suspended",
           f"Votre compte est suspendu jusqu'au {until:%d/%m/%Y}. Motif : {reason.strip()}",
           email_subject="Votre compte Entre IDEL est suspendu")
    db.session.commit()


# --- Reports ---------------------------------------------------------------------------

class AlreadyReported(Exception):
    pass


def report_post(post: Post, reporter: User, reason: RejectReason, comment: str = "") -> Review:
    """A member reports a post: it creates, or joins, the post's open report item. The
    reporter is stored for moderators only."""
    open_items = pending_reviews(POST, post.id, [ReviewKind.report, ReviewKind.flagged])
    if open_items:
        review = open_items[0]
        mine = db.session.scalar(select(Report.id).where(Report.review_id == review.id,
                                                         Report.reporter_id == reporter.id))
        if mine is not None:
            raise AlreadyReported
        db.session.execute(update(Review).where(Review.id == review.id)
                           .values(report_count=Review.report_count + 1)
                           .execution_options(synchronize_session=False))
        db.session.refresh(review)
    else:
        review = Review(kind=ReviewKind.report, status=ReviewStatus.pending, target_type=POST,
                        target_id=post.id, author_id=post.author_id, reasons=[], findings=[],
                        report_count=1, created_at=utcnow())
        db.session.add(review)
        db.session.flush()
    label = f"Signalement : {reason.label}"
    if label not in (review.reasons or []):
        review.reasons = [*(review.reasons or []), label]
    db.session.add(Report(review_id=review.id, reporter_id=reporter.id, reason=reason,
                          comment=comment.strip(), created_at=utcnow()))
    db.session.commit()
    return review


# --- Watched words -------------------------------------------------------------------

# Ordinary clinical sentences: a watched word that matches one of them would hold the
# questions the forum exists for, so the moderator is warned before saving it.
ORDINARY_SAMPLES = (
    "Pansement d'escarre stade 3 chez un diabétique, vous faites comment ?",
    "Comment cotez-vous une injection d'insuline avec surveillance de la glycémie ?",
    "Une patiente de 82 ans sous anticoagulants, INR à contrôler : quelle fréquence ?",
    "Soins palliatifs à domicile : morphine en PCA, pompe et HAD, qui fait quoi ?",
    "Prise de sang à jeun, AMI 1.5 plus le déplacement, c'est bien ça ?",
    "Toilette et BSI pour un monsieur atteint de la maladie de Parkinson.",
    "Perfusion sous-cutanée d'hydratation chez une personne âgée déshydratée.",
    "Ablation de fils et agrafes après une chirurgie de la hanche.",
)


class PatternError(ValueError):
    pass


@dataclass
class PatternTest:
    matches: list[str]
    sample_segments: list[tuple[str, bool]]
    ordinary_hits: list[str]


def check_pattern(pattern: str, is_regex: bool) -> re.Pattern:
    pattern = (pattern or "").strip()
    if not pattern:
        raise PatternError("Indiquez un terme ou une expression.")
    try:
        compiled = compile_watched(pattern, is_regex)
    except re.error as exc:
        raise PatternError(f"Expression régulière invalide : {exc.msg} (position {exc.pos}).") \
            from None
    if compiled.search("") is not None and compiled.search("").group(0) == "":
        raise PatternError("Cette expression correspond au texte vide : elle retiendrait tout.")
    return compiled


def try_pattern(pattern: str, is_regex: bool, sample: str) -> PatternTest:
    """What a pattern would match in `sample` and in ordinary clinical sentences."""
    compiled = check_pattern(pattern, is_regex)
    sample = sample or ""
    pieces: list[tuple[str, bool]] = []
    matches: list[str] = []
    pos = 0
    for m in compiled.finditer(sample):
        if m.end() == m.start():
            continue
        pieces.append((sample[pos:m.start()], False))
        pieces.append((m.group(0), True))
        matches.append(m.group(0))
        pos = m.end()
    pieces.append((sample[pos:], False))
    ordinary = [s for s in ORDINARY_SAMPLES if compiled.search(s)]
    return PatternTest(matches=matches, sample_segments=pieces, ordinary_hits=ordinary)


def add_watched(pattern: str, is_regex: bool, action: WatchedAction, moderator: User) -> WatchedWord:
    check_pattern(pattern, is_regex)
    word = WatchedWord(pattern=pattern.strip(), is_regex=is_regex, action=action,
                       created_by_id=moderator.id, created_at=utcnow())
    db.session.add(word)
    db.session.flush()
    audit(moderator, "watched_add", target_type="watched_word", target_id=word.id,
          detail=f"« {word.pattern} » ({'expression régulière' if is_regex else 'terme'}, "
                 f"{'retenir' if action == WatchedAction.hold else 'signaler'})")
    db.session.commit()
    return word


def delete_watched(word: WatchedWord, moderator: User) -> None:
    audit(moderator, "watched_delete", target_type="watched_word", target_id=word.id,
          detail=f"« {word.pattern} »")
    db.session.delete(word)
    db.session.commit()


def watched_page(page: int):
    stmt = select(WatchedWord).order_by(WatchedWord.created_at.desc(), WatchedWord.id.desc())
    return db.paginate(stmt, page=page, per_page=WATCHED_PER_PAGE, error_out=False)


def audit_page(page: int):
    stmt = (select(AuditEntry)
            .options(selectinload(AuditEntry.actor), selectinload(AuditEntry.target_user))
            .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()))
    return db.paginate(stmt, page=page, per_page=AUDIT_PER_PAGE, error_out=False)
