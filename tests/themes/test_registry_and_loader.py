"""Templates resolve from the site's theme, falling back to the uniform default theme."""

from django.template.loader import get_template
from django.test import Client

import pytest

from sites.models import DepartmentSettings
from themes.context import current_theme
from themes.registry import get_theme, theme_choices


def test_unknown_theme_falls_back_to_default():
    assert get_theme("no-such-theme").name == "default"
    assert "high_contrast" in [name for name, _label in theme_choices()]


def test_template_missing_from_a_theme_comes_from_default():
    token = current_theme.set("high_contrast")
    try:
        origin = get_template("home/home_page.html").origin.name
    finally:
        current_theme.reset(token)
    assert origin.endswith("themes/default/templates/home/home_page.html")


@pytest.mark.django_db
def test_a_site_switches_theme_from_its_settings(department):
    hcm = department("HCM")
    department("HN")
    client = Client()
    assert (
        "high_contrast/css/theme.css"
        not in client.get("/vi/", HTTP_HOST="hcm.localhost").content.decode()
    )

    settings = DepartmentSettings.for_site(hcm.site)
    settings.theme = "high_contrast"
    settings.save()

    hcm_page = client.get("/vi/", HTTP_HOST="hcm.localhost").content.decode()
    hn_page = client.get("/vi/", HTTP_HOST="hanoi.localhost").content.decode()
    assert "high_contrast/css/theme.css" in hcm_page
    assert "high_contrast/css/theme.css" not in hn_page
