"""French error pages."""
from flask import render_template
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: ("Requête invalide", "La requête n'a pas pu être comprise. Revenez en arrière et réessayez."),
    403: ("Accès refusé", "Vous n'avez pas accès à cette page."),
    404: ("Page introuvable", "Cette page n'existe pas ou n'est pas visible pour vous."),
    405: ("Action impossible", "Cette action n'est pas permise ici."),
    429: ("Trop de tentatives", "Vous avez fait trop de demandes en peu de temps. "
          "Patientez quelques minutes avant de réessayer."),
    500: ("Erreur du serveur", "Une erreur inattendue s'est produite. L'équipe a été prévenue."),
    503: ("Service momentanément indisponible",
          "Le forum est momentanément indisponible. Réessayez dans quelques instants."),
}


def render_error(code: int):
    title, message = MESSAGES.get(code, MESSAGES[500])
    return render_template("errors/error.html", code=code, title=title, message=message), code


def init_app(app) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc):
        code = exc.code or 500
        if code not in MESSAGES:
            return exc
        return render_error(code)

    @app.errorhandler(OperationalError)
    def database_unavailable(exc):
        from forum.extensions import db

        db.session.rollback()
        app.logger.exception("Database unavailable")
        return render_error(503)

    @app.errorhandler(Exception)
    def unexpected(exc):
        if isinstance(exc, HTTPException):
            return http_error(exc)
        app.logger.exception("Unhandled error")
        return render_error(500)
