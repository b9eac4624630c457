"""The moderation seam: every topic, reply, edit (and later ad) passes through `screen`.

`screen` decides whether content is published at once or held for review: the privacy
detector (forum.privacy), the moderators' watched words, and the gating of the first
posts of members whose RPPS is not verified yet all plug in here and nowhere else.

This module also holds the author's side of a hold (the findings shown on a held post,
anonymise, withdraw, the queue item closing itself when a fix comes back clean) and the
generic `open_review` other capabilities call. The moderators' side is in queue.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from sqlalchemy import delete, func, select, update

from forum.extensions import db
from forum.models import (
    AuditEntry, Post, PostRevision, PostStatus, Review, ReviewKind, ReviewStatus, User,
    WatchedAction, WatchedWord,
)
from forum.models.base import utcnow

NEW_MEMBER_HELD_POSTS = 2
NEW_MEMBER_REASON = ("Premiers messages : vos deux premiers messages sont relus par un modérateur "
                     "tant que votre numéro RPPS n'est pas vérifié.")
WATCHED_REASON = "Terme surveillé par la modération"
WITHDRAWN_TITLE = "Sujet retiré par la modération"
POST = "post"
# Kinds the author is told about on their post; reports and flags stay between moderators.
AUTHOR_KINDS = (ReviewKind.held_post, ReviewKind.new_member, ReviewKind.held_edit)
HOLD_KINDS = (ReviewKind.held_post, ReviewKind.new_member)


@dataclass(frozen=True)
class FindingView:
    """A finding in a form that templates, JSON and the database all accept.

    `field` says which part of a post the offsets refer to ("title" or "body").
    """

    start: int
    end: int
    kind: str
    reason: str
    replacement: str
    fragment: str
    field: str = "body"

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind, "reason": self.reason,
                "replacement": self.replacement, "fragment": self.fragment, "field": self.field}

    @classmethod
    def from_dict(cls, data: dict) -> "FindingView":
        return cls(int(data.get("start", 0)), int(data.get("end", 0)), data.get("kind", ""),
                   data.get("reason", ""), data.get("replacement", ""),
                   data.get("fragment", ""), data.get("field", "body"))

    @property
    def redactable(self) -> bool:
        return self.kind != "watched_word"


@dataclass(frozen=True)
class Screening:
    hold: bool
    reasons: tuple[str, ...] = ()
    findings: tuple[FindingView, ...] = field(default_factory=tuple)
    flagged: tuple[str, ...] = ()         # watched words set to "flag": publish, but queue
    new_member: bool = False
    redacted: str | None = None           # the anonymised proposal, when findings exist
    watched_hold: bool = False

    @property
    def status(self) -> PostStatus:
        return PostStatus.held if self.hold else PostStatus.published

    @property
    def privacy_hold(self) -> bool:
        return any(f.redactable for f in self.findings)

    @property
    def kind(self) -> ReviewKind:
        """The queue kind of a hold: the detector or a watched word first, else gating."""
        if self.privacy_hold or self.watched_hold:
            return ReviewKind.held_post
        return ReviewKind.new_member

    def findings_json(self) -> list[dict]:
        return [f.as_dict() for f in self.findings]


# --- Screening -----------------------------------------------------------------------

def check_privacy(text: str) -> tuple[tuple[FindingView, ...], str | None]:
    """Run the patient-privacy detector; returns the findings and the redacted proposal."""
    from forum.privacy import redact, scan

    verdict = scan(text or "")
    if not verdict.hold:
        return (), None
    findings = tuple(
        FindingView(f.start, f.end, f.kind, f.reason, f.replacement, text[f.start:f.end])
        for f in verdict.findings
    )
    return findings, redact(text, verdict.findings)


def compile_watched(pattern: str, is_regex: bool) -> re.Pattern:
    """A watched word as a regex; plain terms match whole words only (no "insuline" in
    "insulinothérapie"), regexes are taken as written. Raises re.error when invalid."""
    if is_regex:
        return re.compile(pattern, re.IGNORECASE)
    return re.compile(rf"(?<!\w){re.escape(pattern.strip())}(?!\w)", re.IGNORECASE)


def watched_matches(text: str) -> list[tuple[WatchedWord, re.Match]]:
    """The watched words that occur in `text`, with the first match of each."""
    hits = []
    for word in db.session.scalars(select(WatchedWord).order_by(WatchedWord.id)):
        try:
            match = compile_watched(word.pattern, word.is_regex).search(text or "")
        except re.error:
            continue
        if match and match.group(0):
            hits.append((word, match))
    return hits


def is_gated_new_member(author: User) -> bool:
    """True while a member without a verified RPPS has written fewer than two posts."""
    if author.is_verified_nurse or author.is_moderator:
        return False
    written = db.session.scalar(
        select(func.count(Post.id)).where(Post.author_id == author.id,
                                          Post.status != PostStatus.deleted)
    )
    return written < NEW_MEMBER_HELD_POSTS


def is_gated_post(post: Post) -> bool:
    """Whether an existing post is one of its unverified author's first two posts."""
    author = post.author
    if author.is_verified_nurse or author.is_moderator:
        return False
    before = db.session.scalar(
        select(func.count(Post.id)).where(Post.author_id == author.id, Post.id < post.id,
                                          Post.status != PostStatus.deleted)
    )
    return before < NEW_MEMBER_HELD_POSTS


