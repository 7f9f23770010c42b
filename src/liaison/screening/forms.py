"""Page forms of screening: upload, column mapping, start a run, and decide a hit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

import namematch
from liaison.screening import reading
from liaison.screening.actions import DECISIONS, MIN_THRESHOLD
from liaison.screening.mapping import FIELD_LABELS, NAME, SINGLE_FIELDS
from liaison.screening.models import Decision, DobPolicy, ListKind


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("List file"),
        help_text=_("CSV (any common encoding) or XLSX; the first row names the columns."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=255,
        required=False,
        help_text=_("For example “Nội Bài arrivals 12 May”; the file name when left empty."),
    )
    kind = forms.ChoiceField(label=_("Kind of list"), choices=ListKind.choices, initial=ListKind.ARRIVALS)
    encoding = forms.ChoiceField(
        label=_("Text encoding (CSV)"),
        choices=reading.ENCODINGS,
        initial="auto",
        help_text=_("Leave on automatic unless the preview shows garbled letters."),
    )

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        self.actor = actor
        super().__init__(*args, **kwargs)
        limit_mb = settings.LIAISON_SCREENING_MAX_BYTES // (1024 * 1024)
        self.fields["file"].help_text = _(
            "CSV (any common encoding) or XLSX, at most %(limit)s MB; the first row names the columns."
        ) % {"limit": limit_mb}


class MappingForm(forms.Form):
    """One choice per field among the list's columns; the name may take several columns."""

    def __init__(self, *args: Any, columns: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = [(column, column) for column in columns]
        self.fields[NAME] = forms.MultipleChoiceField(
            label=FIELD_LABELS[NAME],
            choices=options,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Tick every column holding a whole name: a native-script name and a passport name, say."),
        )
        for key in SINGLE_FIELDS:
            self.fields[key] = forms.ChoiceField(
                label=FIELD_LABELS[key],
                choices=[("", _("— not in the list —")), *options],
                required=False,
            )
        self.fields["family_name"].help_text = _(
            "Or build the name from parts: family name, middle name, given names, patronymic."
        )

    def mapping(self) -> dict[str, Any]:
        data = self.cleaned_data
        found: dict[str, Any] = {}
        if data.get(NAME):
            found[NAME] = list(data[NAME])
        for key in SINGLE_FIELDS:
            if data.get(key):
                found[key] = data[key]
        return found


class StartRunForm(forms.Form):
    threshold = forms.FloatField(
        label=_("Threshold"),
        min_value=MIN_THRESHOLD,
        max_value=1.0,
        initial=namematch.DEFAULT_THRESHOLD,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
        help_text=_("A row is a hit when its namematch score reaches this (0.70 is the default)."),
    )
    dob_policy = forms.ChoiceField(
        label=_("Dates of birth on this list"),
        choices=DobPolicy.choices,
        initial=DobPolicy.STRICT,
        required=False,  # not given: reliable (a client that predates the choice keeps today's behaviour)
        help_text=_(
            "Choose 'may be false' for an intelligence-led list whose dates of birth may be forged or guessed: "
            "a name that agrees is then raised even when the dates differ, ranked lower."
        ),
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[(d, Decision(d).label) for d in DECISIONS])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
