"""Public pages: landing, charter, robots.txt, health check."""
from flask import Blueprint, Response, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import text

from forum.extensions import db

bp = Blueprint("core", __name__)


@bp.get("/")
def index():
    if current_user.is_authenticated and current_user.email_verified:
        return redirect(url_for("board.home"))
    return render_template("core/index.html")


@bp.get("/charte")
def charter():
    return render_template("core/charter.html")


@bp.get("/robots.txt")
def robots():
    return Response("User-agent: *\nDisallow: /\n", mimetype="text/plain")


@bp.get("/healthz")
def healthz():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
