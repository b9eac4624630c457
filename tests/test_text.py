"""Markdown rendering and sanitising: the one place member text becomes HTML."""
from forum.text import quote, render


def test_markdown_is_rendered():
    html = render("**AMI 4** et *MCI*\n\n- pansement\n- injection")
    assert "<strong>AMI 4</strong>" in html
    assert "<em>MCI</em>" in html
    assert "<li>pansement</li>" in html


def test_raw_html_and_scripts_are_neutralised():
    html = render('<script>alert("x")</script><img src=x onerror=alert(1)>')
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_are_dropped_and_external_links_are_nofollow():
    html = render("[clic](javascript:alert(1)) et [Ameli](https://www.ameli.fr)")
    assert "javascript:" not in html.replace("[clic](javascript:alert(1))", "")
    assert 'href="https://www.ameli.fr"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


def test_member_headings_cannot_outrank_the_page_title():
    html = render("# Énorme titre\n## Sous-titre")
    assert "<h1>" not in html and "<h2>" not in html
    assert "<h3>Énorme titre</h3>" in html


def test_quote_prefixes_every_line_and_names_the_author():
    text = quote("Claire Moreau", "Première ligne\n\nDeuxième ligne")
    assert text.startswith("> **Claire Moreau** a écrit :\n")
    assert "> Première ligne\n>\n> Deuxième ligne" in text
    assert "<blockquote>" in render(text)
