"""Account routes: sign-up, e-mail verification, login, password reset, profiles.

Thin on purpose: rules live in services, messages in forms and templates. A form that
fails (validation, expired CSRF token, database hiccup) is re-rendered with what the
member typed; passwords are the only thing cleared.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from forum.accounts import services, tokens
from forum.accounts.decorators import moderator_required
from forum.accounts.forms import (
    ForgotPasswordForm, LoginForm, ProfileForm, ResendVerificationForm, ResetPasswordForm,
    SignupForm,
)
from forum.extensions import db, limiter
from forum.forms import ActionForm
from forum.models import User

bp = Blueprint("accounts", __name__)

DB_ERROR = ("Votre demande n'a pas pu être enregistrée : le forum rencontre un problème "
            "passager. Votre saisie est conservée, réessayez dans un instant.")
STALE_BUTTON = ("Le formulaire avait expiré et l'action n'a pas été faite. "
                "Réessayez : la page a été rechargée.")
LOGIN_FAILED = "E-mail ou mot de passe incorrect."


def _invalid_status() -> int:
    """A POST that did not validate is a 422; a first display is a 200."""
    return 422 if request.method == "POST" else 200


def _database_failed(template: str, **context):
    db.session.rollback()
    current_app.logger.exception("Database error while saving an accounts form")
    flash(DB_ERROR, "error")
    return render_template(template, **context), 503


def _send_verification(user: User) -> bool:
    try:
        services.send_verification(user)
        return True
    except Exception:  # the account exists: the member can ask for another link
        current_app.logger.exception("Could not send the verification e-mail to user %s", user.id)
        flash("Le message de confirmation n'a pas pu être envoyé. Utilisez le bouton "
              "« Renvoyer le lien » dans quelques minutes.", "error")
        return False


# --- Sign-up and e-mail verification -------------------------------------------------

@bp.route("/inscription", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("board.home"))
    form = SignupForm()
    template = "accounts/signup.html"
    try:
        if not form.validate_on_submit():
            return render_template(template, form=form), _invalid_status()
        user = services.create_member(
            first_name=form.first_name.data, last_name=form.last_name.data,
            email=form.email.data, rpps=form.rpps.data, password=form.password.data,
        )
    except IntegrityError:
        # Two sign-ups with the same e-mail or RPPS at the same instant.
        db.session.rollback()
        form.email.errors = list(form.email.errors) + [
            "Cette adresse e-mail ou ce numéro RPPS vient d'être utilisé pour un autre compte."]
        return render_template(template, form=form), 422
    except SQLAlchemyError:
        return _database_failed(template, form=form)
    login_user(user)
    if _send_verification(user):
        flash(f"Votre compte est créé. Un lien de confirmation a été envoyé à {user.email}.",
              "success")
    return redirect(url_for("accounts.verify_pending"))


@bp.get("/inscription/verification")
def verify_pending():
    if current_user.is_authenticated and current_user.email_verified:
        return redirect(url_for("board.home"))
    return render_template("accounts/verify_pending.html", form=ResendVerificationForm())


@bp.post("/inscription/renvoyer")
@limiter.limit("3 per hour")
def resend_verification():
    form = ResendVerificationForm()
    template = "accounts/verify_pending.html"
    if not form.validate():
        return render_template(template, form=form), 422
    if current_user.is_authenticated:
        if current_user.email_verified:
            return redirect(url_for("board.home"))
        if _send_verification(current_user):
            flash(f"Un nouveau lien a été envoyé à {current_user.email}.", "success")
        return redirect(url_for("accounts.verify_pending"))
    if not form.email.data:
        form.email.errors = ["Indiquez l'adresse e-mail de votre compte."]
        return render_template(template, form=form), 422
    user = services.find_by_email(form.email.data)
    if user is not None and not user.email_verified:
        _send_verification(user)
    # The same answer whether or not the address is a member's.
    flash("Si un compte en attente de vérification correspond à cette adresse, un nouveau "
          "lien vient d'y être envoyé.", "info")
    return redirect(url_for("accounts.verify_pending"))


@bp.get("/verifier/<token>")
def verify_email(token: str):
    check = tokens.check_verification_token(token)
    if not check.ok:
        return render_template("accounts/link_invalid.html", kind="verify",
                               expired=check.expired, form=ResendVerificationForm()), 400
    user = check.user
    if user.email_verified:
        # A used link does not log anybody in a second time.
        flash("Votre adresse e-mail est déjà vérifiée.", "info")
        if current_user.is_authenticated and current_user.id == user.id:
            return redirect(url_for("board.home"))
        return redirect(url_for("accounts.login"))
    try:
        services.mark_email_verified(user)
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("Could not mark the e-mail of user %s verified", user.id)
        abort(503)
    login_user(user)
    flash("Votre adresse e-mail est vérifiée. Bienvenue sur Entre IDEL !", "success")
    return redirect(url_for("board.home"))


# --- Login and logout ----------------------------------------------------------------

@bp.route("/connexion", methods=["GET", "POST"])
@limiter.limit("10 per minute;50 per hour", methods=["POST"])
def login():
    form = LoginForm()
    template = "accounts/login.html"
    if request.method == "GET":
        form.next.data = services.safe_next(request.args.get("next")) or ""
        if current_user.is_authenticated and current_user.email_verified:
            return redirect(form.next.data or url_for("board.home"))
        return render_template(template, form=form)
    if not form.validate():
        return render_template(template, form=form), 422
    attempt = services.authenticate(form.email.data, form.password.data)
    if attempt.user is None:
        return render_template(template, form=form, login_error=LOGIN_FAILED), 422
    if attempt.suspended:
        return render_template(template, form=form,
                               login_error=services.suspension_message(attempt.user)), 403
    login_user(attempt.user, remember=form.remember.data)
    if not attempt.user.email_verified:
        return redirect(url_for("accounts.verify_pending"))
    target = services.safe_next(form.next.data) or services.safe_next(request.args.get("next"))
    return redirect(target or url_for("board.home"))


@bp.post("/deconnexion")
def logout():
    form = ActionForm()
    if not form.validate():
        flash(STALE_BUTTON, "warning")
        return redirect(url_for("core.index"))
    logout_user()
    flash("Vous êtes déconnecté·e. À bientôt !", "info")
    return redirect(url_for("core.index"))


# --- Password reset ------------------------------------------------------------------

@bp.route("/mot-de-passe-oublie", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    template = "accounts/forgot_password.html"
    if not form.validate_on_submit():
        return render_template(template, form=form), _invalid_status()
    try:
        services.request_password_reset(form.email.data)
    except SQLAlchemyError:
        return _database_failed(template, form=form)
    except Exception:  # a mail failure must not reveal that the account exists
        current_app.logger.exception("Could not send a password reset e-mail")
    return render_template("accounts/forgot_password_sent.html", email=form.email.data)


@bp.route("/mot-de-passe/<token>", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def reset_password(token: str):
    check = tokens.check_reset_token(token)
    if not check.ok:
        return render_template("accounts/link_invalid.html", kind="reset",
                               expired=check.expired), 400
    form = ResetPasswordForm(user=check.user)
    template = "accounts/reset_password.html"
    if not form.validate_on_submit():
        return render_template(template, form=form, token=token), _invalid_status()
    try:
        services.reset_password(check.user, form.password.data)
    except SQLAlchemyError:
        return _database_failed(template, form=form, token=token)
    if current_user.is_authenticated:
        logout_user()
    flash("Votre mot de passe a été modifié. Connectez-vous avec le nouveau mot de passe.",
          "success")
    return redirect(url_for("accounts.login"))


# --- Profiles ------------------------------------------------------------------------

def _render_profile(member: User, status: int = 200):
    viewer = current_user
    return render_template(
        "accounts/profile.html", member=member, is_self=viewer.id == member.id,
        is_moderator=viewer.is_moderator, verify_form=ActionForm(),
    ), status


@bp.get("/membres/<int:user_id>")
def profile(user_id: int):
    return _render_profile(db.get_or_404(User, user_id))


@bp.route("/profil", methods=["GET", "POST"])
def edit_profile():
    form = ProfileForm()
    template = "accounts/edit_profile.html"
    context = {"form": form, "software": services.IDEL_SOFTWARE}
    if request.method == "GET":
        form.fill_from(current_user)
        return render_template(template, **context)
    if not form.validate():
        return render_template(template, **context), 422
    try:
        services.update_profile(
            current_user._get_current_object(), commune=form.commune.data,
            departement=form.departement.data, status=form.status.data,
            software=form.software.data, interests_declaration=form.interests_declaration.data,
        )
    except SQLAlchemyError:
        return _database_failed(template, **context)
    flash("Votre profil est enregistré.", "success")
    return redirect(url_for("accounts.profile", user_id=current_user.id))


@bp.post("/membres/<int:user_id>/verifier-rpps")
@moderator_required
def verify_rpps(user_id: int):
    member = db.get_or_404(User, user_id)
    form = ActionForm()
    if not form.validate():
        flash(STALE_BUTTON, "warning")
    elif member.id == current_user.id:
        flash("Un autre membre de la modération doit confirmer votre propre RPPS.", "error")
    else:
        try:
            changed = services.confirm_rpps(member, current_user._get_current_object())
        except SQLAlchemyError:
            db.session.rollback()
            current_app.logger.exception("Could not confirm the RPPS of user %s", user_id)
            flash(DB_ERROR, "error")
            return _render_profile(db.get_or_404(User, user_id), 503)
        if changed:
            flash(f"RPPS de {member.display_name} confirmé : le badge « Infirmier·e vérifié·e » "
                  "est maintenant visible.", "success")
        else:
            flash("Ce RPPS était déjà confirmé.", "info")
    return redirect(url_for("accounts.profile", user_id=member.id))
