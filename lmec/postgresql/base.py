"""Django's PostgreSQL backend, waiting a moment for a server that is restarting.

While PostgreSQL restarts (a minor upgrade, a configuration change, a failover), new
connections are refused for a second or so: "the database system is shutting down",
"… is starting up", or no socket at all. Django would answer each request that needs the
database in that moment with an error. This backend tries again for up to
``settings.LMEC_DB_CONNECT_WAIT`` seconds before giving up, so those requests are only
slower. Requests served from the page cache never open a connection and are not held.

When the server stays away longer than that, waiting would only tie up every worker, and
readers of cached pages would queue behind them: after one connection failed for the
whole wait, the process stops waiting (each later attempt is tried once, and fails at
once) until a connection succeeds again.

Only opening a connection waits: a query cut off by the restart fails, and a reader's GET
is answered again (lmec.postgresql.middleware). ``connecting_without_wait()`` is for
callers that must answer at once, such as the readiness check.
"""

import contextlib
import logging
import threading
import time

from django.conf import settings
from django.db.backends.postgresql import base

logger = logging.getLogger(__name__)
RETRY_INTERVAL = 0.1  # seconds between two attempts

_local = threading.local()
# Set when a connection failed after the whole wait; cleared by the next that succeeds.
_server_away = threading.Event()


@contextlib.contextmanager
def connecting_without_wait():
    """Within this block, a connection that cannot be opened fails at once."""
    previous = getattr(_local, "no_wait", False)
    _local.no_wait = True
    try:
        yield
    finally:
        _local.no_wait = previous


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        wait = settings.LMEC_DB_CONNECT_WAIT
        if getattr(_local, "no_wait", False) or _server_away.is_set():
            wait = 0
        deadline = time.monotonic() + wait
        attempts = 0
        while True:
            attempts += 1
            try:
                connection = super().get_new_connection(conn_params)
            except self.Database.OperationalError as error:
                if time.monotonic() + RETRY_INTERVAL > deadline:
                    if wait:
                        logger.error("The database refused connections for %s s", wait)
                        _server_away.set()
                    raise
                if attempts == 1:
                    logger.warning("The database refuses connections, trying again: %s", error)
                time.sleep(RETRY_INTERVAL)
                continue
            if attempts > 1 or _server_away.is_set():
                logger.warning("Connected to the database after %d attempts", attempts)
            _server_away.clear()
            return connection
