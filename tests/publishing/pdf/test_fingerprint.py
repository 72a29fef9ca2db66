"""A stored PDF is stale once anything it was printed with changes, WeasyPrint included."""

import importlib.metadata

from publishing.pdf import document


def test_upgrading_weasyprint_makes_every_stored_pdf_stale(monkeypatch):
    before = document.fingerprint("<p>简报</p>")
    installed = importlib.metadata.version

    monkeypatch.setattr(
        importlib.metadata,
        "version",
        lambda name: "999.0" if name == "weasyprint" else installed(name),
    )

    assert document.fingerprint("<p>简报</p>") != before
