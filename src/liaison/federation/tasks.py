"""Background task of federation (django-tasks; docs/decisions/0011-task-queue.md): deliver one outbox envelope
on the `federation` queue, and with it the partner's other due envelopes, batch after batch while the partner
takes them (delivery.deliver_and_drain). A task whose envelope a batch has meanwhile retried (its next attempt
now ahead) leaves it to the task scheduled for that attempt. `liaison serve` in development starts the worker
that runs it."""

from __future__ import annotations

from django_tasks import task

from liaison.core import context

QUEUE = "federation"


@task(queue_name=QUEUE)
def deliver_envelope(envelope_pk: int) -> str:
    from liaison.federation.choices import EnvelopeState
    from liaison.federation.delivery import WAITING, deliver_and_drain, oldest_due, waiting
    from liaison.federation.models import Envelope

    envelope = Envelope.objects.filter(pk=envelope_pk).first()
    if envelope is None:
        return "missing"
    if envelope.state == EnvelopeState.PENDING and waiting(envelope):
        # Its own attempt is scheduled; what else is due for the partner goes now: a message written while this
        # task waited in the queue queued none of its own (delivery.schedule_after_commit).
        following = oldest_due(envelope.partner_id)
        if following is not None:
            with context.channel(context.CHANNEL_JOB):
                deliver_and_drain(following)
        return WAITING
    with context.channel(context.CHANNEL_JOB):
        return deliver_and_drain(envelope)
