"""Members only: one gate in front of every route, plus the headers every page sends.

Anonymous visitors see the landing page, the charter, sign-up, login and password reset.
Everything else needs a logged-in member whose e-mail is verified and who is not
suspended. A POST that arrives after the session expired keeps what was typed (see
forum.core.drafts) and sends the member to the login page.
"""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user, logout_user

from forum.core import drafts

PUBLIC_ENDPOINTS = frozenset({
    "static", "core.index", "core.charter", "core.robots", "core.healthz",
    "accounts.signup", "accounts.login", "accounts.verify_email", "accounts.verify_pending",
    "accounts.resend_verification", "accounts.forgot_password", "accounts.reset_password",
})
# Reachable with an unverified e-mail: the member must be able to verify or leave.
UNVERIFIED_ENDPOINTS = frozenset({"accounts.logout", "accounts.verify_pending",
                                  "accounts.resend_verification", "accounts.verify_email"})


def init_app(app) -> None:
    from forum.extensions import db, login_manager
    from forum.models import User

    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Connectez-vous pour accéder au forum."
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id: str):
        return db.session.get(User, int(user_id))

    @app.before_request
    def members_only():
        endpoint = request.endpoint
        if endpoint is None or endpoint in PUBLIC_ENDPOINTS:
            return None
        if not current_user.is_authenticated:
            if request.method == "POST":
                drafts.keep(request)
                flash("Votre session a expiré. Reconnectez-vous : votre texte a été conservé.",
                      "warning")
                return redirect(url_for("accounts.login", next=request.path))
            return login_manager.unauthorized()
        if current_user.is_suspended:
            reason = current_user.suspension_reason or ""
            until = current_user.suspended_until.strftime("%d/%m/%Y")
            logout_user()
            flash(f"Votre compte est suspendu jusqu'au {until}. {reason}".strip(), "error")
            return redirect(url_for("accounts.login"))
        if not current_user.email_verified and endpoint not in UNVERIFIED_ENDPOINTS:
            return redirect(url_for("accounts.verify_pending"))
        return None

    @app.after_request
    def privacy_headers(response):
        response.headers["X-Robots-Tag"] = "noindex, nofollow, noarchive"
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'",
        )
        if response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "private, no-store")
        return response
