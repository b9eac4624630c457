"""Sending mail: one interface, several backends chosen by MAIL_BACKEND.

- "console": prints the message (development);
- "file": writes an .eml file per message under MAIL_OUTBOX_DIR (development default);
- "memory": keeps messages in app.extensions["mail_outbox"] (tests);
- "smtp": delivers through an SMTP server (production).
Every e-mail of the forum goes through `send_mail`.
"""
from __future__ import annotations

import smtplib
import sys
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from flask import current_app, render_template


@dataclass
class Mail:
    to: str
    subject: str
    text: str
    headers: dict[str, str] = field(default_factory=dict)

    def to_email_message(self, sender: str) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = sender
        msg["To"] = self.to
        msg["Subject"] = self.subject
        msg["Message-ID"] = make_msgid(domain="entre-idel.fr")
        for name, value in self.headers.items():
            msg[name] = value
        msg.set_content(self.text)
        return msg


class MailBackend:
    def send(self, mail: Mail) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class ConsoleBackend(MailBackend):
    def send(self, mail: Mail) -> None:
        sender = current_app.config["MAIL_DEFAULT_SENDER"]
        print(mail.to_email_message(sender).as_string(), file=sys.stderr, flush=True)


class FileBackend(MailBackend):
    def __init__(self, directory: str):
        self.directory = Path(directory)

    def send(self, mail: Mail) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        sender = current_app.config["MAIL_DEFAULT_SENDER"]
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = self.directory / f"{stamp}.eml"
        path.write_text(mail.to_email_message(sender).as_string(), encoding="utf-8")
        current_app.logger.info("Mail to %s written to %s", mail.to, path)


class MemoryBackend(MailBackend):
    def __init__(self):
        self.outbox: list[Mail] = []

    def send(self, mail: Mail) -> None:
        self.outbox.append(mail)


class SMTPBackend(MailBackend):
    def send(self, mail: Mail) -> None:
        cfg = current_app.config
        message = mail.to_email_message(cfg["MAIL_DEFAULT_SENDER"])
        with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=10) as smtp:
            if cfg["MAIL_USE_TLS"]:
                smtp.starttls()
            if cfg["MAIL_USERNAME"]:
                smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
            smtp.send_message(message)


def init_mail(app) -> None:
    kind = app.config["MAIL_BACKEND"]
    backends = {
        "console": ConsoleBackend,
        "file": lambda: FileBackend(app.config["MAIL_OUTBOX_DIR"]),
        "memory": MemoryBackend,
        "smtp": SMTPBackend,
    }
    if kind not in backends:
        raise ValueError(f"Unknown MAIL_BACKEND {kind!r}")
    backend = backends[kind]()
    app.extensions["mail"] = backend
    if isinstance(backend, MemoryBackend):
        app.extensions["mail_outbox"] = backend.outbox


def send_mail(to: str, subject: str, template: str, **context) -> Mail:
    """Render templates/mail/<template>.txt and send it through the configured backend."""
    text = render_template(f"mail/{template}.txt", **context)
    mail = Mail(to=to, subject=f"[Entre IDEL] {subject}", text=text)
    current_app.extensions["mail"].send(mail)
    return mail
