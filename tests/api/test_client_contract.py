"""Tools nobody here wrote read the served document as a mobile developer would:

- openapi-typescript generates the client types and `tsc --strict` compiles a realistic app
  file (tests/api/client/app.ts) against them: a field the app uses that the document leaves
  out is a compiler error;
- Redocly's recommended rules pass (tests/api/client/redocly.yaml), warnings included.

The tools are pinned in tests/api/client/package.json and package-lock.json and installed by
`npm ci` there (.ci/run does it); without Node or node_modules these tests skip, saying so.
The document is fetched and the types generated once for the module.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

from django.db import transaction
from django.test import Client

import pytest

from tests.conftest import make_department

CLIENT = Path(__file__).parent / "client"
BIN = CLIENT / "node_modules" / ".bin"
HOST = "hcm.localhost"
TOOLS = ("openapi-typescript", "tsc", "redocly")
MISSING = [tool for tool in TOOLS if not (BIN / tool).exists()]
ENV = {
    **os.environ,
    "NO_COLOR": "1",
    "FORCE_COLOR": "0",
    "REDOCLY_TELEMETRY": "off",
    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
}

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed"),
    pytest.mark.skipif(
        bool(MISSING),
        reason=f"{', '.join(MISSING)} missing from tests/api/client/node_modules: "
        "run `npm ci` in tests/api/client (.ci/run does)",
    ),
]


def run(*command: str | Path, cwd: Path = CLIENT) -> subprocess.CompletedProcess:
    # The timeout only keeps a hung tool from hanging the suite; nothing is timed.
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def output(result: subprocess.CompletedProcess) -> str:
    return f"exit {result.returncode}\n{result.stdout}\n{result.stderr}".strip()


@pytest.fixture(scope="module")
def document(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """The document a client of HCM's site is served, in a temporary directory."""
    directory = tmp_path_factory.mktemp("api-client")
    with django_db_blocker.unblock(), transaction.atomic():
        make_department("HCM")
        response = Client().get("/api/openapi.json", HTTP_HOST=HOST)
        transaction.set_rollback(True)
    assert response.status_code == 200, response.content[:500]
    (directory / "openapi.json").write_bytes(response.content)
    return directory / "openapi.json"


@pytest.fixture(scope="module")
def generated(document: Path) -> Path:
    """The document's TypeScript types beside it, and a tsconfig that extends the committed
    one with those types in place of generated/api.d.ts.

    openapi-typescript runs in the temporary directory: in tests/api/client it would read
    redocly.yaml and refuse to generate what the lint below reports; the two stay apart.
    """
    directory = document.parent
    # As a mobile developer would: a field with a default may be left out of a request.
    result = run(
        BIN / "openapi-typescript",
        document,
        "--default-non-nullable",
        "false",
        "-o",
        directory / "api.d.ts",
        cwd=directory,
    )
    assert result.returncode == 0, f"openapi-typescript failed:\n{output(result)}"
    tsconfig = {
        "extends": str(CLIENT / "tsconfig.json"),
        "compilerOptions": {"paths": {"@customs/api-schema": [str(directory / "api.d.ts")]}},
        "files": [str(CLIENT / "app.ts")],
    }
    (directory / "tsconfig.json").write_text(json.dumps(tsconfig, indent=2))
    return directory


def test_a_generated_typescript_client_compiles_the_app_in_strict_mode(generated):
    result = run(BIN / "tsc", "--noEmit", "-p", generated / "tsconfig.json")
    assert result.returncode == 0, (
        "app.ts does not compile against the client generated from /api/openapi.json "
        f"(fields the server returns but the document leaves out?):\n{output(result)}"
    )


def test_redocly_recommended_rules_pass(document):
    result = run(
        BIN / "redocly",
        "lint",
        "--config",
        CLIENT / "redocly.yaml",
        "--format",
        "json",
        document,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"redocly gave no JSON report:\n{output(result)}")
    problems = [
        f"{problem['severity']} {problem['ruleId']}: {problem['message']} at "
        + ", ".join(location.get("pointer", "") for location in problem.get("location", []))
        for problem in report["problems"]
    ]
    assert report["totals"]["errors"] == 0 and report["totals"]["warnings"] == 0, (
        f"Redocly's recommended rules: {report['totals']}\n" + "\n".join(problems)
    )
    assert result.returncode == 0, output(result)