def screen(text: str, author: User, *, new_content: bool = True,
           gated: bool | None = None) -> Screening:
    """Decide whether `text` written by `author` may be published at once.

    `new_content` is False for edits: the first-posts gating applies to new posts only.
    `gated` overrides the gating decision (an edit of a still-gated held post).
    """
    findings, redacted = check_privacy(text)
    reasons: list[str] = []
    for finding in findings:
        if finding.reason not in reasons:
            reasons.append(finding.reason)
    flagged: list[str] = []
    watched: list[FindingView] = []
    for word, match in watched_matches(text):
        if word.action == WatchedAction.hold:
            watched.append(FindingView(match.start(), match.end(), "watched_word",
                                       WATCHED_REASON, match.group(0), match.group(0)))
            if WATCHED_REASON not in reasons:
                reasons.append(WATCHED_REASON)
        else:
            flagged.append(match.group(0))
    if gated is None:
        gated = new_content and is_gated_new_member(author)
    if gated:
        reasons.append(NEW_MEMBER_REASON)
    # A watched fragment inside a privacy finding is already highlighted.
    watched = [w for w in watched
               if not any(w.start < f.end and f.start < w.end for f in findings)]
    all_findings = tuple(sorted(findings + tuple(watched), key=lambda f: (f.start, f.end)))
    hold = bool(findings) or bool(watched) or gated
    return Screening(hold=hold, reasons=tuple(reasons), findings=all_findings,
                     flagged=tuple(flagged), new_member=gated, redacted=redacted,
                     watched_hold=bool(watched))


def screen_post(author: User, body: str, title: str | None = None, *, new_content: bool = True,
                gated: bool | None = None) -> Screening:
    """Screen a post (and its topic title) as one text, so the detector sees the context,
    then give each finding back its field and offsets within that field."""
    if not title:
        screening = screen(body, author, new_content=new_content, gated=gated)
        return screening
    shift = len(title) + 2
    screening = screen(f"{title}\n\n{body}", author, new_content=new_content, gated=gated)
    mapped = []
    for f in screening.findings:
        if f.end <= len(title):
            mapped.append(replace(f, field="title"))
        elif f.start >= shift:
            mapped.append(replace(f, start=f.start - shift, end=f.end - shift, field="body"))
        else:  # across the boundary: split it so both parts are shown and replaced
            mapped.append(replace(f, end=len(title), fragment=title[f.start:], field="title"))
            mapped.append(replace(f, start=0, end=f.end - shift, fragment=body[:f.end - shift],
                                  field="body"))
    return replace(screening, findings=tuple(mapped), redacted=None)


