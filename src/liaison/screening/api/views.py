"""API of screening. Access comes from the base viewsets (core/api/viewsets.py); every write calls an action of
screening/actions.py."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from liaison.core.api.viewsets import ModelViewSet, ReadOnlyViewSet
from liaison.screening import actions, reading
from liaison.screening.api.serializers import (
    DecidedHitSerializer,
    DecideSerializer,
    HitSerializer,
    ScreeningListPreviewSerializer,
    ScreeningListSerializer,
    ScreeningListUploadSerializer,
    ScreeningRunSerializer,
)
from liaison.screening.filters import HitFilter, ScreeningListFilter, ScreeningRunFilter
from liaison.screening.mapping import guess_mapping
from liaison.screening.models import Hit, ScreeningList, ScreeningRun


class ScreeningListViewSet(ModelViewSet):
    """Uploaded lists. POST multipart (file, name, kind, encoding) stores one and proposes a column mapping from
    the header; PATCH changes its name, kind or `mapping`; /preview/ shows the first rows as the run reads them;
    DELETE removes the list with its runs and hits."""

    access_model = ScreeningList
    serializer_class = ScreeningListSerializer
    filterset_class = ScreeningListFilter
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    ordering_fields = ["created_at", "name", "row_count"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    update_action = staticmethod(actions.do_update_list)
    delete_action = staticmethod(actions.do_delete_list)

    def base_queryset(self) -> Any:
        return ScreeningList.objects.select_related("uploaded_by")

    @extend_schema(
        request={"multipart/form-data": ScreeningListUploadSerializer}, responses={201: ScreeningListSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ScreeningListUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        screening_list = actions.do_upload_list(
            data["file"], name=data.get("name", ""), kind=data["kind"], encoding=data["encoding"], actor=request.user
        )
        body = ScreeningListSerializer(screening_list, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(responses=ScreeningListPreviewSerializer)
    @action(detail=True, methods=["get"])
    def preview(self, request: Request, pk: str | None = None) -> Response:
        """The first rows of the stored file, cell by column, as the run will read them."""
        screening_list = self.get_object()
        try:
            with screening_list.file.open("rb") as handle:
                info = reading.locate_header(handle, screening_list.original_name, encoding=screening_list.encoding)
                rows = reading.preview(handle, info)
        except (OSError, ValueError) as error:
            raise serializers.ValidationError(
                {"file": _("The stored file cannot be read: %(error)s") % {"error": error}}
            ) from None
        columns = list(screening_list.columns)
        return Response(
            {
                "columns": columns,
                "rows": [{"row": number, "cells": dict(zip(columns, cells, strict=False))} for number, cells in rows],
                "mapping": screening_list.mapping,
                "suggested_mapping": guess_mapping(columns),
            }
        )


class ScreeningRunViewSet(ModelViewSet):
    """Screening runs. POST {screening_list, threshold} starts one (queued, then screened in the background);
    poll GET for progress: status, rows_done of rows_total, percent, hit_count, suppressed_count, bad_rows.
    POST /cancel/ cancels a queued or running run (the worker stops at its next commit; the hits so far stay).
    A run whose worker died is resumed from its last committed row (`resumed` counts how often)."""

    access_model = ScreeningRun
    serializer_class = ScreeningRunSerializer
    filterset_class = ScreeningRunFilter
    ordering_fields = ["created_at", "status"]
    http_method_names = ["get", "post", "head", "options"]

    def base_queryset(self) -> Any:
        return ScreeningRun.objects.select_related("requested_by")

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        serializer.instance = actions.do_start_run(
            data["screening_list"], threshold=data.get("threshold"), actor=self.request.user
        )

    @extend_schema(request=None, responses=ScreeningRunSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        """Cancel the run; it keeps the hits found so far."""
        run = actions.do_cancel_run(self.get_object(), actor=request.user)
        return Response(self.get_serializer(run).data)


class HitViewSet(ReadOnlyViewSet):
    """Hits of runs, best first (filter with run=, decision=, person=, min_score=). POST /decide/ records
    confirmed, not_match or unsure with a reason; a confirmed hit opens or updates the fugitive case."""

    access_model = Hit
    serializer_class = HitSerializer
    filterset_class = HitFilter
    ordering_fields = ["score", "row_number"]
    ordering = ["-score", "row_number", "pk"]

    def base_queryset(self) -> Any:
        return Hit.objects.select_related("person", "decided_by", "run").order_by("-score", "row_number", "pk")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        page = getattr(self, "_page_hits", None)
        if page:
            context["earlier"] = actions.remembered(page)
        return context

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        self._page_hits = list(page) if page is not None else None
        return page

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        hit = self.get_object()
        self._page_hits = [hit]
        return Response(self.get_serializer(hit).data)

    @extend_schema(request=DecideSerializer, responses=DecidedHitSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """Decide the hit; the decision is remembered for the pair (person, listed identity)."""
        hit = self.get_object()
        payload = DecideSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        decided = actions.do_decide_hit(
            hit, payload.validated_data["decision"], reason=payload.validated_data["reason"], actor=request.user
        )
        self._page_hits = [decided]
        return Response(DecidedHitSerializer(decided, context=self.get_serializer_context()).data)
