"""Profiles: what members see of each other, editing, interests and RPPS verification."""
from __future__ import annotations

import re

from flask import render_template_string

from forum.extensions import db
from forum.models import MemberStatus, Role, User


def _csrf(response) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True))[1]


def test_edit_profile_and_interest_marker(app, client, make_user, login_as, submit, page):
    user = make_user()
    login_as(user)
    form_page = page(client.get("/profil"))
    assert "écrivez à la modération" in form_page  # names and RPPS are not editable here
    assert '<datalist id="logiciels-idel">' in form_page and 'value="Weda"' in form_page
    assert 'name="first_name"' not in form_page and 'name="rpps"' not in form_page

    response = submit("/profil", {
        "commune": "Quimper", "departement": "29", "status": "remplacant", "software": "Vega",
        "interests_declaration": "Formatrice rémunérée pour un fabricant de pansements.",
    }, follow=True)
    text = page(response)
    assert "Votre profil est enregistré." in text
    assert "Quimper" in text and "29" in text and "Remplaçant·e" in text and "Vega" in text
    section = re.search(r'<section id="liens-interets".*?</section>', text, re.S).group(0)
    assert "Formatrice rémunérée pour un fabricant de pansements." in section

    with app.app_context():
        saved = db.session.get(User, user.id)
        assert saved.status is MemberStatus.remplacant and saved.departement == "29"
    # Reopening the form shows the saved values.
    again = page(client.get("/profil"))
    assert 'value="Quimper"' in again and '<option selected value="remplacant">' in again


def test_empty_interests_are_stated(client, make_user, login_as, page):
    user = make_user()
    login_as(user)
    assert "Aucun lien d'intérêt déclaré." in page(client.get(f"/membres/{user.id}"))


def test_invalid_departement_keeps_what_was_typed(client, make_user, login_as, submit, page):
    user = make_user()
    login_as(user)
    for code in ("20", "96", "977", "abc"):
        response = submit("/profil", {"commune": "Ajaccio", "departement": code,
                                      "interests_declaration": "Rien de particulier"})
        assert response.status_code == 422
        text = page(response)
        assert "Ce numéro de département n'existe pas" in text
        assert 'value="Ajaccio"' in text and "Rien de particulier" in text
    for code, stored in (("2a", "2A"), ("1", "01"), ("974", "974")):
        assert submit("/profil", {"departement": code}).status_code == 302
        assert f"<dd>{stored}</dd>" in page(client.get(f"/membres/{user.id}"))


def test_members_do_not_see_each_others_email_or_rpps(client, make_user, login_as, page):
    viewer = make_user("Paul", "Girard")
    other = make_user("Claire", "Moreau")
    login_as(viewer)
    text = page(client.get(f"/membres/{other.id}"))
    assert "Claire Moreau" in text
    assert other.email not in text
    assert other.rpps not in text
    assert "Confirmer le RPPS" not in text
    own = page(client.get(f"/membres/{viewer.id}"))
    assert viewer.email in own and viewer.rpps in own


def test_profile_of_unknown_member_is_404(client, make_user, login_as):
    login_as(make_user())
    assert client.get("/membres/999999").status_code == 404


def test_moderator_confirms_the_rpps(app, client, make_user, login_as, page):
    moderator = make_user("Anne", "Roux", role=Role.moderator)
    nurse = make_user("Claire", "Moreau", verified_nurse=False)
    login_as(moderator)
    text = page(client.get(f"/membres/{nurse.id}"))
    assert nurse.rpps in text
    assert "Confirmer le RPPS" in text
    profile = client.get(f"/membres/{nurse.id}")
    response = client.post(f"/membres/{nurse.id}/verifier-rpps", data={"csrf_token": _csrf(profile)},
                           follow_redirects=True)
    text = page(response)
    assert "Infirmier·e vérifié·e" in text
    assert "Confirmer le RPPS" not in text
    with app.app_context():
        saved = db.session.get(User, nurse.id)
        assert saved.rpps_verified_at is not None
        assert saved.rpps_verified_by_id == moderator.id


def test_member_cannot_confirm_an_rpps(app, client, make_user, login_as, page):
    member = make_user("Paul", "Girard")
    nurse = make_user("Claire", "Moreau", verified_nurse=False)
    login_as(member)
    profile = client.get(f"/membres/{nurse.id}")
    response = client.post(f"/membres/{nurse.id}/verifier-rpps", data={"csrf_token": _csrf(profile)})
    assert response.status_code == 403
    assert "Accès refusé" in page(response)
    with app.app_context():
        assert db.session.get(User, nurse.id).rpps_verified_at is None


def test_moderator_cannot_confirm_without_csrf(app, client, make_user, login_as):
    login_as(make_user("Anne", "Roux", role=Role.moderator))
    nurse = make_user("Claire", "Moreau", verified_nurse=False)
    client.post(f"/membres/{nurse.id}/verifier-rpps")
    with app.app_context():
        assert db.session.get(User, nurse.id).rpps_verified_at is None


def test_author_link_macro(app, make_user):
    plain = make_user("Paul", "Girard", verified_nurse=False)
    declared = make_user("Claire", "Moreau", verified_nurse=True,
                         interests_declaration="Consultante pour un éditeur de logiciel")
    template = '{% from "macros/members.html" import author_link %}{{ author_link(user) }}'
    with app.test_request_context(), app.app_context():
        plain_html = render_template_string(template, user=db.session.get(User, plain.id))
        declared_html = render_template_string(template, user=db.session.get(User, declared.id))
    assert f'href="/membres/{plain.id}">Paul Girard</a>' in plain_html
    assert "interest-marker" not in plain_html and "vérifié" not in plain_html
    assert "Infirmier·e vérifié·e" in declared_html
    assert (f'<a class="interest-marker" href="/membres/{declared.id}#liens-interets" '
            'title="Liens d\'intérêt déclarés">LI</a>') in declared_html.replace("&#39;", "'")


def test_database_hiccup_on_profile_keeps_the_form(client, make_user, login_as, submit, page,
                                                     monkeypatch):
    from sqlalchemy.exc import OperationalError

    login_as(make_user())

    def broken_commit():
        raise OperationalError("UPDATE", {}, Exception("connection lost"))

    form_page = client.get("/profil")
    monkeypatch.setattr(db.session, "commit", broken_commit)
    response = client.post("/profil", data={"csrf_token": _csrf(form_page), "commune": "Brest",
                                            "interests_declaration": "Conseil pour un laboratoire"})
    monkeypatch.undo()
    assert response.status_code == 503
    text = page(response)
    assert "le forum rencontre un problème passager" in text
    assert 'value="Brest"' in text and "Conseil pour un laboratoire" in text
