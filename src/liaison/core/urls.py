from django.urls import path

from liaison.core import audit_views, dashboard

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path("audit/", audit_views.AuditList.as_view(), name="audit_list"),
    path("audit/<int:pk>/", audit_views.AuditDetail.as_view(), name="audit_detail"),
    path("audit/reads/", audit_views.ReadList.as_view(), name="read_list"),
]
