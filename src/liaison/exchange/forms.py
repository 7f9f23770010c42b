"""Forms of the exchange pages. They validate input; the actions write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.agencies.models import Agency
from liaison.core import access
from liaison.core.choices import CrimeArea, HandlingCode
from liaison.exchange.choices import MessageKind, PermissionPurpose
from liaison.exchange.models import ExchangeRules, Message

LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("ko", "한국어"),
    ("zh-hans", "中文"),
    ("ru", "Русский"),
    ("fr", "Français"),
]


def _partners(actor: Any) -> Any:
    return Agency.objects.filter(is_active=True).exclude(pk=getattr(actor, "agency_id", 0) or 0).order_by("short_name")


def _choose(form: forms.BaseForm, name: str, queryset: Any) -> None:
    """Narrow a record field's choices (to what the actor may see or pick)."""
    field: Any = form.fields[name]
    field.queryset = queryset


class MessageForm(forms.ModelForm):  # type: ignore[type-arg]
    recipients = forms.ModelMultipleChoiceField(
        label=_("To"), queryset=Agency.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    crime_areas = forms.MultipleChoiceField(
        label=_("Crime areas"), choices=CrimeArea.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=LANGUAGES)
    persons = forms.ModelMultipleChoiceField(
        label=_("About the persons"), queryset=Agency.objects.none(), required=False, widget=forms.SelectMultiple
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)
    indicator_lines = forms.CharField(
        label=_("Indicators reported"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: its kind, then its value, e.g. “phone +84 912 345 678”. Kinds: phone, email, url, "
            "domain, ipv4, ipv6, iban, crypto-wallet, vehicle-plate."
        ),
    )

    class Meta:
        model = Message
        fields = ["recipients", "kind", "subject", "body", "language", "crime_areas", "handling_code",
                  "handling_note", "tlp", "source_reliability", "information_accuracy", "priority", "reply_by",
                  "agreement"]  # fmt: skip
        widgets = {"reply_by": forms.DateInput(attrs={"type": "date"}), "body": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from liaison.cooperation.models import Agreement
        from liaison.people.models import Person

        _choose(self, "recipients", _partners(actor))
        _choose(self, "persons", access.restrict(Person.objects.filter(merged_into__isnull=True), actor))
        _choose(self, "agreement", access.restrict(Agreement.objects.all(), actor))
        if self.instance.pk:
            self.fields.pop("attachment")
            self.initial["recipients"] = [row.agency_id for row in self.instance.recipients.all()]
            self.initial["indicator_lines"] = "\n".join(f"{i.kind} {i.value}" for i in self.instance.indicators.all())
            self.initial["persons"] = [
                link.target_id for link in self.instance.links.filter(target_type="people.person")
            ]


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 8}))


class ForwardForm(forms.Form):
    recipients = forms.ModelMultipleChoiceField(
        label=_("Pass on to"), queryset=Agency.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "recipients", _partners(actor))


class PermissionForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=PermissionPurpose.choices)
    third_agency = forms.ModelChoiceField(label=_("Third agency"), queryset=Agency.objects.none(), required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "third_agency", _partners(actor))


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES)
    subject = forms.CharField(label=_("Subject"), required=False)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    translator = forms.CharField(label=_("Translated by"))
    certified = forms.BooleanField(label=_("Certified translation"), required=False)


class ReviewForm(forms.Form):
    keep_until = forms.DateField(label=_("Keep until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    delete_content = forms.BooleanField(label=_("Delete the content"), required=False)
    note = forms.CharField(label=_("Note"), required=False)


class RulesForm(forms.ModelForm):  # type: ignore[type-arg]
    approval_codes = forms.MultipleChoiceField(
        label=_("Handling codes needing approval"), choices=HandlingCode.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = ExchangeRules
        fields = ["owner", "approval_codes", "approval_partners", "review_days_h0", "review_days_h1",
                  "review_days_h2", "review_days_h3"]  # fmt: skip
        widgets = {"approval_partners": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("owner")


__all__ = ["MessageKind"]
