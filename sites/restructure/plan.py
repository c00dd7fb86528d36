"""A reform as data: renames, merges and splits in order, read from a JSON (or YAML) file.

    {"title": "…", "source": "…", "steps": [
      {"rename": "HCM", "code": "KV2", "name": "…", "name_en": "…", "hostname": "kv2.localhost"},
      {"merge": ["BD", "BRVT"], "into": "KV2", "sections": "merge"},
      {"merge": ["A", "B"], "into": {"code": "NEW", "name": "…", "name_en": "…", "hostname": "…"}},
      {"split": "HCM", "sections": ["tin-tuc"], "into": {"code": "…", "name": "…", …}}
    ]}

`check_plan` walks the steps over what the database holds, before anything changes, and lists
every problem in one line each (unknown code, a department merged twice, a hostname taken…).
A step already carried out is no problem: running a finished plan again changes nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from sites.models import CODE_PATTERN, Department, DepartmentAlias
from sites.provisioning import HOSTNAME_RE

SECTION_MODES = ("merge", "subsection")


class PlanError(Exception):
    """The plan cannot run; `problems` has one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class NewDepartment:
    code: str
    name: str
    name_en: str
    hostname: str
    port: int | None = None


@dataclass(frozen=True)
class Rename:
    department: str
    code: str
    name: str
    name_en: str
    hostname: str
    port: int | None = None


@dataclass(frozen=True)
class Merge:
    sources: tuple[str, ...]
    into: str | NewDepartment
    sections: str = "merge"

    @property
    def target_code(self) -> str:
        return self.into.code if isinstance(self.into, NewDepartment) else self.into


@dataclass(frozen=True)
class Split:
    department: str
    sections: tuple[str, ...]
    into: NewDepartment


Step = Rename | Merge | Split


@dataclass
class Plan:
    steps: list[Step]
    title: str = ""
    source: str = ""
    problems: list[str] = field(default_factory=list)


