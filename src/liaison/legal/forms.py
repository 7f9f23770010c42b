"""Forms of the legal-request pages: a new request (its treaty is found from the partner and the kind), an
offence."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.agencies.models import Agency
from liaison.core import access
from liaison.legal.models import LegalOffence, LegalRequest


class LegalRequestForm(forms.ModelForm):  # type: ignore[type-arg]
    note = forms.CharField(label=_("Note for the opening"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = LegalRequest
        fields = [
            "direction", "kind", "subkind", "partner", "partner_reference", "person", "other_persons", "fugitive_case",
            "notice", "facts", "received_on", "death_penalty_assurance", "court", "judgment_reference", "judgment_date",
            "judgment_final", "sentence_days", "life_sentence", "served_days", "consent",
        ]  # fmt: skip
        widgets = {"received_on": forms.DateInput(attrs={"type": "date"}),
                   "judgment_date": forms.DateInput(attrs={"type": "date"})}  # fmt: skip

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        for name in ("person", "other_persons", "fugitive_case", "notice"):
            field: Any = self.fields[name]
            field.queryset = access.restrict(field.queryset.model._default_manager.all(), actor)
        partner: Any = self.fields["partner"]
        partner.queryset = Agency.objects.filter(is_active=True).exclude(pk=getattr(actor, "agency_id", 0) or 0)


class LegalOffenceForm(forms.ModelForm):  # type: ignore[type-arg]
    """An offence added from the request's page: the law, article and maximum penalty (the law's wording, and
    years or life imprisonment) of the requesting state, and the requested state's offence for dual criminality
    (decision 0049: an offence is described as the requesting state charges it, on both sides)."""

    class Meta:
        model = LegalOffence
        fields = [
            "description", "law", "article", "max_penalty", "max_penalty_years", "max_penalty_life", "death_penalty",
            "political", "military", "partner_law", "partner_article", "partner_description",
        ]  # fmt: skip
        labels = {
            "law": _("Law of the requesting state"),
            "article": _("Article (requesting state)"),
            "partner_law": _("Law of the requested state"),
            "partner_article": _("Article (requested state)"),
            "partner_description": _("The offence in the requested state's law"),
        }


class TransitionForm(forms.Form):
    to = forms.CharField()
    note = forms.CharField(required=False)
    grounds = forms.MultipleChoiceField(required=False, choices=[])
