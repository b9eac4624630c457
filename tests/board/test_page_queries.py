"""The number of SQL statements per page does not grow with the data."""
from __future__ import annotations

from board_helpers import bulk_replies, bulk_topics, make_topic


def _count(client, count_queries, url):
    client.get(url)  # warm-up: anything done once per session is not what we measure
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return counter.count


def test_category_tag_and_home_pages_cost_the_same_with_5_or_200_topics(
        client, app, make_user, login_as, count_queries):
    authors = [make_user(f"Membre{i}", f"Nom{i}").id for i in range(6)]
    bulk_topics(app, authors, 5)
    login_as(make_user())
    urls = ["/forum/cotations-ngap", "/tag/AMI", "/forum"]
    small = {url: _count(client, count_queries, url) for url in urls}
    bulk_topics(app, authors, 195)
    large = {url: _count(client, count_queries, url) for url in urls}
    assert small == large
    assert all(n <= 10 for n in large.values()), large


def test_topic_page_costs_the_same_with_5_or_200_posts(client, app, make_user, login_as,
                                                       count_queries):
    authors = [make_user(f"Membre{i}", f"Nom{i}").id for i in range(8)]
    topic_id = make_topic(app, make_user(), tags="AMI, pansement")
    bulk_replies(app, authors, topic_id, 4)
    login_as(make_user())
    url = f"/sujet/{topic_id}"
    small = _count(client, count_queries, url)
    bulk_replies(app, authors, topic_id, 195)
    assert _count(client, count_queries, url) == small
    assert _count(client, count_queries, url + "?page=5") == small
    assert small <= 10, small
