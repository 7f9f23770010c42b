"""Page forms of the liaison desk. Choice lists offer only what the actor may see; status, deadlines and review
dates are never form fields (they change through transitions, notes and reviews)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.agencies.forms import ActorFormMixin
from liaison.agencies.models import Agency, User
from liaison.core import access
from liaison.core.choices import TLP, HandlingCode
from liaison.core.search import fold_q
from liaison.desk.choices import CaseDocumentKind, CaseEventKind, NoticeOutcome
from liaison.desk.models import FugitiveCase, Notice, Offence, PartnerDeadlines
from liaison.people.models import Person

PERSON_CHOICES_SHOWN = 50


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _visible(model: Any, actor: Any) -> Any:
    return access.restrict(model._default_manager.all(), actor, access.VIEW)


def _partners(actor: Any) -> Any:
    return _visible(Agency, actor).filter(is_active=True).exclude(pk=getattr(actor, "agency_id", None))


def _person_label(person: Person) -> str:
    parts = [person.display_name or f"#{person.pk}"]
    if person.birth_date:
        parts.append(f"*{person.birth_date}")
    if person.nationalities:
        parts.append("/".join(str(code) for code in person.nationalities))
    return " · ".join(parts)


class PersonChoiceMixin:
    """A person field that accepts any current person the actor may see, and lists a few: those matching the
    page's `person_q` search, the chosen one, else the most recently recorded."""

    fields: dict[str, Any]
    actor: Any

    def setup_person(self, field_name: str, query: str = "", chosen: Any = None) -> None:
        visible = _visible(Person, self.actor).filter(merged_into__isnull=True)
        field = self.fields[field_name]
        field.queryset = visible
        field.label_from_instance = _person_label
        shown = visible
        if query.strip():
            shown = shown.filter(fold_q(("display_name", "names__full_name"), query))
        else:
            shown = shown.order_by("-created_at", "-pk")
        listed = list(shown.distinct()[:PERSON_CHOICES_SHOWN])
        if chosen and all(str(person.pk) != str(getattr(chosen, "pk", chosen)) for person in listed):
            extra = visible.filter(pk=getattr(chosen, "pk", chosen)).first()
            if extra is not None:
                listed.insert(0, extra)
        field.widget.choices = [("", "---------")] + [(person.pk, _person_label(person)) for person in listed]
        if query.strip() and len(listed) == 1 and not chosen:
            self.initial[field_name] = listed[0].pk  # type: ignore[attr-defined]  # the one match: chosen for the officer


