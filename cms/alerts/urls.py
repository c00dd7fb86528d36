"""The status pages, under the language prefix (/vi/status/, /en/status/)."""

from django.urls import path

from .views import gate_history, status_page

urlpatterns = [
    path("status/", status_page, name="alerts_status"),
    path("status/<int:pk>/", gate_history, name="alerts_gate_history"),
]
