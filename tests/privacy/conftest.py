"""Fixtures for the privacy detector tests: no Flask, no app, no database."""
import pytest

from forum.privacy.text import Context


@pytest.fixture
def ctx():
    """Build the analysis context a recognizer receives."""
    return Context
