"""The importer's registry finds what Organization.objects.matching_name finds, and more."""

import pytest

from bulletins.importing import ImportFailed
from bulletins.importing.matching import Registry
from lmec.localized import translated_search_fields
from partners.models import Organization, OrganizationAlias
from tests.factories import OrganizationAliasFactory, OrganizationFactory


@pytest.mark.django_db
def test_every_name_matching_name_knows_finds_the_same_partner(demo):
    registry = Registry(unit="line")
    names = {
        name
        for values in Organization.objects.values_list(
            *translated_search_fields("name", "short_name")
        )
        for name in values
        if name
    } | set(OrganizationAlias.objects.values_list("name", flat=True))

    for name in names:
        assert registry.find(name, line=1) == Organization.objects.matching_name(name).get(), name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "printed",
    [
        "澜沧江—湄公河环境合作中心",
        "澜沧江——湄公河环境合作中心",
        "澜沧江 – 湄公河环境合作中心",
        "澜沧江－湄公河环境合作中心",
        " 澜湄环境合作中心 ",
        "lmec",
    ],
)
def test_printed_variants_of_a_name_find_the_partner(demo, printed):
    assert Registry(unit="line").find(printed, line=1).slug == "lmec"


@pytest.mark.django_db
def test_a_name_two_partners_share_is_refused_rather_than_guessed():
    first = OrganizationFactory(name_zh_hans="亚洲开发银行")
    second = OrganizationFactory(name_zh_hans="亚洲基础设施投资银行")
    OrganizationAliasFactory(organization=first, name="亚行")
    OrganizationAliasFactory(organization=second, name="亚行")

    with pytest.raises(ImportFailed) as error:
        Registry(unit="line").find("亚行", line=7)

    assert error.value.message.startswith(
        "line 7: “亚行” is the name of more than one organization in the registry"
    )
