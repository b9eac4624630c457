"""Helpers for the accounts tests: submit a form as a browser would, read a page as text."""
from __future__ import annotations

import html
import re

import pytest


@pytest.fixture
def page():
    """The visible text of a response, HTML entities decoded (French apostrophes)."""

    def read(response) -> str:
        return html.unescape(response.get_data(as_text=True))

    return read


@pytest.fixture
def submit(client):
    """GET a form page, then POST `data` to it with the CSRF token found in the page."""

    def do(url, data, *, action=None, follow=False, with_csrf=True, using=None):
        browser = using or client
        form_page = browser.get(url)
        token = _csrf(form_page)
        payload = dict(data)
        if with_csrf:
            payload["csrf_token"] = token
        return browser.post(action or url, data=payload, follow_redirects=follow)

    return do


def _csrf(response) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    assert match, f"no CSRF token in page ({response.status_code})"
    return match.group(1)


@pytest.fixture
def signup_data():
    def make(**overrides):
        data = {
            "first_name": "Sophie", "last_name": "Lambert", "email": "Sophie.Lambert@Exemple.fr",
            "rpps": "10 00 123 456 7", "password": "Tournée-du-matin-2024",
            "password_confirm": "Tournée-du-matin-2024", "accept_charter": "y",
        }
        data.update(overrides)
        return data

    return make
