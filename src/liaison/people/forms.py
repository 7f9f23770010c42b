"""Page forms of the people register and the person search box. Choice lists offer only what the actor may see;
names are kept as written (the model cleans whitespace and NFC)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from liaison.agencies.forms import ActorFormMixin
from liaison.agencies.models import Agency
from liaison.core import access
from liaison.core.choices import TLP, HandlingCode
from liaison.people.models import (
    Address,
    Contact,
    IdentityDocument,
    Person,
    PersonName,
    Photo,
    language_code_validator,
    validate_partial_date,
)


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _agencies(actor: Any) -> Any:
    return access.restrict(Agency.objects.all(), actor, access.VIEW).filter(is_active=True)


class LanguagesField(forms.CharField):
    """Language codes written "vi, ko" → ["vi", "ko"]."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        codes = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
        for code in codes:
            language_code_validator(code)
        return codes


class PersonForm(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    nationalities = forms.MultipleChoiceField(
        label=_("Nationalities"), choices=countries, required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    languages = LanguagesField(
        label=_("Languages spoken"), required=False, help_text=_("Language codes separated by commas, e.g. vi, ko.")
    )

    class Meta:
        model = Person
        fields = [
            "sex",
            "birth_date",
            "birth_place",
            "birth_country",
            "nationalities",
            "height_cm",
            "weight_kg",
            "eye_colour",
            "hair_colour",
            "distinguishing_marks",
            "description",
            "languages",
            "notes",
            "fictional",
        ]
        widgets = {
            "distinguishing_marks": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["nationalities"] = list(self.instance.nationalities or [])


class NameForm(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """One way the person's name is written (the script is guessed from the letters when left empty)."""

    class Meta:
        model = PersonName
        fields = [
            "full_name",
            "kind",
            "script",
            "language",
            "transcribed_by",
            "family_name",
            "given_names",
            "patronymic",
            "is_primary",
            "source",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["transcribed_by"].queryset = _agencies(self.actor)  # type: ignore[attr-defined]
        self.fields["script"].help_text = _("Guessed from the letters when left empty.")


class CreateNameForm(NameForm):
    """A row of the names on the create page: the first row is the primary name."""

    class Meta(NameForm.Meta):
        fields = ["full_name", "kind", "script", "language", "transcribed_by"]
        widgets = {"full_name": forms.TextInput(attrs={"size": 30})}


class _BaseNameFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        self.actor = actor
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        kwargs["actor"] = self.actor
        return kwargs

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if not self.names():
            raise forms.ValidationError(_("Enter at least one name."))

    def names(self) -> list[dict[str, Any]]:
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("full_name"):
                rows.append({key: value for key, value in data.items() if value not in (None, "") or key == "script"})
        return rows


NameFormSet = formset_factory(CreateNameForm, formset=_BaseNameFormSet, extra=3, max_num=20)


class DocumentForm(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = IdentityDocument
        fields = ["kind", "number", "issuing_country", "issued_on", "valid_until", "mrz", "notes"]
        widgets = {"mrz": forms.Textarea(attrs={"rows": 3, "class": "mono", "spellcheck": "false"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = _date_input()


class OptionalDocumentForm(DocumentForm):
    """The identity document on the create page: left out when nothing is entered."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "document")
        kwargs.setdefault("empty_permitted", True)
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)

    def document(self) -> dict[str, Any] | None:
        if not self.has_changed() or not getattr(self, "cleaned_data", None):
            return None
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


class AddressForm(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Address
        fields = ["kind", "address", "city", "country", "valid_from", "valid_to", "source"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}


class ContactForm(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Contact
        fields = ["kind", "value", "note"]


class PhotoForm(ActorFormMixin, forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(label=_("Caption"), max_length=255, required=False)
    taken_on = forms.CharField(
        label=_("Taken on"),
        max_length=10,
        required=False,
        validators=[validate_partial_date],
        help_text=_("YYYY-MM-DD, or YYYY-MM or YYYY."),
    )
    releasable = forms.BooleanField(
        label=_("Releasable to partners"),
        required=False,
        help_text=_("Partners with whom this person is shared may see this photo."),
    )


class PhotoEditForm(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Photo
        fields = ["caption", "taken_on", "releasable"]


class ShareForm(ActorFormMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("Share with"), queryset=Agency.objects.none())
    handling_code = forms.ChoiceField(label=_("Handling code"), choices=HandlingCode.choices)
    tlp = forms.ChoiceField(label=_("TLP"), choices=TLP.choices, initial=TLP.AMBER)
    note = forms.CharField(
        label=_("Other restrictions"),
        max_length=500,
        required=False,
        help_text=_("Required with H3: write the restrictions out."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_id = getattr(self.actor, "agency_id", None)
        self.fields["agency"].queryset = _agencies(self.actor).exclude(pk=agency_id)  # type: ignore[attr-defined]


class MergeForm(forms.Form):
    duplicate = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why are these the same person?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the same passport number, confirmed by the partner on 12 May."),
    )


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name"),
        max_length=300,
        required=False,
        help_text=_("In any script: Nguyễn Văn An, 김민준, 王伟, Иванов Сергей, or a passport spelling."),
        widget=forms.TextInput(attrs={"type": "search", "autofocus": True}),
    )
    birth_date = forms.CharField(
        label=_("Date of birth"),
        max_length=10,
        required=False,
        help_text=_("YYYY-MM-DD, YYYY-MM or YYYY."),
    )
    nationality = forms.ChoiceField(label=_("Nationality"), required=False, choices=[("", "—"), *countries])

    def clean_birth_date(self) -> str:
        from namematch.features import parse_birth_date

        value = self.cleaned_data.get("birth_date", "").strip()
        if not value:
            return ""
        try:
            parsed = parse_birth_date(value)
        except ValueError:
            raise forms.ValidationError(_("Enter the date as YYYY-MM-DD, YYYY-MM or YYYY.")) from None
        return str(parsed) if parsed else ""
