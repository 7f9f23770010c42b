"""Background task of federation (django-tasks; docs/decisions/0011-task-queue.md): deliver one outbox envelope
on the `federation` queue. `liaison serve` in development starts the worker that runs it."""

from __future__ import annotations

from django_tasks import task

from liaison.core import context

QUEUE = "federation"


@task(queue_name=QUEUE)
def deliver_envelope(envelope_pk: int) -> str:
    from liaison.federation.delivery import deliver
    from liaison.federation.models import Envelope

    envelope = Envelope.objects.filter(pk=envelope_pk).first()
    if envelope is None:
        return "missing"
    with context.channel(context.CHANNEL_JOB):
        return deliver(envelope)