def redacted_text(text: str, findings, field_name: str = "body") -> str:
    """`text` with the replacements of its redactable findings (the anonymised proposal)."""
    from forum.privacy import redact

    chosen = [f for f in findings if f.field == field_name and f.redactable
              and text[f.start:f.end] == f.fragment]
    return redact(text, chosen)


def segments(text: str, findings, field_name: str = "body") -> list[tuple[str, FindingView | None]]:
    """Cut `text` into plain and highlighted pieces, for templates (<mark> + reason)."""
    out: list[tuple[str, FindingView | None]] = []
    pos = 0
    for f in sorted((f for f in findings if f.field == field_name), key=lambda f: f.start):
        if f.start < pos or f.end > len(text) or not f.fragment:
            continue
        if f.start > pos:
            out.append((text[pos:f.start], None))
        out.append((text[f.start:f.end], f))
        pos = f.end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


# --- Review items and audit ----------------------------------------------------------

def audit(actor: User | None, action: str, *, review: Review | None = None,
          target_type: str | None = None, target_id: int | None = None,
          target_user_id: int | None = None, detail: str = "") -> AuditEntry:
    """Append an entry to the audit log (committed by the caller). Never put post text in
    `detail`: it may be patient data and the log is kept forever."""
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None, action=action,
        review_id=review.id if review is not None else None,
        target_type=target_type or (review.target_type if review is not None else None),
        target_id=target_id if target_id is not None else (
            review.target_id if review is not None else None),
        target_user_id=target_user_id if target_user_id is not None else (
            review.author_id if review is not None else None),
        detail=detail, created_at=utcnow(),
    )
    db.session.add(entry)
    return entry


def pending_reviews(target_type: str, target_id: int, kinds=None) -> list[Review]:
    stmt = select(Review).where(Review.target_type == target_type, Review.target_id == target_id,
                                Review.status == ReviewStatus.pending)
    if kinds:
        stmt = stmt.where(Review.kind.in_(list(kinds)))
    return list(db.session.scalars(stmt.order_by(Review.id)))


def open_review(target_type: str, target_id: int, author: User | int, kind: ReviewKind | str,
                screening: Screening | None = None, *, reasons=None,
                proposed_title: str | None = None, proposed_body: str | None = None) -> Review:
    """Create the pending queue item for (target, kind), or refresh the one already open.

    Generic: replacement ads and private messages call it with their own target_type. The
    caller commits. Reasons and findings come from `screening` unless given.
    """
    kind = ReviewKind(kind)
    author_id = author if isinstance(author, int) else author.id
    review_reasons = list(reasons) if reasons is not None else list(
        screening.reasons if screening is not None else ())
    findings = screening.findings_json() if screening is not None else []
    existing = pending_reviews(target_type, target_id, [kind])
    if existing:
        review = existing[0]
        review.reasons = review_reasons
        review.findings = findings
    else:
        review = Review(kind=kind, status=ReviewStatus.pending, target_type=target_type,
                        target_id=target_id, author_id=author_id, reasons=review_reasons,
                        findings=findings, created_at=utcnow(), report_count=0)
        db.session.add(review)
    review.proposed_title = proposed_title
    review.proposed_body = proposed_body
    db.session.flush()
    return review


