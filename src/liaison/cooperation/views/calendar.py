"""The cooperation calendar: a month of engagements, training courses and action-item due dates the user may
see, and the user's personal iCalendar feed (the one page reached without signing in: its URL carries a
secret, see actions/feed.py)."""

from __future__ import annotations

import calendar as pycalendar
import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View, generic

from liaison.cooperation import ical, queries
from liaison.cooperation.actions import feed
from liaison.cooperation.links import record_url
from liaison.cooperation.models import CalendarFeedToken, Engagement
from liaison.core.views import RestrictedMixin

FEED_KEY_SESSION = "cooperation.calendar_feed_key"
FEED_PAST_DAYS = 366
FEED_FUTURE_DAYS = 2 * 366


def parse_month(value: str | None, today: datetime.date) -> datetime.date:
    """The first day of the month given as YYYY-MM; this month when missing or not a month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def _shift(first: datetime.date, months: int) -> datetime.date:
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


class CalendarView(RestrictedMixin, generic.TemplateView):
    model = Engagement  # the records it shows are restricted per kind by queries.calendar_events
    template_name = "cooperation/calendar.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        first = parse_month(self.request.GET.get("month"), today)
        weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        start, end = weeks[0][0], weeks[-1][-1]
        by_day: dict[datetime.date, list[dict[str, Any]]] = {}
        for event in queries.calendar_events(self.request.user, start, end):
            last = min(event.end_date or event.date, end)
            day = max(event.date, start)
            overdue = event.kind == "action_item_due" and event.date < today
            while day <= last:
                by_day.setdefault(day, []).append({"event": event, "url": record_url(event.record), "overdue": overdue})
                day += datetime.timedelta(days=1)
        user: Any = self.request.user  # signed in (LoginRequiredMixin)
        token = CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).first()
        new_key = self.request.session.pop(FEED_KEY_SESSION, None)
        context.update(
            month=first,
            previous_month=_shift(first, -1).strftime("%Y-%m"),
            next_month=_shift(first, 1).strftime("%Y-%m"),
            this_month=today.strftime("%Y-%m"),
            today=today,
            weekdays=[weeks[0][i] for i in range(7)],
            weeks=[
                [
                    {
                        "date": day,
                        "in_month": day.month == first.month,
                        "is_today": day == today,
                        "entries": by_day.get(day, []),
                    }
                    for day in week
                ]
                for week in weeks
            ],
            feed=token,
            feed_url=self.request.build_absolute_uri(reverse("calendar_feed", kwargs={"token": new_key}))
            if new_key
            else None,
        )
        return context


class CalendarFeedRotateView(LoginRequiredMixin, View):
    """Create or replace the user's feed URL; the new URL is shown once on the calendar page."""

    def post(self, request: HttpRequest) -> HttpResponse:
        key = feed.do_rotate_calendar_feed(actor=request.user)
        request.session[FEED_KEY_SESSION] = key
        messages.success(request, _("Your calendar feed URL is ready; copy it now, it is shown only once."))
        return HttpResponseRedirect(reverse("calendar"))


class CalendarFeedRevokeView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        feed.do_revoke_calendar_feed(actor=request.user)
        messages.success(request, _("Your calendar feed URL no longer works."))
        return HttpResponseRedirect(reverse("calendar"))


class CalendarFeedView(View):
    """text/calendar for the token's user: what that user may see, as if signed in. A wrong or revoked token
    answers 404, like any missing page."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        user = feed.find_user(token)
        if user is None:
            raise Http404
        today = timezone.localdate()
        events = queries.calendar_events(
            user, today - datetime.timedelta(days=FEED_PAST_DAYS), today + datetime.timedelta(days=FEED_FUTURE_DAYS)
        )
        body = ical.calendar(
            events, name=_("Liaison cooperation calendar"), host=request.get_host().split(":")[0], now=timezone.now()
        )
        response = HttpResponse(body.encode(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="liaison.ics"'
        response["Cache-Control"] = "private, no-store"
        return response