class _DeskForm(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = _date_input()
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model is Agency:
                field.queryset = _visible(Agency, self.actor).filter(is_active=True)  # type: ignore[attr-defined]


class NoticeForm(PersonChoiceMixin, _DeskForm):
    """A notice and its first offence (more offences are added on the notice's page)."""

    offence_description = forms.CharField(
        label=_("Offence"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The first offence; a wanted notice names at least one. Add more on the notice's page."),
    )  # fmt: skip
    offence_crime_area = Offence._meta.get_field("crime_area").formfield(label=_("Crime area of the offence"))
    offence_law = forms.CharField(label=_("Law and article"), required=False, max_length=255)
    offence_max_penalty = forms.CharField(label=_("Maximum penalty"), required=False, max_length=255)

    class Meta:
        model = Notice
        fields = [
            "person",
            "kind",
            "source",
            "issuing_agency",
            "issuing_country",
            "reference",
            "interpol_id",
            "legal_basis_kind",
            "legal_basis_authority",
            "legal_basis_date",
            "legal_basis_reference",
            "summary",
            "issued_on",
            "valid_until",
        ]

    def __init__(self, *args: Any, person_query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = self.instance.person_id if self.instance.pk else self.initial.get("person")
        if self.is_bound:
            chosen = self.data.get("person") or chosen
        self.setup_person("person", person_query, chosen)
        if self.instance.pk:
            # Offences of an existing notice are changed one by one on its page.
            for name in ("offence_description", "offence_crime_area", "offence_law", "offence_max_penalty"):
                del self.fields[name]

    def offences(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        if "offence_description" not in self.fields or not (data.get("offence_description") or "").strip():
            return []
        return [
            {
                "description": data["offence_description"],
                "crime_area": data.get("offence_crime_area") or "",
                "law": data.get("offence_law") or "",
                "max_penalty": data.get("offence_max_penalty") or "",
            }
        ]

    def notice_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}  # type: ignore[union-attr]


class OffenceForm(_DeskForm):
    class Meta:
        model = Offence
        fields = ["description", "description_translation", "crime_area", "law", "max_penalty", "country"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_translation": forms.Textarea(attrs={"rows": 3}),
        }


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Why the notice is still needed"), widget=forms.Textarea(attrs={"rows": 2}), required=True
    )
    valid_until = forms.DateField(
        label=_("New end of validity"), required=False, widget=_date_input(),
        help_text=_("Leave empty to keep the current one."),
    )  # fmt: skip


class ShareForm(ActorFormMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("Partner agency"), queryset=Agency.objects.none())
    handling_code = forms.ChoiceField(label=_("Handling code"), choices=HandlingCode.choices)
    tlp = forms.ChoiceField(label=_("TLP"), choices=TLP.choices, initial=TLP.AMBER)
    note = forms.CharField(
        label=_("Other restrictions"), required=False, max_length=500,
        help_text=_("Required with H3: the restrictions, written out."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _partners(self.actor)  # type: ignore[attr-defined]


class UnshareForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.all(), widget=forms.HiddenInput)


class NoticeTransitionForm(forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CaseForm(PersonChoiceMixin, _DeskForm):
    note = forms.CharField(label=_("Note for the opening"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = FugitiveCase
        fields = [
            "person",
            "notice",
            "partner",
            "direction",
            "partner_reference",
            "priority",
            "received_on",
            "crime_area",
            "summary",
            "assigned_to",
        ]

    EDITABLE = ("priority", "summary", "partner_reference", "assigned_to", "crime_area", "notice")

    def __init__(self, *args: Any, person_query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_id: Any = getattr(self.actor, "agency_id", None)
        self.fields["partner"].queryset = _partners(self.actor)
        self.fields["assigned_to"].queryset = User.objects.filter(agency_id=agency_id, is_active=True)
        notices = _visible(Notice, self.actor).select_related("person")
        if self.instance.pk:
            for name in list(self.fields):
                if name not in self.EDITABLE:
                    del self.fields[name]
            notices = notices.filter(person_id=self.instance.person_id)
        else:
            chosen = self.data.get("person") if self.is_bound else self.initial.get("person")
            self.setup_person("person", person_query, chosen)
            self.fields["received_on"].initial = timezone.localdate()
            if chosen and str(getattr(chosen, "pk", chosen)).isdigit():
                notices = notices.filter(person_id=getattr(chosen, "pk", chosen))
        self.fields["notice"].queryset = notices

    def case_data(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "note"}


class CaseTransitionForm(forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)
    place = forms.CharField(label=_("Where"), required=False, max_length=255)
    occurred_at = forms.DateTimeField(
        label=_("When"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text=_("Leave empty for now."),
    )  # fmt: skip
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    notice_outcome = forms.ChoiceField(
        label=_("What becomes of the notice"), required=False, choices=[("", ""), *NoticeOutcome.choices]
    )


class CaseNoteForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (CaseEventKind.NOTE, CaseEventKind.NOTE.label),
            (CaseEventKind.ACKNOWLEDGED, CaseEventKind.ACKNOWLEDGED.label),
            (CaseEventKind.PROGRESS_REPORT, CaseEventKind.PROGRESS_REPORT.label),
        ],
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    place = forms.CharField(label=_("Where"), required=False, max_length=255)


class CaseDocumentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseDocumentKind.choices, initial=CaseDocumentKind.OTHER)
    title = forms.CharField(
        label=_("Title"), required=False, max_length=255, help_text=_("Leave empty to use the file name.")
    )
    dated = forms.DateField(label=_("Dated"), required=False, widget=_date_input())


class PartnerDeadlinesForm(_DeskForm):
    class Meta:
        model = PartnerDeadlines
        fields = ["partner", "acknowledge_days", "report_every_days"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = _partners(self.actor)  # type: ignore[attr-defined]
