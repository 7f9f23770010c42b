"""The project's URLs: the API, the language switch and every Liaison app's pages (each app's `urls.py`, found
by app_urls.py in INSTALLED_APPS order; a new domain app needs no line here)."""

from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from liaison.app_urls import app_url_modules

urlpatterns = [
    path("api/", include("liaison.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    *(path("", include(module)) for module in app_url_modules("urls")),
]

handler403 = "liaison.core.views.error_403"
handler404 = "liaison.core.views.error_404"
handler500 = "liaison.core.views.error_500"
