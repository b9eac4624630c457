"""Editing: only the author, the previous version kept, history for author and moderators."""
from __future__ import annotations

from sqlalchemy import select

from board_helpers import BODY, client_for, first_post_id, make_reply, make_topic, submit
from forum.extensions import db
from forum.models import Post, PostRevision, Role, Topic


def test_author_edits_first_post_and_history_keeps_previous_version(client, app, make_user,
                                                                    login_as):
    author = make_user("Claire", "Moreau")
    topic_id = make_topic(app, author, title="Titre de départ", body="Version **une** du texte.",
                          tags="AMI")
    post_id = first_post_id(app, topic_id)
    login_as(author)
    url = f"/message/{post_id}/modifier"
    form = client.get(url).get_data(as_text=True)
    assert 'value="Titre de départ"' in form and "Version **une** du texte.</textarea>" in form
    assert 'value="AMI"' in form and f'data-autosave="modifier-{post_id}"' in form

    response = submit(client, url, {"title": "Titre corrigé", "body": "Version **deux** du texte.",
                                    "tags": "bsi, ami"})
    assert response.status_code == 302
    assert f"#message-{post_id}" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<h1>Titre corrigé</h1>" in page and "<strong>deux</strong>" in page
    assert ">BSI</a>" in page and ">AMI</a>" in page
    assert "modifié" in page
    assert f'href="/message/{post_id}/historique">Historique</a>' in page

    history = client.get(f"/message/{post_id}/historique").get_data(as_text=True)
    assert "<strong>une</strong>" in history and "Titre de départ" in history
    assert "<strong>deux</strong>" in history  # the current version, for comparison
    assert history.index("<strong>deux</strong>") < history.index("<strong>une</strong>")

    with app.app_context():
        post = db.session.get(Post, post_id)
        assert post.revision_count == 1 and post.edited_at is not None
        revision = db.session.scalar(select(PostRevision))
        assert revision.body_source == "Version **une** du texte."
        assert revision.title == "Titre de départ" and revision.editor_id == author.id
        assert [t.name for t in db.session.get(Topic, topic_id).tags] == ["AMI", "BSI"]


def test_history_lists_newest_first(client, app, make_user, login_as):
    author = make_user()
    topic_id = make_topic(app, author)
    reply_id = make_reply(app, author, topic_id, body="Première version de la réponse.")
    login_as(author)
    url = f"/message/{reply_id}/modifier"
    form = client.get(url).get_data(as_text=True)
    assert 'name="title"' not in form and 'name="tags"' not in form
    submit(client, url, {"body": "Deuxième version de la réponse."})
    submit(client, url, {"body": "Troisième version de la réponse."})
    history = client.get(f"/message/{reply_id}/historique").get_data(as_text=True)
    assert history.index("Deuxième version") < history.index("Première version")
    assert history.index("Troisième version") < history.index("Deuxième version")


def test_unchanged_edit_adds_no_revision(client, app, make_user, login_as):
    author = make_user()
    topic_id = make_topic(app, author)
    reply_id = make_reply(app, author, topic_id, body="Une réponse sans changement.")
    login_as(author)
    response = submit(client, f"/message/{reply_id}/modifier",
                      {"body": "Une réponse sans changement."}, follow_redirects=True)
    assert "Aucune modification à enregistrer." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Post, reply_id).revision_count == 0


def test_another_member_cannot_edit_nor_read_history(client, app, make_user, login_as):
    author = make_user("Claire", "Moreau")
    topic_id = make_topic(app, author)
    post_id = first_post_id(app, topic_id)
    client_for(app, author)
    submit(client_for(app, author), f"/message/{post_id}/modifier",
           {"title": "Titre modifié", "body": BODY + " Modifié."})
    login_as(make_user("Marc", "Aubert"))
    assert client.get(f"/message/{post_id}/modifier").status_code == 403
    response = client.post(f"/message/{post_id}/modifier",
                           data={"title": "Piraté", "body": "Texte remplacé par un autre."})
    assert response.status_code == 403
    assert client.get(f"/message/{post_id}/historique").status_code == 403
    page = client.get(f"/sujet/{topic_id}").get_data(as_text=True)
    assert "modifié" in page
    assert "Historique</a>" not in page and f"/message/{post_id}/modifier" not in page
    with app.app_context():
        assert db.session.get(Topic, topic_id).title == "Titre modifié"


def test_moderator_reads_history(app, make_user):
    author = make_user("Claire", "Moreau")
    topic_id = make_topic(app, author)
    post_id = first_post_id(app, topic_id)
    submit(client_for(app, author), f"/message/{post_id}/modifier",
           {"title": "Titre modifié", "body": "Nouvelle version du message."})
    moderator = client_for(app, make_user("Anne", "Perrin", role=Role.moderator))
    response = moderator.get(f"/message/{post_id}/historique")
    assert response.status_code == 200
    assert "Bonjour, comment cotez-vous" in response.get_data(as_text=True)
    page = moderator.get(f"/sujet/{topic_id}").get_data(as_text=True)
    assert "Historique</a>" in page
    assert f"/message/{post_id}/modifier" not in page  # moderators' edits: a later issue
    assert moderator.get(f"/message/{post_id}/modifier").status_code == 403


def test_edit_validation_keeps_the_text(client, app, make_user, login_as):
    author = make_user()
    post_id = first_post_id(app, make_topic(app, author))
    login_as(author)
    response = submit(client, f"/message/{post_id}/modifier",
                      {"title": "Bof", "body": "Un texte modifié assez long.", "tags": "a"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="Bof"' in page and "Un texte modifié assez long.</textarea>" in page
    assert "Le titre doit compter entre 5 et 160 caractères." in page
