"""What an anonymous visitor, a search engine and an error page show."""


def test_landing_and_charter_are_public(client):
    landing = client.get("/")
    assert landing.status_code == 200
    assert "Créer mon compte" in landing.get_data(as_text=True)
    charter = client.get("/charte")
    assert charter.status_code == 200
    text = charter.get_data(as_text=True)
    assert "secret professionnel" in text
    assert "pseudonyme" in text and "publicité" in text.lower()


def test_every_page_is_noindex_and_robots_disallow_all(client):
    response = client.get("/")
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex' in response.get_data(as_text=True)
    robots = client.get("/robots.txt")
    assert robots.get_data(as_text=True) == "User-agent: *\nDisallow: /\n"


def test_forum_pages_require_login(client):
    for url in ("/forum", "/forum/cotations-ngap", "/sujet/1", "/tag/AMI"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/connexion" in response.headers["Location"]


def test_unverified_member_is_sent_to_verification(client, make_user, login_as):
    user = make_user("Jeanne", "Petit", verified_email=False)
    login_as(user)
    response = client.get("/forum")
    assert response.status_code == 302
    assert "/inscription/verification" in response.headers["Location"]


def test_not_found_page_is_french(client, make_user, login_as):
    login_as(make_user())
    response = client.get("/sujet/999999")
    assert response.status_code == 404
    assert "Page introuvable" in response.get_data(as_text=True)


def test_static_assets_are_served_locally(client):
    html = client.get("/").get_data(as_text=True)
    assert "https://" not in html.split("<body>")[0]
    assert client.get("/static/css/app.css").status_code == 200


def test_expired_session_keeps_the_text_typed(app, client, make_user, login_as):
    """A reply posted after the session expired is restored into the form after login."""
    from forum.board.services import submit_topic
    from forum.extensions import db
    from forum.models import Category, User

    author = make_user("Claire", "Moreau")
    with app.app_context():
        category = db.session.query(Category).filter_by(slug="entraide").one()
        topic = submit_topic(db.session.get(User, author.id), category,
                             "Organisation des tournées", "Comment organisez-vous vos tournées ?", [])
        topic_id = topic.id
    # Logged out (session expired) while typing a long reply.
    response = client.post(f"/sujet/{topic_id}/repondre",
                           data={"body": "Une réponse longue que je ne veux pas perdre."})
    assert response.status_code == 302
    assert "/connexion" in response.headers["Location"]
    login_as(author)
    form = client.get(f"/sujet/{topic_id}/repondre").get_data(as_text=True)
    assert "Une réponse longue que je ne veux pas perdre." in form
