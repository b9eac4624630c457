"""Creating topics: tags, validation that keeps the text, CSRF, Markdown, lists, drafts."""
from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from board_helpers import BODY, bulk_topics, category, make_topic, submit
from forum.board import services
from forum.board.services import TagError, normalise_tags
from forum.extensions import db
from forum.forms import CSRF_MESSAGE
from forum.models import Tag, Topic

NEW = "/forum/cotations-ngap/nouveau"


def test_anonymous_is_sent_to_login(client, app, make_user):
    topic_id = make_topic(app, make_user())
    for url in ("/forum", "/forum/cotations-ngap", NEW, f"/sujet/{topic_id}", "/tag/AMI",
                f"/sujet/{topic_id}/repondre"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/connexion" in response.headers["Location"]


def test_new_topic_form_offers_ngap_tags_and_markdown_help(client, make_user, login_as):
    login_as(make_user())
    page = client.get(NEW).get_data(as_text=True)
    assert 'data-autosave="sujet-cotations-ngap"' in page
    assert "Tags NGAP suggérés" in page and "AMI, AIS, BSI" in page
    assert "**gras**" in page
    assert '<label for="title">Titre</label>' in page


def test_create_topic_with_tags_then_see_it_everywhere(client, app, make_user, login_as):
    login_as(make_user("Claire", "Moreau"))
    response = submit(client, NEW, {
        "title": "  Cumul AMI 4 et BSI : comment coter ?  ",
        "body": BODY, "tags": "ami, Soins palliatifs,  #ifd, ami",
    })
    assert response.status_code == 302
    topic_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<h1>Cumul AMI 4 et BSI : comment coter ?</h1>" in topic_page
    for tag in ("AMI", "IFD", "soins-palliatifs"):
        assert f">{tag}</a>" in topic_page
    assert "Claire Moreau" in topic_page

    listing = client.get("/forum/cotations-ngap").get_data(as_text=True)
    assert "Cumul AMI 4 et BSI : comment coter ?" in listing
    assert "0 réponse" in listing and ">AMI</a>" in listing
    for url in ("/tag/AMI", "/tag/ami", "/tag/soins-palliatifs"):
        assert "Cumul AMI 4 et BSI" in client.get(url).get_data(as_text=True), url
    home = client.get("/forum").get_data(as_text=True)
    assert "Cumul AMI 4 et BSI" in home and "1 sujet · 1 message" in home

    with app.app_context():
        assert sorted(db.session.scalars(select(Tag.name))) == ["AMI", "IFD", "soins-palliatifs"]
        cat = category()
        assert (cat.topic_count, cat.post_count) == (1, 1)
        assert cat.last_activity_at is not None


def test_unknown_category_and_tag_are_404(client, make_user, login_as):
    login_as(make_user())
    assert client.get("/forum/nulle-part").status_code == 404
    assert client.get("/forum/nulle-part/nouveau").status_code == 404
    assert client.get("/tag/inconnu").status_code == 404


def test_validation_errors_keep_what_was_typed(client, make_user, login_as):
    login_as(make_user())
    response = submit(client, NEW, {"title": "AMI", "body": "Trop court", "tags": "AMI, x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Le titre doit compter entre 5 et 160 caractères." in page
    assert "Le message doit compter entre 10 et 20000 caractères." not in page  # 10 chars is ok
    assert "Chaque tag doit compter entre 2 et 30 caractères" in page
    assert 'value="AMI"' in page and "Trop court</textarea>" in page
    assert 'value="AMI, x"' in page

    response = submit(client, NEW, {"title": "Un titre correct", "body": "court",
                                    "tags": "a+b, c"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Le message doit compter entre 10 et 20000 caractères." in page
    assert "court</textarea>" in page and 'value="Un titre correct"' in page


def test_too_many_or_invalid_tags_are_refused(client, make_user, login_as):
    login_as(make_user())
    response = submit(client, NEW, {"title": "Un titre correct", "body": BODY,
                                    "tags": "AMI, AIS, BSI, IFD, IK, MAU"})
    assert response.status_code == 422
    assert "5 tags au maximum." in response.get_data(as_text=True)
    response = submit(client, NEW, {"title": "Un titre correct", "body": BODY,
                                    "tags": "soins_palliatifs"})
    assert "lettres, des chiffres et des tirets" in response.get_data(as_text=True)


def test_normalise_tags_rules():
    assert normalise_tags("ami, Pansement ,MCI,  ,pansement") == ["AMI", "pansement", "MCI"]
    assert normalise_tags(["Escarre", "bsi"]) == ["escarre", "BSI"]
    assert normalise_tags("Soins   palliatifs, Éducation") == ["soins-palliatifs", "éducation"]
    with pytest.raises(TagError):
        normalise_tags("x" * 31)
    with pytest.raises(TagError):
        normalise_tags("<script>")


def test_missing_csrf_brings_the_form_back_filled(client, make_user, login_as):
    login_as(make_user())
    response = submit(client, NEW, {"title": "Un titre correct", "body": BODY, "tags": "AMI"},
                      with_csrf=False)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert CSRF_MESSAGE in page
    assert 'value="Un titre correct"' in page and "Merci d&#39;avance.</textarea>" in page
    assert 'value="AMI"' in page


def test_markdown_is_rendered_and_script_neutralised(client, make_user, login_as):
    login_as(make_user())
    response = submit(client, NEW, {
        "title": "Un titre correct",
        "body": "Du **gras** et *italique*\n\n<script>alert('x')</script>\n\n[lien](javascript:alert(1))",
    })
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<strong>gras</strong>" in page and "<em>italique</em>" in page
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert 'href="javascript' not in page


def test_database_error_keeps_the_text(client, make_user, login_as, monkeypatch):
    login_as(make_user())

    def broken(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("connexion perdue"))

    monkeypatch.setattr(services, "submit_topic", broken)
    response = submit(client, NEW, {"title": "Un titre correct", "body": BODY, "tags": "AMI"})
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Un incident technique a empêché l&#39;enregistrement." in page
    assert 'value="Un titre correct"' in page and "Merci d&#39;avance.</textarea>" in page


def test_text_typed_after_session_expired_is_restored(client, app, make_user, login_as):
    user = make_user()
    response = client.post(NEW, data={"title": "Écrit hors session", "body": BODY,
                                      "tags": "AMI"})
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    login_as(user)
    page = client.get(NEW).get_data(as_text=True)
    assert "Votre texte a été restauré" in page
    assert 'value="Écrit hors session"' in page and "Merci d&#39;avance.</textarea>" in page


def test_topics_are_paginated_most_recent_first(client, app, make_user, login_as):
    user = make_user()
    bulk_topics(app, [user.id], 25)
    login_as(user)
    first = client.get("/forum/cotations-ngap").get_data(as_text=True)
    assert first.count('class="topic-item') == 20
    assert "Sujet en masse numéro 0<" in first and "Sujet en masse numéro 19<" in first
    assert "Page 1 sur 2" in first and 'href="/forum/cotations-ngap?page=2"' in first
    second = client.get("/forum/cotations-ngap?page=2").get_data(as_text=True)
    assert second.count('class="topic-item') == 5
    assert "Sujet en masse numéro 24<" in second
    assert first.index("numéro 0<") < first.index("numéro 1<")
    tag_page = client.get("/tag/pansement?page=2").get_data(as_text=True)
    assert tag_page.count('class="topic-item') == 5
    home = client.get("/forum").get_data(as_text=True)
    assert home.count('class="topic-item') == 10


def test_topic_counts_held_by_screening_are_not_counted(client, app, make_user, login_as):
    login_as(make_user())
    held_body = "Mme Dupont, 84 ans, diabétique, refuse l'insuline : comment faire ?"
    response = submit(client, NEW, {"title": "Un titre correct", "body": held_body})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "en attente de vérification par l&#39;équipe de modération" in page
    assert "En attente de vérification" in page
    with app.app_context():
        cat = category()
        assert (cat.topic_count, cat.post_count) == (0, 0)
        assert db.session.scalar(select(Topic.status)).value == "held"
