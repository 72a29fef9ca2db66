"""Answer a reader's GET again when a database restart cut its connection mid-request.

A restart ends every open connection, also those of requests being answered at that
moment: their next query fails with "server closed the connection unexpectedly". A GET
or HEAD changes nothing, so the view is simply called once more on a new connection
(which waits for the server, lmec.postgresql.base). Other methods are never repeated:
an editor's POST fails and the transaction rolls back as a whole.
"""

import logging

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

VIEW_ATTRIBUTE = "_lmec_view"


class RetryReadsAfterLostConnectionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        setattr(request, VIEW_ATTRIBUTE, (view_func, view_args, view_kwargs))

    def process_exception(self, request, exception):
        view = getattr(request, VIEW_ATTRIBUTE, None)
        if (
            view is None
            or request.method not in ("GET", "HEAD")
            or not isinstance(exception, DatabaseError)
            or not connection_lost()
        ):
            return None
        delattr(request, VIEW_ATTRIBUTE)  # once only
        logger.warning("Lost the database connection answering %s; answering again", request.path)
        connection.close()
        view_func, view_args, view_kwargs = view
        response = view_func(request, *view_args, **view_kwargs)
        if callable(getattr(response, "render", None)):
            response = response.render()
        return response


def connection_lost() -> bool:
    """Whether the connection was open and no longer works (rather than a failed query)."""
    return (
        connection.connection is not None
        and not connection.in_atomic_block
        and not connection.is_usable()
    )
