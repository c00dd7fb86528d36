"""A department switches theme in its settings; other sites keep theirs."""

import pytest

from sites.models import DepartmentSettings

pytestmark = pytest.mark.django_db


def test_switching_theme_in_department_settings_changes_the_rendered_theme(client, department):
    hcm, hn = department("HCM"), department("HN")
    before = client.get("/vi/", HTTP_HOST=hcm.site.hostname).content.decode()
    assert "themes/high_contrast/css/theme.css" not in before
    settings = DepartmentSettings.for_site(hcm.site)
    settings.theme = "high_contrast"
    settings.brand_colour = "#8a1c2b"
    settings.save()
    after = client.get("/vi/", HTTP_HOST=hcm.site.hostname).content.decode()
    assert "themes/high_contrast/css/theme.css" in after
    assert "--brand: #8a1c2b;" in after
    other = client.get("/vi/", HTTP_HOST=hn.site.hostname).content.decode()
    assert "themes/high_contrast/css/theme.css" not in other
