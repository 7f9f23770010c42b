"""Partner pages: one page per partner agency gathering the whole cooperation with it, and an index.

Agencies are the public directory (RestrictedMixin with model = Agency); every cooperation record on these
pages comes through queries.py, which restricts it to what the signed-in user may see.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.views import generic

from liaison.agencies.models import Agency
from liaison.cooperation import queries
from liaison.cooperation.links import linked, record_url
from liaison.core import registry
from liaison.core.views import RestrictedDetailView, RestrictedMixin


class PartnerIndexView(RestrictedMixin, generic.ListView):  # type: ignore[type-arg]
    model = Agency
    template_name = "cooperation/partner_list.html"

    def base_queryset(self) -> models.QuerySet[Any]:
        return Agency.objects.filter(is_active=True).exclude(pk=self.request.user.agency_id).order_by("short_name")  # type: ignore[union-attr]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        actor, today = self.request.user, timezone.localdate()
        rows = []
        for agency in context["object_list"]:
            upcoming = queries.next_engagement(agency, actor=actor, today=today)
            rows.append(
                {
                    "agency": agency,
                    "open": queries.open_action_items(agency, actor=actor).count(),
                    "overdue": queries.overdue_action_items(agency, actor=actor, today=today).count(),
                    "next": upcoming,
                    "next_url": record_url(upcoming) if upcoming else None,
                }
            )
        context["rows"] = rows
        return context


class PartnerDetailView(RestrictedDetailView):
    model = Agency
    template_name = "cooperation/partner_detail.html"
    url_prefix = "partner"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        agency, actor, today = self.object, self.request.user, timezone.localdate()
        last = queries.last_engagement(agency, actor=actor, today=today)
        upcoming = queries.next_engagement(agency, actor=actor, today=today)
        overdue = queries.overdue_action_items(agency, actor=actor, today=today)
        overdue_ids = set(overdue.values_list("pk", flat=True))
        events = list(reversed(queries.timeline(agency, actor=actor)))
        context.update(
            today=today,
            agreements=linked(queries.agreements_in_force(agency, actor=actor)),
            open_items=linked(queries.open_action_items(agency, actor=actor)),
            overdue_ids=overdue_ids,
            overdue_count=len(overdue_ids),
            last_engagement=last,
            last_engagement_url=record_url(last) if last else None,
            next_engagement=upcoming,
            next_engagement_url=record_url(upcoming) if upcoming else None,
            programmes=linked(queries.programmes(agency, actor=actor)),
            trainings=linked(queries.training_courses(agency, actor=actor)),
            capacity_projects=linked(queries.capacity_projects(agency, actor=actor)),
            timeline=[{"event": event, "url": record_url(event.record)} for event in events],
            # What other domains add to a partner's page (legal requests' figures, the nationals held: consular).
            record_panels=registry.shown_record_panels(self.request, agency),
        )
        return context
