"""gunicorn's settings, read by `gunicorn lmec.wsgi` when started in the project folder.

Command-line flags override them. Every value can be set from the environment.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Django is imported once, before the workers fork: faster starts, shared memory.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# Behind the reverse proxy: trust its X-Forwarded-* headers (it runs on this host).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"

# With DJANGO_LOG_FORMAT=json the access log is JSON too, one object per request.
if os.environ.get("DJANGO_LOG_FORMAT") == "json":
    access_log_format = (
        '{"time": "%(t)s", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", '
        '"query": "%(q)s", "status": %(s)s, "bytes": "%(B)s", "duration_us": %(D)s, '
        '"agent": "%(a)s"}'
    )


def when_ready(server):
    """Load the Chinese word segmenter once in the master, before the workers fork.

    The workers share its dictionary (about 100 MB), and no reader waits a second for the
    first Chinese search of each worker.
    """
    if preload_app:
        from publishing.search import tokenizer

        tokenizer()
