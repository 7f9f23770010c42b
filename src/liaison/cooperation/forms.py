"""Page forms of the cooperation registry. Choice lists offer only what the actor may see; status is never a
form field (it changes through transitions, see workflow.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from liaison.agencies.forms import ActorFormMixin
from liaison.agencies.models import Agency, Unit
from liaison.cooperation.choices import DocumentKind, LinkKind, Side
from liaison.cooperation.models import (
    ActionItem,
    Agreement,
    AgreementDocument,
    CapacityProject,
    Engagement,
    Programme,
    TrainingCourse,
    language_code_validator,
)
from liaison.core import access
from liaison.core.choices import CrimeArea


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _visible(model: Any, actor: Any) -> Any:
    return access.restrict(model._default_manager.all(), actor, access.VIEW)


def _own(model: Any, actor: Any) -> Any:
    """Records the actor may change (a programme an item is filed under must be the actor's agency's own)."""
    return access.restrict(model._default_manager.all(), actor, access.CHANGE)


class _OwnedForm(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """Restricts every agency, unit and programme choice to what the actor may see."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            if queryset.model is Agency:
                field.queryset = _visible(Agency, self.actor).filter(is_active=True)  # type: ignore[attr-defined]
            elif queryset.model is Unit:
                field.queryset = _visible(Unit, self.actor).select_related("agency")  # type: ignore[attr-defined]
            elif queryset.model is Programme:
                field.queryset = _own(Programme, self.actor)  # type: ignore[attr-defined]
            elif queryset.model is Agreement:
                field.queryset = _visible(Agreement, self.actor)  # type: ignore[attr-defined]
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = _date_input()


class CrimeAreasField(forms.MultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=CrimeArea.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Crime areas"),
            **kwargs,
        )


class AgreementForm(_OwnedForm):
    crime_areas = CrimeAreasField()
    party_agencies = forms.ModelMultipleChoiceField(
        label=_("Parties (agencies)"), queryset=Agency.objects.none(), required=False
    )
    party_governments = forms.MultipleChoiceField(label=_("Parties (governments)"), choices=countries, required=False)
    titles = forms.CharField(
        label=_("Titles in the parties' languages"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: the language code, a vertical bar, the title as written (e.g. vi | Bản ghi nhớ)."),
    )

    class Meta:
        model = Agreement
        fields = [
            "kind",
            "title_en",
            "reference",
            "signed_date",
            "signed_place",
            "entry_into_force_date",
            "validity_years",
            "valid_until",
            "renewal",
            "renewal_period_years",
            "renewal_notes",
            "crime_areas",
            "scope_notes",
            "notes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party_agencies"].queryset = _visible(Agency, self.actor).filter(is_active=True)  # type: ignore[attr-defined]
        if self.instance.pk:
            parties = list(self.instance.parties.all())
            self.initial["party_agencies"] = [p.agency_id for p in parties if p.agency_id]
            self.initial["party_governments"] = [str(p.government_country) for p in parties if p.government_country]
            self.initial["titles"] = "\n".join(f"{t.language} | {t.title}" for t in self.instance.titles.all())
        elif self.actor is not None and getattr(self.actor, "agency_id", None):
            self.initial.setdefault("party_agencies", [self.actor.agency_id])

    def clean_titles(self) -> list[dict[str, str]]:
        rows = []
        for number, line in enumerate((self.cleaned_data.get("titles") or "").splitlines(), start=1):
            if not line.strip():
                continue
            language, bar, title = line.partition("|")
            if not bar or not title.strip():
                raise forms.ValidationError(
                    _("Line %(number)s: write the language code, a vertical bar and the title."),
                    params={"number": number},
                )
            language_code_validator(language.strip())
            rows.append({"language": language.strip(), "title": title.strip()})
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parties: list[dict[str, Any]] = [{"agency": agency} for agency in data.pop("party_agencies", None) or []]
        parties += [{"government_country": code} for code in data.pop("party_governments", None) or []]
        if not self.errors and len(parties) < 2:
            self.add_error("party_agencies", _("An agreement has at least two parties."))
        data["parties"] = parties
        return data


class ProgrammeForm(_OwnedForm):
    class Meta:
        model = Programme
        fields = ["title", "agreement", "start_year", "end_year", "start_date", "end_date", "partners", "notes"]


class ActionItemForm(_OwnedForm):
    class Meta:
        model = ActionItem
        fields = [
            "programme",
            "number",
            "title",
            "description",
            "partner_agency",
            "home_unit",
            "partner_unit",
            "partner_unit_text",
            "due_date",
            "indicators",
        ]


class EngagementForm(_OwnedForm):
    class Meta:
        model = Engagement
        fields = [
            "kind",
            "title",
            "edition",
            "direction",
            "level",
            "start_date",
            "end_date",
            "place",
            "country",
            "partners",
            "programme",
            "agenda",
            "notes",
        ]


class TrainingCourseForm(_OwnedForm):
    class Meta:
        model = TrainingCourse
        fields = [
            "title",
            "topic",
            "host_agency",
            "place",
            "country",
            "start_date",
            "end_date",
            "language",
            "participants_count",
            "partners",
            "programme",
            "notes",
        ]


class CapacityProjectForm(_OwnedForm):
    class Meta:
        model = CapacityProject
        fields = [
            "title",
            "kind",
            "phase",
            "start_year",
            "end_year",
            "partner_agency",
            "scope",
            "budget",
            "currency",
            "notes",
        ]


# --- child forms (posted from a detail page) -------------------------------------------------------------
class TransitionForm(forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DocumentForm(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AgreementDocument
        fields = ["file", "language", "kind", "authoritative"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = DocumentKind.ORIGINAL


class LinkForm(ActorFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("This agreement"), choices=LinkKind.choices)
    to_agreement = forms.ModelChoiceField(label=_("Agreement"), queryset=Agreement.objects.none())
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, agreement: Agreement | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = _visible(Agreement, self.actor)
        if agreement is not None:
            queryset = queryset.exclude(pk=agreement.pk)
        self.fields["to_agreement"].queryset = queryset  # type: ignore[attr-defined]


class ProgressUpdateForm(forms.Form):
    date = forms.DateField(label=_("Date"), required=False, widget=_date_input(), help_text=_("Empty: today."))
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 3}))


class ParticipantForm(ActorFormMixin, forms.Form):
    name = forms.CharField(label=_("Name as written"), max_length=255)
    position = forms.CharField(label=_("Position or role"), max_length=255, required=False)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), required=False)
    side = forms.ChoiceField(label=_("Side"), choices=Side.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _visible(Agency, self.actor)  # type: ignore[attr-defined]


class OutcomeForm(forms.Form):
    text = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))
