"""Shared fixtures: one app per test session, an empty database per test.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL (or
TEST_DATABASE_URL) points at one, through the real psycopg driver.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from forum import create_app
from forum.board.categories import ensure_categories
from forum.config import TestConfig
from forum.extensions import db
from forum.models import Role, User
from forum.models.base import utcnow

PASSWORD = "Pansement-stérile-42"


@pytest.fixture(scope="session")
def app():
    app = create_app(TestConfig)
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()


@pytest.fixture(autouse=True)
def _clean_database(request, app):
    if "app" not in request.fixturenames and "client" not in request.fixturenames:
        yield
        return
    with app.app_context():
        ensure_categories()
    app.extensions["mail_outbox"].clear()
    yield
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def outbox(app):
    return app.extensions["mail_outbox"]


_rpps_counter = iter(range(10_000_000, 99_999_999))


@pytest.fixture
def make_user(app):
    """Create a member straight in the database (verified e-mail unless told otherwise)."""

    def make(first_name="Claire", last_name="Moreau", email=None, *, verified_email=True,
             verified_nurse=True, role=Role.member, password=PASSWORD, **profile):
        with app.app_context():
            user = User(
                first_name=first_name, last_name=last_name,
                email=email or f"{first_name}.{last_name}.{next(_rpps_counter)}@exemple.fr".lower(),
                rpps=f"100{next(_rpps_counter)}", role=role, charter_accepted_at=utcnow(),
                email_verified_at=utcnow() if verified_email else None,
                rpps_verified_at=utcnow() if verified_nurse else None, **profile,
            )
            user.set_password(password)
            db.session.add(user)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return make


def login(client, email, password=PASSWORD):
    """Log in through the real login form (CSRF included)."""
    page = client.get("/connexion")
    token = csrf_from(page)
    return client.post("/connexion", data={"email": email, "password": password,
                                            "csrf_token": token}, follow_redirects=True)


def csrf_from(response) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    assert match, "no CSRF token in page"
    return match.group(1)


@pytest.fixture
def login_as(client):
    def do(user, password=PASSWORD):
        response = login(client, user.email, password)
        assert response.status_code == 200
        return client

    return do


class QueryCounter:
    def __init__(self):
        self.count = 0
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        self.count += 1
        self.statements.append(statement)


@pytest.fixture
def count_queries(app):
    """Context manager factory counting SQL statements sent to the database."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        counter = QueryCounter()
        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", counter)

    return counting
