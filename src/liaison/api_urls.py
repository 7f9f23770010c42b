"""/api/: every Liaison app's API (its `api/urls.py`, found by app_urls.py in INSTALLED_APPS order), the OpenAPI
schema and its documentation pages.

One DefaultRouter holds the union of the apps' router registries, so the API root lists every route and each
route keeps its ".json" twin; an app's `urlpatterns` carry its API paths that are not viewsets (`me/`, `ftm/`).
"""

from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from liaison.app_urls import app_url_modules

router = DefaultRouter()
urlpatterns: list[URLPattern | URLResolver] = []
for module in app_url_modules("api.urls"):
    app_router = getattr(module, "router", None)
    for prefix, viewset, basename in app_router.registry if app_router is not None else []:
        router.register(prefix, viewset, basename=basename)
    if getattr(module, "urlpatterns", None):
        urlpatterns.append(path("", include(module)))

urlpatterns += [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # Swagger UI from templates/drf_spectacular/swagger_ui.html: no inline style or script (the CSP holds).
    path("docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
    path("", include(router.urls)),
]
