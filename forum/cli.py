"""Command-line tools: `flask init-forum`, `flask seed-demo`, `flask privacy-check`, `flask privacy-eval`."""
from __future__ import annotations

import click


def register_cli(app) -> None:
    @app.cli.command("init-forum")
    def init_forum():
        """Create the fixed categories (safe to run again)."""
        from forum.board.categories import ensure_categories

        added = ensure_categories()
        click.echo(f"{added} catégorie(s) créée(s).")

    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True, help="Only seed when there is no member yet.")
    def seed_demo(if_empty: bool):
        """Fill the database with demo members, topics and replies."""
        from forum.demo import DEMO_PASSWORD, seed

        result = seed(only_if_empty=if_empty)
        if result is None:
            click.echo("Des membres existent déjà : données de démonstration non ajoutées.")
        else:
            click.echo(f"{result.members} membres, {result.topics} sujets, {result.posts} messages créés.")
        click.echo("")
        click.echo("Comptes de démonstration (mot de passe : %s)" % DEMO_PASSWORD)
        click.echo("  membre     : claire.moreau@demo.entre-idel.fr")
        click.echo("  modérateur : moderation@demo.entre-idel.fr")

    @app.cli.command("privacy-check")
    @click.argument("text")
    def privacy_check(text: str):
        """Print what the privacy detector finds in TEXT."""
        from forum.privacy import scan
        from forum.privacy.report import format_findings

        click.echo(format_findings(text, scan(text)))

    @app.cli.command("privacy-eval")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    def privacy_eval(path: str):
        """Score the privacy detector on a labelled JSONL corpus."""
        from forum.privacy.report import evaluate

        figures = evaluate(path)
        click.echo(" ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                            for k, v in figures.items()))
