"""`flask seed-demo`: the data a newcomer sees after `make run`."""
from forum.demo import DEMO_PASSWORD
from tests.conftest import login


def test_seed_demo_fills_every_category_and_prints_the_logins(app, client):
    result = app.test_cli_runner().invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "moderation@demo.entre-idel.fr" in result.output
    assert "claire.moreau@demo.entre-idel.fr" in result.output

    page = login(client, "claire.moreau@demo.entre-idel.fr", DEMO_PASSWORD).get_data(as_text=True)
    for category in ("Remplacements", "Cotations NGAP", "Logiciels", "Protocoles de soins",
                     "Entraide", "Actualités"):
        assert category in page
    assert "0 sujet" not in page
    board = client.get("/remplacements").get_data(as_text=True)
    assert "Quimper" in board and "Aurillac" in board

    # Running it again adds nothing.
    again = app.test_cli_runner().invoke(args=["seed-demo", "--if-empty"])
    assert "non ajoutées" in again.output


def test_demo_moderator_finds_the_new_member_posts_in_the_queue(app, client):
    app.test_cli_runner().invoke(args=["seed-demo"])
    login(client, "moderation@demo.entre-idel.fr", DEMO_PASSWORD)
    queue = client.get("/moderation/").get_data(as_text=True)
    assert "Fatou Diallo" in queue
    assert "2 éléments en attente" in queue