def close_reviews(reviews, actor: User | None, resolution: str, action: str,
                  detail: str = "") -> list[Review]:
    """Close pending items without a moderator (the author fixed or withdrew), each only if
    still pending (a moderator may have acted a moment before), and log it."""
    closed = []
    now = utcnow()
    for review in reviews:
        result = db.session.execute(
            update(Review).where(Review.id == review.id, Review.status == ReviewStatus.pending)
            .values(status=ReviewStatus.closed, resolved_by_id=actor.id if actor else None,
                    resolved_at=now, resolution=resolution, proposed_title=None,
                    proposed_body=None, findings=_blank_fragments(review.findings))
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:
            db.session.refresh(review)
            audit(actor, action, review=review, detail=detail or resolution)
            closed.append(review)
    return closed


def _blank_fragments(findings) -> list[dict]:
    """Keep what was found (kind, reason), forget the words themselves."""
    return [{**f, "fragment": "", "replacement": ""} for f in (findings or [])]


def forget_text(target_type: str, target_id: int) -> None:
    """Blank every trace of a target's text kept by its queue items (proposals, fragments)."""
    for review in db.session.scalars(select(Review).where(Review.target_type == target_type,
                                                          Review.target_id == target_id)):
        review.proposed_title = None
        review.proposed_body = None
        review.findings = _blank_fragments(review.findings)


def purge_post(post: Post) -> str:
    """Erase a post's text from the database (it may be patient data) and return it.

    The body, every previous version and every queue trace go; a first post's topic gets
    a neutral title. Only metadata stays. The caller decides the status and commits.
    """
    topic = post.topic
    parts = [topic.title] if post.is_first else []
    parts.append(post.body_source or "")
    text = "\n\n".join(p for p in parts if p)
    post.body_source = ""
    post.body_html = ""
    db.session.execute(delete(PostRevision).where(PostRevision.post_id == post.id))
    db.session.expire(post, ["revisions"])
    post.revision_count = 0
    if post.is_first:
        topic.title = WITHDRAWN_TITLE
        topic.tags = []
    forget_text(POST, post.id)
    return text


# --- Posts: the board calls these ------------------------------------------------------

def post_submitted(post: Post, screening: Screening) -> Review | None:
    """After a new topic or reply: queue it when held, or when a watched word flags it."""
    if screening.hold:
        return open_review(POST, post.id, post.author_id, screening.kind, screening)
    if screening.flagged:
        return _flag(post, screening)
    return None


def _flag(post: Post, screening: Screening) -> Review:
    reasons = [f"{WATCHED_REASON} : « {word} »" for word in dict.fromkeys(screening.flagged)]
    return open_review(POST, post.id, post.author_id, ReviewKind.flagged, reasons=reasons)


def edit_held(post: Post, editor: User, screening: Screening, body: str,
              title: str | None) -> Review:
    """A published post's edit came back held: keep the clean version online and park the
    proposed text in the queue item until a moderator decides."""
    return open_review(POST, post.id, post.author_id, ReviewKind.held_edit, screening,
                       proposed_title=title, proposed_body=body)


def edit_applied(post: Post, editor: User, screening: Screening) -> None:
    """After an edit was written to the post: a clean result closes the author's pending
    items (logged); a still-held post gets its findings refreshed."""
    items = pending_reviews(POST, post.id, AUTHOR_KINDS)
    if post.status == PostStatus.published:
        close_reviews(items, editor, "Corrigé par l'auteur : publié sans attendre la modération.",
                      "author_fixed")
        if screening.flagged:
            _flag(post, screening)
        return
    holds = [r for r in items if r.kind in HOLD_KINDS]
    if holds and holds[0].kind != screening.kind:
        holds[0].kind = screening.kind
    open_review(POST, post.id, post.author_id, screening.kind, screening)


def gate_for_edit(post: Post) -> bool:
    """An edit of a held post stays gated while the post is one of the first two."""
    return post.status == PostStatus.held and is_gated_post(post)


@dataclass
class HeldInfo:
    """What the author (and moderators) see on a held post or a post with a held edit."""

    review: Review
    is_edit: bool
    reasons: list[str]
    findings: list[FindingView]
    title: str | None
    body: str
    redacted_title: str | None
    redacted_body: str
    can_anonymise: bool

    def title_segments(self):
        return segments(self.title or "", self.findings, "title")

    def body_segments(self):
        return segments(self.body, self.findings, "body")

    @property
    def kinds(self) -> list[str]:
        return [f.reason for f in self.findings]


def held_info(review: Review, post: Post) -> HeldInfo:
    findings = [FindingView.from_dict(d) for d in (review.findings or [])]
    is_edit = review.kind == ReviewKind.held_edit
    if is_edit:
        title = review.proposed_title if post.is_first else None
        body = review.proposed_body or ""
    else:
        title = post.topic.title if post.is_first else None
        body = post.body_source or ""
    redacted_body = redacted_text(body, findings, "body")
    redacted_title = redacted_text(title, findings, "title") if title else title
    return HeldInfo(review=review, is_edit=is_edit, reasons=list(review.reasons or []),
                    findings=findings, title=title, body=body, redacted_title=redacted_title,
                    redacted_body=redacted_body,
                    can_anonymise=(redacted_body != body or redacted_title != title))


def held_infos(user: User, posts) -> dict[int, HeldInfo]:
    """For a page of posts, the pending holds their viewer may see: the author's own, or
    all for moderators. One statement whatever the number of posts; reports never show."""
    if user is None or not getattr(user, "is_authenticated", False):
        return {}
    by_id = {p.id: p for p in posts if user.is_moderator or p.author_id == user.id}
    if not by_id:
        return {}
    stmt = select(Review).where(Review.target_type == POST, Review.target_id.in_(list(by_id)),
                                Review.status == ReviewStatus.pending,
                                Review.kind.in_(list(AUTHOR_KINDS)))
    infos: dict[int, HeldInfo] = {}
    for review in db.session.scalars(stmt.order_by(Review.id)):
        post = by_id[review.target_id]
        if review.kind == ReviewKind.held_edit and post.status != PostStatus.published:
            continue
        if review.kind in HOLD_KINDS and post.status != PostStatus.held:
            continue
        infos.setdefault(review.target_id, held_info(review, post))
    return infos


def author_hold(post: Post) -> HeldInfo | None:
    """The pending hold or held edit of a single post, for its author's actions."""
    for review in pending_reviews(POST, post.id, AUTHOR_KINDS):
        if review.kind == ReviewKind.held_edit and post.status == PostStatus.published:
            return held_info(review, post)
        if review.kind in HOLD_KINDS and post.status == PostStatus.held:
            return held_info(review, post)
    return None


class NothingToDo(Exception):
    """The author's action no longer applies (already published, decided or withdrawn)."""


def anonymise(post: Post, author: User) -> Post:
    """Apply the anonymised proposal in one click; the edit is screened again, so a clean
    result is published at once (and the queue item closes itself)."""
    from forum.board.services import edit_post

    info = author_hold(post)
    if info is None or not info.can_anonymise:
        raise NothingToDo
    title = info.redacted_title if post.is_first else None
    return edit_post(author, post, info.redacted_body, title=title)


def withdraw(post: Post, author: User) -> str:
    """The author withdraws a held post (deleted, text erased and given back once) or a
    held edit (the published version stays). Returns what was withdrawn: "post"/"edit"."""
    from forum.board.services import set_status
    from forum.notifications.services import notify

    info = author_hold(post)
    if info is None:
        raise NothingToDo
    if info.is_edit:
        text = "\n\n".join(p for p in (info.title, info.body) if p)
        close_reviews([info.review], author, "Modification retirée par son auteur.",
                      "author_withdrew_edit")
        what = "edit"
        message = "Vous avez retiré votre modification en attente : la version publiée reste en ligne."
    else:
        items = pending_reviews(POST, post.id)
        close_reviews(items, author, "Message retiré par son auteur.", "author_withdrew")
        text = purge_post(post)
        set_status(post, PostStatus.deleted)
        what = "post"
        message = "Vous avez retiré votre message en attente de vérification."
    notify(author, "withdrawn", message, returned_text=text)
    db.session.commit()
    return what


def pending_review_count() -> int:
    """Items waiting in the review queue (shown in the moderators' navigation bar)."""
    return db.session.scalar(
        select(func.count(Review.id)).where(Review.status == ReviewStatus.pending)
    ) or 0
