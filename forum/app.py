"""The application factory: extensions, blueprints, access gate, error pages, CLI."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from forum.config import INSTANCE_DIR, Config
from forum.extensions import csrf, db, limiter, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


def build_app(config=None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(INSTANCE_DIR),
    )
    app.config.from_object(config or Config)

    from forum import models  # noqa: F401  (registers the tables)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)

    from forum.mail import init_mail

    init_mail(app)

    from forum.accounts.views import bp as accounts_bp
    from forum.board.views import bp as board_bp
    from forum.core.views import bp as core_bp
    from forum.messages.views import bp as messages_bp
    from forum.moderation.views import bp as moderation_bp
    from forum.notifications.views import bp as notifications_bp
    from forum.replacements.views import bp as replacements_bp

    app.register_blueprint(core_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(board_bp)
    app.register_blueprint(moderation_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(replacements_bp)
    app.register_blueprint(messages_bp)

    from forum.core import access, errors, templating

    access.init_app(app)
    errors.init_app(app)
    templating.init_app(app)

    from forum.cli import register_cli

    register_cli(app)
    return app
