"""factory_boy factories for every model, with plausible Chinese and English content."""

import datetime

import factory
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from bulletins.models import AboutBlock, Article, Bulletin, ContactBlock, Viewpoint
from events.models import Event, EventOrganizer
from partners.models import Organization, OrganizationAlias, Person
from topics.models import Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name_zh_hans = factory.Sequence(lambda n: f"议题{n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_zh_hans = factory.Sequence(lambda n: f"合作机构{n}")
    name_en = factory.Sequence(lambda n: f"Partner Organization {n}")
    kind = Organization.Kind.NGO
    slug = factory.Sequence(lambda n: f"organization-{n}")


class OrganizationAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationAlias

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"别名{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name_zh_hans = factory.Sequence(lambda n: f"张{n}")
    name_en = factory.Sequence(lambda n: f"Zhang {n}")
    organization = factory.SubFactory(OrganizationFactory)
    slug = factory.Sequence(lambda n: f"person-{n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title_zh_hans = factory.Sequence(lambda n: f"圆桌对话{n}")
    title_en = factory.Sequence(lambda n: f"Round-table dialogue {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = Event.Kind.ROUND_TABLE
    format = Event.Format.ONLINE
    start_date = datetime.date(2020, 7, 30)
    end_date = factory.SelfAttribute("start_date")


class EventOrganizerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventOrganizer

    event = factory.SubFactory(EventFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = EventOrganizer.Role.HOST


class ContactBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactBlock

    label = factory.Sequence(lambda n: f"Contact version {n}")
    valid_from = datetime.date(2020, 1, 1)
    organization_names_zh_hans = "澜沧江—湄公河环境合作中心"
    organization_names_en = "Lancang-Mekong Environmental Cooperation Center"
    address_zh_hans = "北京市西城区后英房胡同5号"
    address_en = "No. 5 Houyingfang Hutong, Xicheng District, Beijing"
    postcode = "100035"
    emails = "contact@example.org"


class AboutBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AboutBlock

    label = factory.Sequence(lambda n: f"About version {n}")
    valid_from = datetime.date(2020, 1, 1)
    text_zh_hans = "中心旨在推动澜湄国家生态环境保护合作。"
    text_en = "The Center promotes environmental cooperation among the Lancang-Mekong countries."


def run_background_work(*, pdfs=True):
    """Do the background work waiting now (PDFs, search entries, going live), as a worker
    (``manage.py run_worker --batch``) would, in this process and the test's transaction
    (the worker's own loop closes the database connection between tasks).

    ``pdfs=False`` leaves the PDF renders waiting, as on a busy site: most tests need no
    PDF, and each takes about a second to render."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    from publishing.models import Job
    from publishing.pipeline import RENDER_PDFS

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    waiting = set()
    if not pdfs:
        renders = Job.objects.filter(task=RENDER_PDFS).values_list("pk", flat=True)
        waiting = {str(pk) for pk in renders}
    while True:
        tasks = DBTaskResult.objects.ready()
        task = next(
            (task for task in tasks if str(task.args_kwargs["args"][0]) not in waiting), None
        )
        if task is None:
            return
        task.claim(worker.worker_id)
        worker.run_task(task)


def publish(bulletin, *, languages=None, at=None, note=None, user=None, work=True, pdfs=False):
    """Publish ``bulletin`` with its articles as they are now, as a publisher would, in
    ``languages`` (by default every language it is written in); then, unless ``work`` is
    False, do the background work that follows (search, going live; the PDFs too with
    ``pdfs``)."""
    from publishing import snapshot
    from publishing.services import edition_publish

    Bulletin.objects.filter(pk=bulletin.pk, status=Bulletin.Status.DRAFT).update(
        status=Bulletin.Status.IN_REVIEW
    )
    if languages is None:  # what it is written in, as the demo content is published
        tree = snapshot.issue_queryset(Bulletin.objects.filter(pk=bulletin.pk)).get()
        languages = snapshot.written_languages(tree)
    with transaction.atomic():
        edition = edition_publish(
            bulletin=Bulletin.objects.select_for_update().get(pk=bulletin.pk),
            user=user,
            at=at or timezone.now(),
            languages=languages,
            note=note,
        )
    if work:
        run_background_work(pdfs=pdfs)
    bulletin.refresh_from_db()
    return edition


def frozen(bulletin, languages=None) -> dict:
    """The issue as an edition in ``languages`` (default: what it is written in) would
    print it: what PDFs and pages are made of."""
    from publishing import snapshot

    tree = snapshot.issue_queryset(Bulletin.objects.filter(pk=bulletin.pk)).get()
    return snapshot.freeze(tree, languages or snapshot.written_languages(tree))


def make_public(*records):
    """Publish partners, events or topics on their own, as a publisher would."""
    from publishing.services import record_publish

    publisher = UserFactory(username="publisher-of-the-tests", role="Publisher")
    for record in records:
        record_publish(obj=record, user=publisher)


class BulletinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bulletin

    year = 2021
    number = factory.Sequence(lambda n: n + 1)
    publication_date = datetime.date(2021, 3, 1)
    status = Bulletin.Status.DRAFT
    contact_block = factory.SubFactory(ContactBlockFactory)
    about_block = factory.SubFactory(AboutBlockFactory)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    bulletin = factory.SubFactory(BulletinFactory)
    position = factory.Sequence(lambda n: n)
    headline_zh_hans = factory.Sequence(lambda n: f"环境合作会议{n}顺利举行")
    headline_en = factory.Sequence(lambda n: f"Environmental cooperation meeting {n} held")
    body_zh_hans = "<p>会议以网络会议形式顺利举行。</p>"
    body_en = "<p>The meeting was held online.</p>"


class ViewpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Viewpoint

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n)
    organization = factory.SubFactory(OrganizationFactory)
    speaker_label_zh_hans = "代表"
    speaker_label_en = "Representative"
    statement_zh_hans = "代表表示应加强对话与合作。"
    statement_en = "The representative called for more dialogue and cooperation."


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber (publishing/models/mail.py)."""

    class Meta:
        model = "publishing.Subscriber"

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"
    languages = factory.LazyAttribute(lambda subscriber: [subscriber.language])
    status = "confirmed"
    confirmed_at = factory.LazyFunction(timezone.now)
