"""The task the queue runs (django-tasks; with Django 6, ``django.tasks``).

One task runs every kind of job: the job's row says what it is for and keeps its attempts
and failures (publishing/pipeline.py).
"""

from django_tasks import task

from publishing import pipeline


@task()
def run_job(job_id: int) -> None:
    pipeline.run(job_id)
