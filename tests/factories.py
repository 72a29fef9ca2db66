"""factory_boy factories for every model, with plausible Chinese and English content."""

import datetime

import factory
from django.contrib.auth.models import Group, User

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
