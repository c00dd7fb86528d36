"""A plan file that cannot be a plan gets one clear line and a non-zero exit, never a traceback."""

from django.core.management import CommandError, call_command

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,  # nested far beyond any plan
        b"\xff\xfe\x00{",  # not UTF-8
        b'{"steps": [{"rename": "HN\x00"}]}',  # a NUL byte
        b'{"steps": "x"}',  # the wrong type
    ],
)
def test_a_hostile_plan_is_refused_with_one_line(tmp_path, content):
    plan = tmp_path / "ke-hoach.json"
    plan.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command("restructure", "--plan", str(plan), "--dry-run")
    assert "\n" not in str(refused.value).strip()


def test_a_broken_yaml_plan_is_refused_with_one_line(tmp_path):
    pytest.importorskip("yaml")
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text("steps: [rename: {code: 'KV1'", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("restructure", "--plan", str(plan), "--dry-run")
