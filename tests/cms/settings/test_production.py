"""Production settings: refuse to start without secrets, pass `check --deploy`, reject unknown hosts."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import Client, override_settings
from django.urls import reverse

import pytest

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "x7#kq1!vZp9@fM2$wL5^rT8&nB3*hJ6(dG0)sC4+eY1=uA-Hq8%Wm2!Lc5@Rt9#Nz",
    "ALLOWED_HOSTS": "haiquan.gov.vn,.haiquan.gov.vn",
    "DATABASE_URL": "sqlite:////tmp/customs-production-check.sqlite3",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set in the environment for production." in result.stderr


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["hcm.localhost", "localhost"])
def test_unknown_host_gets_400_never_another_departments_page(department):
    department("HQ")
    department("HCM")
    client = Client()

    assert client.get("/vi/", HTTP_HOST="hcm.localhost").status_code == 200
    response = client.get("/vi/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "Hải quan" not in response.content.decode()
    assert client.get(reverse("wagtailadmin_login"), HTTP_HOST="evil.example").status_code == 400


@pytest.mark.parametrize(
    "secret_key",
    [
        "abc",
        "x7#kq1!vZp9@fM2$wL5^rT8&nB3*hJ6(dG0)sC4+eY1=uA-H",  # 49 characters
        "abababababababababababababababababababababababababababab",  # 2 different characters
        "django-insecure-x7#kq1!vZp9@fM2$wL5^rT8&nB3*hJ6(dG0)sC4+eY1=uA",
    ],
)
def test_production_refuses_a_weak_secret_key(secret_key):
    result = manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": secret_key})

    assert result.returncode != 0
    assert "SECRET_KEY is weak: use 50+ random characters" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize("allowed_hosts", ["*", ".", "haiquan.gov.vn,*"])
def test_production_refuses_a_wildcard_allowed_hosts(allowed_hosts):
    result = manage("check", env={**PRODUCTION_ENV, "ALLOWED_HOSTS": allowed_hosts})

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the portal's hosts, not" in result.stderr.splitlines()[-1]


def test_production_checks_hosts_and_sends_the_security_headers():
    """Control for the refusals above: the good environment starts, with strict hosts on."""
    script = (
        "from django.conf import settings as s; "
        "print(s.PORTAL_STRICT_HOSTS, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "'csp' in s.INSTALLED_APPS, bool(s.PERMISSIONS_POLICY))"
    )
    result = manage("shell", "--no-imports", "-c", script, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "31536000", "True", "True"]
