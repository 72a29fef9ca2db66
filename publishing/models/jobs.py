"""The background work that follows a publication, as staff see it.

The task queue (django-tasks with its database backend) runs the work; a ``Job`` says
what the work is for (an edition, a partner …), how many attempts it took, and why it
failed, in words (publishing/pipeline.py retries with back-off, then gives up and shows
the failure on the issue's page, the dashboard and the list of background work).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Failure(models.TextChoices):
        UNFINISHED = "unfinished", _("did not finish")
        STORAGE_FULL = "storage-full", _("disk full")
        STORAGE = "storage", _("storage error")
        MEMORY = "memory", _("out of memory")
        MAIL = "mail", _("mail server")
        ERROR = "error", _("error")

    task = models.CharField(_("task"), max_length=50)
    edition = models.ForeignKey(
        "publishing.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
    )
    target = models.CharField(
        _("for"), max_length=255, blank=True, help_text=_("What the work is for, in words.")
    )
    arguments = models.JSONField(_("arguments"), default=dict)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    run_after = models.DateTimeField(_("not before"), default=timezone.now)
    failure = models.CharField(_("failure"), max_length=20, choices=Failure, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background job")
        verbose_name_plural = _("background work")
        indexes = [models.Index(fields=["state", "task"], name="job_state")]

    def __str__(self):
        return f"{self.get_task_display()}: {self.target}"

    def get_task_display(self):
        from publishing.pipeline import TASK_LABELS

        return TASK_LABELS.get(self.task, self.task)
