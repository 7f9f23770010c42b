"""Page forms of the citizens-abroad domain. Choice lists offer only what the actor may see; the status and the
deadlines are never form fields; the family contact is a field only for the roles that may see it (decision 0044)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.agencies.forms import ActorFormMixin
from liaison.agencies.models import Agency
from liaison.consular import access as consular_access
from liaison.consular.actions.cases import CASE_EDITABLE, CASE_FIELDS
from liaison.consular.choices import RECORDED_EVENTS
from liaison.consular.models import (
    ConsularCase,
    ConsularEvent,
    Facility,
    ImprisonmentRecord,
    NotificationRule,
    ProtectionIncident,
)
from liaison.core import access
from liaison.core.permissions import has_perm
from liaison.desk.forms import PersonChoiceMixin


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _Form(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """Dates as date inputs; agencies, facilities and persons narrowed to what the actor may see."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for _name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = _date_input()
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            visible = access.restrict(queryset.model._default_manager.all(), self.actor)
            if queryset.model is Agency:
                visible = visible.filter(is_active=True).exclude(pk=getattr(self.actor, "agency_id", None))
            field.queryset = visible  # type: ignore[attr-defined]


class CaseForm(PersonChoiceMixin, _Form):
    class Meta:
        model = ConsularCase
        fields = list(CASE_FIELDS)
        widgets = {
            "charges": forms.Textarea(attrs={"rows": 3}),
            "family_contact": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, person_query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("person", "direction", "partner"):
                del self.fields[name]
            if not consular_access.may_see_family_contact(self.instance, self.actor):
                del self.fields["family_contact"]
        else:
            chosen = self.data.get("person") if self.is_bound else self.initial.get("person")
            self.setup_person("person", person_query, chosen)
            if not has_perm(self.actor, consular_access.FAMILY_PERMISSION):
                del self.fields["family_contact"]

    def case_data(self) -> dict[str, Any]:
        allowed = CASE_EDITABLE if self.instance.pk else CASE_FIELDS
        return {name: value for name, value in self.cleaned_data.items() if name in allowed}


class EventForm(_Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=[(k.value, k.label) for k in RECORDED_EVENTS])
    occurred_at = forms.DateTimeField(
        label=_("When"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Leave empty for now."),
    )  # fmt: skip

    class Meta:
        model = ConsularEvent
        fields = [
            "kind", "occurred_at", "place", "visitors", "condition", "needs", "ill_treatment", "facility",
            "next_hearing_on", "note",
        ]  # fmt: skip
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in ("condition", "needs", "note")}

    def event_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        data.setdefault("ill_treatment", False)
        return data


class ImprisonmentForm(_Form):
    class Meta:
        model = ImprisonmentRecord
        fields = [
            "court", "judgment_date", "judgment_final", "offence", "sentence_days", "life_sentence",
            "sentence_start", "expected_release",
        ]  # fmt: skip
        widgets = {"offence": forms.Textarea(attrs={"rows": 2})}


class FacilityForm(_Form):
    class Meta:
        model = Facility
        fields = ["name", "name_en", "kind", "country", "city", "address", "phone", "email", "visiting_rules"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in ("address", "visiting_rules")}


class NotificationRuleForm(_Form):
    class Meta:
        model = NotificationRule
        fields = ["partner", "basis", "notify_within_days", "first_visit_within_days", "visit_every_days", "source"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["partner"]


class IncidentForm(_Form):
    class Meta:
        model = ProtectionIncident
        fields = [
            "title", "kind", "direction", "country", "place", "occurred_on", "affected", "victims_count",
            "description", "persons", "fugitive_case_reference",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "persons": forms.CheckboxSelectMultiple}
