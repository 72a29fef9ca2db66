"""What the editorial machinery costs on the issue's admin pages, with the demo content.

Each figure is the median and fastest time of one request (or service call), and the
number of SQL queries it makes, on issue 2020-2 (two articles, eight viewpoints). The
issue page edits every article's body and viewpoints (nested); the same page of an issue
with six articles (three more, three viewpoints each) shows that its queries do not grow
with the articles; a pending change of that issue (one headline) is then published
through the admin's form. Runs
against a throwaway database (bench_editorial) on the project's PostgreSQL, created and
dropped here; every repetition is rolled back, so each starts from the same state.
Usage: .venv/bin/python benchmarks/bench_editorial.py [repetitions]
"""

import sys

from in_process import measure, setup_django, throwaway_database

setup_django()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from reversion.models import Version  # noqa: E402

from bulletins.models import Article, Bulletin, Viewpoint  # noqa: E402
from editorial.demo.loader import load_demo  # noqa: E402
from partners.models import Organization  # noqa: E402
from publishing import services  # noqa: E402
from tests.admin_pages import form_data  # noqa: E402


def published(response):
    # A form shown again (a refusal) would be measured as if it were the publication.
    assert response.status_code == 302, response.content[:2000]
    return response


def main(repetitions: int):
    setup_test_environment()
    with throwaway_database("bench_editorial"):
        load_demo()
        publisher = User.objects.create(username="publisher", is_staff=True)
        publisher.groups.add(Group.objects.get(name="Publisher"))
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(publisher)
        bulletin = Bulletin.objects.get(year=2020, number=2)
        page = f"/admin/bulletins/bulletin/{bulletin.pk}"
        unchanged = form_data(client.get(f"{page}/change/"))
        # Two revisions to compare and restore.
        client.post(f"{page}/change/", unchanged | {"title_en": "A title"})
        # and back: the issue then has no pending changes, like the larger one below.
        client.post(
            f"{page}/change/",
            form_data(client.get(f"{page}/change/")) | {"title_en": unchanged.get("title_en", "")},
        )
        older, newer = Version.objects.get_for_object(bulletin).order_by("pk")[:2]
        second = bulletin.articles.all()[1]
        nested = f"{page}/nested/articles/{second.pk}/viewpoints/?prefix=articles-1-viewpoints"
        larger = Bulletin.objects.get(year=2020, number=5)
        for position in range(2, 7):
            article = Article.objects.create(
                bulletin=larger, position=position, headline_zh_hans=f"第{position}篇"
            )
            for number in range(1, 4):
                Viewpoint.objects.create(
                    article=article,
                    position=number,
                    organization=Organization.objects.first(),
                    statement_zh_hans=f"观点{number}。",
                )
        larger_page = f"/admin/bulletins/bulletin/{larger.pk}/change/"
        # Published as it is, like the issues editors open; each publication measured
        # below first changes one headline (one query), which makes a pending change.
        services.bulletin_publish(bulletin=larger, user=publisher, languages=["zh-hans", "en"])
        changed = larger.articles.order_by("position").first()
        publish_page = f"/admin/bulletins/bulletin/{larger.pk}/workflow/publish/"

        def publish_a_change():
            Article.objects.filter(pk=changed.pk).update(headline_en="A corrected headline")
            return published(client.post(publish_page, publish_form))

        publish_form = {"when": "now", "languages": ["zh-hans", "en"], "publish_incomplete": "on"}

        steps = [
            ("admin index with dashboard", lambda: client.get("/admin/")),
            ("issue list with translations", lambda: client.get("/admin/bulletins/bulletin/")),
            ("issue page, nested (GET)", lambda: client.get(f"{page}/change/")),
            ("  its 8 viewpoints loaded (GET)", lambda: client.get(nested)),
            ("  issue of 6 articles (GET)", lambda: client.get(larger_page)),
            (
                "issue page saved (POST)",
                lambda: client.post(f"{page}/change/", form_data(client.get(f"{page}/change/"))),
            ),
            ("history", lambda: client.get(f"{page}/history/")),
            (
                "compare two versions",
                lambda: client.get(f"{page}/history/compare/?from={older.pk}&to={newer.pk}"),
            ),
            ("restore a version (POST)", lambda: client.post(f"{page}/history/{older.pk}/")),
            (
                "publish pending changes (POST)",
                publish_a_change,
            ),
            (
                "withdraw (service)",
                lambda: services.bulletin_withdraw(bulletin=bulletin, user=publisher),
            ),
            ("public issue page", lambda: client.get("/en/bulletins/2020/2/")),
        ]
        print(f"{'step':<32}{'median ms':>10}{'min ms':>9}{'queries':>9}")
        for name, function in steps:
            median, fastest, queries = measure(function, repetitions)
            print(f"{name:<32}{median:>10.1f}{fastest:>9.1f}{queries:>9}")
        print("(issue page saved: includes the GET that loads the form)")
        print("(publish: what the publisher waits for; the outputs follow on the task queue,")
        print(" see bench_pipeline.py)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
