"""What the desk's pages share: the record page, the form page, whether a person may be seen."""

from __future__ import annotations

from typing import Any, ClassVar

from django.urls import reverse

from liaison.core import access
from liaison.core.views import ActionFormView, RestrictedDetailView
from liaison.people.models import Person


def person_visible(user: Any, person_id: Any) -> bool:
    """Whether the user may see the person (a notice's or case's page links to it only then)."""
    return access.restrict(Person.objects.filter(pk=person_id), user).exists()


class DeskDetail(RestrictedDetailView):
    """A notice's or case's page: only the owning agency changes it."""

    template_name: str

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        is_owner = self.object.owner_id == getattr(self.request.user, "agency_id", None)
        context["is_owner"] = is_owner
        context["can_change"] = context["can_change"] and is_owner
        context["person_visible"] = person_visible(self.request.user, self.object.person_id)
        return context


class DeskForm(ActionFormView):
    """A desk form page, with its cancel link back to the record (or the list)."""

    template_name = "desk/form.html"
    cancel_url: ClassVar[str | None] = None

    def get_cancel_url(self) -> str:
        if self.object is not None:
            return reverse(f"{self.url_prefix}_detail", kwargs={"pk": self.object.pk})
        return reverse(f"{self.url_prefix}_list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.get_cancel_url()
        return context
