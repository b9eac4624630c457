"""Page benchmark: SQL statements and latency of the main pages as the data grows.

Builds a throw-away database (SQLite file by default, or BENCH_DATABASE_URL), fills it
with N topics of M posts, then requests the home, category and topic pages through the
test client and prints, for each size, the number of SQL statements per page and the
median / p95 latency. The statement count must not grow with the data.

    python bench/pages_bench.py [--sizes 50,500,5000] [--posts 30] [--runs 30]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, insert, select  # noqa: E402

from forum import create_app  # noqa: E402
from forum.board.categories import ensure_categories  # noqa: E402
from forum.config import TestConfig  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.models import Category, Post, PostStatus, Topic, User  # noqa: E402
from forum.models.base import utcnow  # noqa: E402
from forum.text import render  # noqa: E402

BODY = ("Bonjour, pour un pansement complexe chez un patient diabétique, je cote AMI 4 "
        "et je me demande si la MCI s'applique. Vous faites comment ?")


def fill(n_topics: int, posts_per_topic: int) -> tuple[str, int]:
    """Insert members, topics and posts in bulk; returns a category slug and a topic id."""
    users = [User(first_name=f"Prénom{i}", last_name=f"Nom{i}", email=f"u{i}@bench.fr",
                  rpps=f"{10_000_000_000 + i}", password_hash="x", email_verified_at=utcnow())
             for i in range(20)]
    db.session.add_all(users)
    db.session.commit()
    category = db.session.scalar(select(Category).where(Category.slug == "cotations-ngap"))
    html = render(BODY)
    now = utcnow()
    topic_rows = [dict(category_id=category.id, author_id=users[i % 20].id,
                       title=f"Question de cotation numéro {i}", status=PostStatus.published,
                       created_at=now, last_activity_at=now, reply_count=posts_per_topic - 1,
                       last_poster_id=users[(i + 1) % 20].id) for i in range(n_topics)]
    db.session.execute(insert(Topic), topic_rows)
    topic_ids = db.session.scalars(select(Topic.id)).all()
    post_rows = [dict(topic_id=tid, author_id=users[j % 20].id, is_first=j == 0,
                      body_source=BODY, body_html=html, status=PostStatus.published,
                      created_at=now, revision_count=0)
                 for tid in topic_ids for j in range(posts_per_topic)]
    for start in range(0, len(post_rows), 5000):
        db.session.execute(insert(Post), post_rows[start:start + 5000])
    category.topic_count = n_topics
    category.post_count = n_topics * posts_per_topic
    category.last_activity_at = now
    db.session.commit()
    return category.slug, topic_ids[len(topic_ids) // 2], users[0]


def measure(app, client, url: str, runs: int) -> tuple[int, float, float]:
    statements = []
    with app.app_context():
        engine = db.engine
    listener = lambda *a: statements.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    client.get(url)  # warm-up
    statements.clear()
    client.get(url)
    count = len(statements)
    event.remove(engine, "before_cursor_execute", listener)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return count, statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,500,2000")
    parser.add_argument("--posts", type=int, default=30, help="posts per topic")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    print(f"{'topics':>7} {'posts':>8} {'page':<10} {'SQL':>4} {'p50 ms':>8} {'p95 ms':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.db"

            class BenchConfig(TestConfig):
                SQLALCHEMY_DATABASE_URI = url

            app = create_app(BenchConfig)
            with app.app_context():
                db.drop_all()
                db.create_all()
                ensure_categories()
                slug, topic_id, user = fill(size, args.posts)
                user_id = user.id
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = str(user_id)
                session["_fresh"] = True
            last_page = (args.posts + app.config["POSTS_PER_PAGE"] - 1) // app.config["POSTS_PER_PAGE"]
            for name, page_url in (("home", "/forum"), ("category", f"/forum/{slug}"),
                                   ("topic", f"/sujet/{topic_id}?page={last_page}")):
                count, p50, p95 = measure(app, client, page_url, args.runs)
                print(f"{size:>7} {size * args.posts:>8} {name:<10} {count:>4} {p50:>8.1f} {p95:>8.1f}")
            with app.app_context():
                db.drop_all()
                db.engine.dispose()


if __name__ == "__main__":
    main()
