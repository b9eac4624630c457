"""WSGI entry point: `gunicorn wsgi:app`."""
from forum import create_app
from forum.privacy.lexicons import load_all

app = create_app()
# Load the privacy detector's word lists at start-up, not during the first post.
load_all()
