"""Admin lists that answer any query string with a list or Django's "invalid filter" page.

The list's filters come from the query string: a date hierarchy year beyond 9999, a number
too large for its column or a value PostgreSQL refuses would otherwise be a 500. They are
treated as Django treats an unknown filter (IncorrectLookupParameters: the list is shown
again without them, with a note). NUL bytes never get here (lmec.security).
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db import DataError

# What bad values raise while the filters are built or the list is counted.
REFUSED_VALUE_ERRORS = (ValueError, OverflowError, DataError)


class CheckedChangeList(ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except REFUSED_VALUE_ERRORS as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        try:
            super().get_results(request)
        except REFUSED_VALUE_ERRORS as error:
            raise IncorrectLookupParameters(error) from error


class CheckedListAdminMixin:
    """For every ModelAdmin of the site, the project's and the libraries' alike."""

    def get_changelist(self, request, **kwargs):
        return CheckedChangeList
