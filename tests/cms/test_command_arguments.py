"""Bad arguments to `run_periodic` and `seed_demo --port`: one clear line and a non-zero exit,
never a traceback or the whole usage text (run as a person would, from the command line)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize("args", [["--every", "5"], ["now"], ["--verbosity", "loud"]])
def test_run_periodic_refuses_bad_arguments_in_one_line(args):
    line = one_error_line(manage("run_periodic", *args))
    assert "run_periodic" in line


@pytest.mark.parametrize("port", ["³", "٨٠٨٠", "８０００", "0", "65536", "80a", "-1", ""])
def test_seed_demo_refuses_a_port_that_is_not_ascii_digits_from_1_to_65535(port):
    line = one_error_line(manage("seed_demo", "--port", port))
    assert "port must be a number from 1 to 65535" in line
