"""Reading the sitemap as a search engine does: the index, then every page it lists."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_pages(client) -> list[str]:
    """The XML of every sitemap page /sitemap.xml lists (each answered 200)."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    pages = []
    for location in ET.fromstring(index.content).iter(f"{SITEMAP}loc"):
        address = urlsplit(location.text)
        response = client.get(
            address.path, query_params=dict([address.query.split("=")]) if address.query else None
        )
        assert response.status_code == 200, location.text
        pages.append(response.content.decode())
    return pages


def sitemap_urls(client) -> list:
    """Every <url> element of the sitemap, all sections and pages together."""
    return [
        url
        for page in sitemap_pages(client)
        for url in ET.fromstring(page).findall(f"{SITEMAP}url")
    ]