def load_plan_file(path: str | Path) -> Plan:
    """Read a plan file (.json; .yaml/.yml when PyYAML is installed); PlanError on bad input."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanError(
            [_("Cannot read the plan %(path)s: %(error)s") % _args(path, error)]
        ) from error
    return parse_plan(text, yaml=path.suffix.lower() in (".yaml", ".yml"))


def _args(path: Path, error: Exception) -> dict[str, str]:
    return {"path": str(path), "error": str(error)}


def parse_plan(text: str, *, yaml: bool = False) -> Plan:
    try:
        if yaml:
            import yaml as pyyaml

            try:
                data = pyyaml.safe_load(text)
            except pyyaml.YAMLError as error:
                raise ValueError(str(error)) from error
        else:
            data = json.loads(text)
    except ImportError as error:
        raise PlanError([_("YAML plans need PyYAML; write the plan as JSON.")]) from error
    except (ValueError, RecursionError) as error:
        # RecursionError: a plan nested thousands of levels deep (no plan is).
        raise PlanError([_("The plan is not valid JSON: %(error)s") % {"error": error}]) from error
    return plan_from_data(data)


def plan_from_data(data: Any) -> Plan:
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise PlanError([_("A plan is an object with a list of “steps”.")])
    steps: list[Step] = []
    for number, raw in enumerate(data["steps"], start=1):
        try:
            steps.append(_step(raw))
        except ValueError as error:
            problems.append(
                _("step %(number)s: %(problem)s") % {"number": number, "problem": error}
            )
    if problems:
        raise PlanError(problems)
    return Plan(steps=steps, title=str(data.get("title", "")), source=str(data.get("source", "")))


def _text(raw: dict, key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(_("“%(key)s” is required") % {"key": key})
    return value.strip()


def _port(raw: dict) -> int | None:
    port = raw.get("port")
    if port is not None and (not isinstance(port, int) or not 1 <= port <= 65535):
        raise ValueError(_("“port” must be a number from 1 to 65535"))
    return port


def _new_department(raw: Any) -> NewDepartment:
    if not isinstance(raw, dict):
        raise ValueError(_("“into” must be a department code or a new department"))
    return NewDepartment(
        code=_text(raw, "code"),
        name=_text(raw, "name"),
        name_en=_text(raw, "name_en"),
        hostname=_text(raw, "hostname").lower(),
        port=_port(raw),
    )


def _step(raw: Any) -> Step:
    if not isinstance(raw, dict):
        raise ValueError(_("a step is an object"))
    kinds = [kind for kind in ("rename", "merge", "split") if kind in raw]
    if len(kinds) != 1:
        raise ValueError(_("a step has exactly one of “rename”, “merge” or “split”"))
    kind = kinds[0]
    if kind == "rename":
        return Rename(
            department=_text(raw, "rename"),
            code=_text(raw, "code"),
            name=_text(raw, "name"),
            name_en=_text(raw, "name_en"),
            hostname=_text(raw, "hostname").lower(),
            port=_port(raw),
        )
    if kind == "merge":
        sources = raw["merge"]
        if isinstance(sources, str):
            sources = [sources]
        if not sources or not all(isinstance(code, str) and code for code in sources):
            raise ValueError(_("“merge” lists the codes of the departments merged"))
        into = raw.get("into")
        mode = raw.get("sections", "merge")
        if mode not in SECTION_MODES:
            raise ValueError(_("“sections” is “merge” or “subsection”"))
        return Merge(
            sources=tuple(sources),
            into=into.strip() if isinstance(into, str) and into.strip() else _new_department(into),
            sections=mode,
        )
    sections = raw.get("sections")
    if (
        not isinstance(sections, list)
        or not sections
        or not all(isinstance(slug, str) and slug for slug in sections)
    ):
        raise ValueError(_("“sections” lists the slugs of the sections that move"))
    return Split(
        department=_text(raw, "split"),
        sections=tuple(sections),
        into=_new_department(raw.get("into")),
    )


# --- Checking a plan against the database ------------------------------------------------------


@dataclass
class _Unit:
    """What the check knows of one department as the steps go by."""

    code: str
    hostname: str
    port: int
    merged_into: str | None = None
    headquarters: bool = False
    sections: set[str] = field(default_factory=set)


class _State:
    def __init__(self) -> None:
        self.units: dict[str, _Unit] = {}
        self.former: dict[str, str] = {}
        for department in Department.objects.select_related("site", "merged_into"):
            self.units[department.code] = _Unit(
                department.code,
                department.site.hostname,
                department.site.port,
                department.merged_into.code if department.merged_into else None,
                department.is_headquarters,
                set(department.site.root_page.get_children().values_list("slug", flat=True)),
            )
        for alias in DepartmentAlias.objects.exclude(code="").select_related("department"):
            self.former[alias.code] = alias.department.code
        self.former_hosts = {
            alias.hostname: alias.department.code
            for alias in DepartmentAlias.objects.exclude(hostname="").select_related("department")
        }

    def resolve(self, code: str) -> str | None:
        seen = set()
        while code not in self.units and code in self.former and code not in seen:
            seen.add(code)
            code = self.former[code]
        return code if code in self.units else None

    def final(self, code: str) -> str:
        while self.units[code].merged_into:
            code = self.units[code].merged_into  # type: ignore[assignment]
        return code

    def host_owner(self, hostname: str, port: int) -> str | None:
        for unit in self.units.values():
            if unit.hostname == hostname and unit.port == port:
                return unit.code
        owner = self.former_hosts.get(hostname)
        return self.final(self.resolve(owner) or owner) if owner and self.resolve(owner) else None


def check_plan(plan: Plan) -> list[str]:
    """Every problem of the plan against the database, one line each (empty: it can run)."""
    state = _State()
    problems: list[str] = []
    merged_by_plan: set[str] = set()

    def problem(number: int, message: str) -> None:
        problems.append(_("step %(number)s: %(problem)s") % {"number": number, "problem": message})

    def known(number: int, code: str) -> str | None:
        current = state.resolve(code)
        if current is None:
            problem(number, _("unknown department %(code)s") % {"code": code})
        return current

    def check_new(number: int, new: NewDepartment | Rename, own: str | None, port: int) -> None:
        if not re.match(CODE_PATTERN, new.code):
            problem(number, _("invalid code %(code)s") % {"code": new.code})
        if not HOSTNAME_RE.match(new.hostname):
            problem(number, _("invalid hostname %(host)s") % {"host": new.hostname})
        if new.code in state.units and new.code != own:
            problem(number, _("the code %(code)s is already taken") % {"code": new.code})
        owner = state.host_owner(new.hostname, port)
        if owner is not None and owner != own:
            problem(
                number,
                _("the hostname %(host)s is already taken by %(code)s")
                % {"host": new.hostname, "code": owner},
            )

    for number, step in enumerate(plan.steps, start=1):
        if isinstance(step, Rename):
            current = known(number, step.department)
            if current is None:
                continue
            unit = state.units[current]
            if unit.merged_into:
                problem(number, _("%(code)s was merged; it cannot be renamed") % {"code": current})
            check_new(number, step, current, step.port or unit.port)
            if step.code != current:
                state.units[step.code] = unit
                del state.units[current]
                state.former[current] = step.code
                unit.code = step.code
            unit.hostname, unit.port = step.hostname, step.port or unit.port
        elif isinstance(step, Merge):
            if isinstance(step.into, NewDepartment):
                target: str | None = state.resolve(step.into.code)
                port = step.into.port or 80
                if target is None:
                    check_new(number, step.into, None, step.into.port or _first_port(state, step))
                    port = step.into.port or _first_port(state, step)
                    state.units[step.into.code] = _Unit(step.into.code, step.into.hostname, port)
                    target = step.into.code
            else:
                target = known(number, step.into)
            if target is None:
                continue
            if state.units[target].merged_into:
                problem(
                    number,
                    _("%(code)s was merged; nothing can be merged into it") % {"code": target},
                )
            for code in step.sources:
                current = known(number, code)
                if current is None:
                    continue
                unit = state.units[current]
                if current == target:
                    problem(number, _("%(code)s cannot be merged into itself") % {"code": current})
                elif unit.headquarters:
                    problem(
                        number, _("the headquarters %(code)s cannot be merged") % {"code": current}
                    )
                elif current in merged_by_plan:
                    problem(number, _("%(code)s is merged twice") % {"code": current})
                elif unit.merged_into and state.final(current) != target:
                    problem(
                        number,
                        _("%(code)s is already merged into %(other)s")
                        % {"code": current, "other": state.final(current)},
                    )
                merged_by_plan.add(current)
                unit.merged_into = target
        else:
            current = known(number, step.department)
            if current is None:
                continue
            unit = state.units[current]
            if unit.merged_into:
                problem(number, _("%(code)s was merged; it cannot be split") % {"code": current})
            done = state.resolve(step.into.code)
            if done is None:
                check_new(number, step.into, None, step.into.port or unit.port)
                for slug in step.sections:
                    if slug not in unit.sections:
                        problem(
                            number,
                            _("%(code)s has no section %(slug)s") % {"code": current, "slug": slug},
                        )
                state.units[step.into.code] = _Unit(
                    step.into.code, step.into.hostname, step.into.port or unit.port
                )
            elif done == current:
                problem(number, _("%(code)s cannot be split into itself") % {"code": current})
    return problems


def _first_port(state: _State, step: Merge) -> int:
    for code in step.sources:
        current = state.resolve(code)
        if current is not None:
            return state.units[current].port
    return 80
