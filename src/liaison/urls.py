from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("api/", include("liaison.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("liaison.agencies.urls")),
    path("", include("liaison.cooperation.urls")),
    path("", include("liaison.cooperation.urls_extra")),
    path("", include("liaison.people.urls")),
    path("", include("liaison.desk.urls")),
    path("", include("liaison.desk.interpol.urls")),
    path("", include("liaison.desk.ftm.urls")),
    path("", include("liaison.screening.urls")),
    path("", include("liaison.core.urls")),
]

handler403 = "liaison.core.views.error_403"
handler404 = "liaison.core.views.error_404"
handler500 = "liaison.core.views.error_500"
