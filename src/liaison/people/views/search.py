"""The person search page: one box, a name in any script, with an optional date of birth and nationality."""

from __future__ import annotations

from typing import Any

from django.views import generic

from liaison.core import reads
from liaison.core.models import ReadEvent
from liaison.core.views import RestrictedMixin
from liaison.people import explain
from liaison.people.forms import PersonSearchForm
from liaison.people.models import Person, PersonName
from liaison.people.search import search_persons


class PersonSearch(RestrictedMixin, generic.TemplateView):
    """One box: a name in any script, with an optional date of birth and nationality."""

    model = Person
    template_name = "people/person_search.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = PersonSearchForm(self.request.GET or None)
        results: list[dict[str, Any]] = []
        searched = False
        if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
            searched = True
            hits = search_persons(
                form.cleaned_data["q"],
                actor=self.request.user,
                birth_date=form.cleaned_data["birth_date"],
                nationality=form.cleaned_data["nationality"],
            )
            names: dict[int, list[PersonName]] = {}
            for name in PersonName.objects.filter(person_id__in=[h.person.pk for h in hits]).order_by(
                "person_id", "-is_primary", "pk"
            ):
                names.setdefault(name.person_id, []).append(name)
            for hit in hits:
                results.append(
                    {
                        "person": hit.person,
                        "names": names.get(hit.person.pk, []),
                        "score": hit.score,
                        "strength": explain.score_words(hit.score),
                        "algorithm": hit.algorithm,
                        "evidence": explain.evidence_items(hit.explanation),
                    }
                )
            reads.record_read(
                self.request.user,
                ReadEvent.SEARCH,
                model=Person,
                terms=reads.search_terms(self.request.GET),
                count=len(results),
            )
        context.update(form=form, results=results, searched=searched)
        return context
