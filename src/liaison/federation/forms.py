from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

MAX_CARD_BYTES = 256 * 1024


class PairForm(forms.Form):
    card = forms.FileField(label=_("Partner node's card"), help_text=_("The file 'liaison node card' wrote there."))
    fingerprint = forms.CharField(
        label=_("Fingerprint"),
        max_length=64,
        help_text=_("Read out by the partner's administrator by telephone, never taken from the card's e-mail."),
    )

    def clean_card(self) -> object:
        card = self.cleaned_data["card"]
        if card.size > MAX_CARD_BYTES:
            raise forms.ValidationError(_("A card is a small file; this one is too large."))
        return card


class PackageForm(forms.Form):
    package = forms.FileField(
        label=_("Package"), help_text=_("A file written by 'liaison federation export' or this page on a partner node.")
    )

    def clean_package(self) -> object:
        package = self.cleaned_data["package"]
        if package.size > settings.LIAISON_FEDERATION_MAX_PACKAGE_BYTES:
            raise forms.ValidationError(_("The package is larger than this node accepts."))
        return package
