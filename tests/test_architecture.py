"""The dependency arrows run one way, read from the source with `ast` (no Django needed).

Content apps use `cms.core` and the base layer (`sites`, `themes`, `search`), and may use each
other without a loop; `cms.core` uses no content app; the base layer uses nothing in `cms`; only
`cms/urls.py` imports `cms.api`; nothing imports `cms.demo`, the one app that may import every
content app; no two apps import each other, directly or round a loop. Every import counts,
including those inside functions and under `TYPE_CHECKING`; model labels in strings do not.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cms", "sites", "themes", "search")
BASE = frozenset({"sites", "themes", "search"})
CONTENT_APPS = frozenset(
    {
        "cms.core",
        "cms.news",
        "cms.library",
        "cms.consultation",
        "cms.home",
        "cms.standard",
        "cms.signin",
        "cms.webhooks",
    }
)
API = "cms.api"
DEMO = "cms.demo"
URLS = "cms.urls"

# (importing module, imported app) pairs tolerated for a while; empty: every rule holds.
TEMPORARY_ALLOWED: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module that holds the import statement
    imported: str  # dotted module (or name) it imports
    where: str  # path:line

    @property
    def importer_app(self) -> str:
        return app_of(self.importer)

    @property
    def imported_app(self) -> str:
        return app_of(self.imported)

    def __str__(self) -> str:
        return f"{self.importer} imports {self.imported} ({self.where})"


def app_of(module: str) -> str:
    """`cms.news.models.tags` -> `cms.news`; `cms.urls` -> `cms.urls`; `sites.models` -> `sites`."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "cms" and len(parts) > 1 else parts[0]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_in(path: Path) -> Iterable[Import]:
    """Every import of a project package in one file, relative imports resolved."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    relative_path = path.relative_to(ROOT)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                prefix = ".".join(base)
            else:
                prefix = ""
            # `from cms.news import models` imports cms.news.models: name each imported member.
            stem = ".".join(part for part in (prefix, node.module or "") if part)
            targets = [f"{stem}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            if target.split(".")[0] in PACKAGES:
                yield Import(module, target, f"{relative_path}:{node.lineno}")


def project_imports() -> list[Import]:
    return [
        found
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        for found in imports_in(path)
    ]


def across_apps(imports: Iterable[Import]) -> list[Import]:
    return [i for i in imports if i.importer_app != i.imported_app]


def tolerated(found: Import) -> bool:
    return (found.importer, found.imported_app) in TEMPORARY_ALLOWED


# --- The rules: each takes the imports across apps and returns the offending ones. --------------


def content_apps_use_only_core_base_and_each_other(imports: list[Import]) -> list[Import]:
    allowed = CONTENT_APPS | BASE
    return [i for i in imports if i.importer_app in CONTENT_APPS and i.imported_app not in allowed]


def only_urls_import_the_api(imports: list[Import]) -> list[Import]:
    return [i for i in imports if i.imported_app == API and i.importer != URLS]


def core_imports_no_content_app(imports: list[Import]) -> list[Import]:
    outside = CONTENT_APPS - {"cms.core"} | {API, DEMO}
    return [i for i in imports if i.importer_app == "cms.core" and i.imported_app in outside]


def base_layer_imports_nothing_in_cms(imports: list[Import]) -> list[Import]:
    return [i for i in imports if i.importer_app in BASE and i.imported.split(".")[0] == "cms"]


def nothing_imports_the_demo(imports: list[Import]) -> list[Import]:
    return [i for i in imports if i.imported_app == DEMO]


def only_the_demo_imports_every_content_app(imports: list[Import]) -> list[Import]:
    reached: dict[str, set[str]] = defaultdict(set)
    for i in imports:
        if i.imported_app in CONTENT_APPS:
            reached[i.importer_app].add(i.imported_app)
    return [
        i
        for i in imports
        if i.importer_app != DEMO
        and reached[i.importer_app] >= CONTENT_APPS - {i.importer_app}
        and i.imported_app in CONTENT_APPS
    ]


def no_cycles_between_apps(imports: list[Import]) -> list[Import]:
    """The imports that make up each loop of apps (Tarjan's strongly connected components)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for i in imports:
        graph[i.importer_app].add(i.imported_app)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        on_stack.add(app)
        for other in sorted(graph[app]):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in on_stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == app:
                    break
            if len(component) > 1:
                components.append(component)

    for app in sorted(graph):
        if app not in index:
            visit(app)
    return [
        i
        for component in components
        for i in imports
        if i.importer_app in component and i.imported_app in component
    ]


RULES: list[Callable[[list[Import]], list[Import]]] = [
    content_apps_use_only_core_base_and_each_other,
    only_urls_import_the_api,
    core_imports_no_content_app,
    base_layer_imports_nothing_in_cms,
    nothing_imports_the_demo,
    only_the_demo_imports_every_content_app,
    no_cycles_between_apps,
]


def offences(rule: Callable[[list[Import]], list[Import]], imports: list[Import]) -> list[str]:
    return sorted({str(i) for i in rule([i for i in across_apps(imports) if not tolerated(i)])})


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return project_imports()


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_the_project_keeps_the_dependency_arrows(rule, imports):
    found = offences(rule, imports)
    assert not found, f"{rule.__name__}:\n  " + "\n  ".join(found)


def test_the_temporary_allow_list_names_only_imports_that_still_exist(imports):
    present = {(i.importer, i.imported_app) for i in imports}
    stale = sorted(TEMPORARY_ALLOWED - present)
    assert not stale, f"Remove from TEMPORARY_ALLOWED: {stale}"


def test_the_import_reader_sees_the_project():
    """Control for the tests above: the reader finds imports the rules must allow."""
    found = {(i.importer, i.imported) for i in project_imports()}
    assert ("cms.core.models", "sites.models.Department") in found
    assert ("cms.news.models", "cms.news.models.articles.NewsArticlePage") in found
    assert ("cms.demo.management.commands.seed_demo", "cms.demo.library.load_demo_library") in found


# --- Control: each rule fails on a synthetic import graph that breaks it. -----------------------


def synthetic(*pairs: tuple[str, str]) -> list[Import]:
    return [
        Import(importer, imported, f"synthetic:{n}") for n, (importer, imported) in enumerate(pairs)
    ]


CLEAN = synthetic(
    ("cms.news.models", "cms.core.models"),
    ("cms.news.models", "sites.models"),
    ("cms.home.models", "cms.news.models"),
    ("cms.urls", "cms.api.urls"),
    ("cms.api.news", "cms.news.models"),
    ("cms.demo.news", "cms.news.models"),
    ("search.models", "sites.models"),
)


@pytest.mark.parametrize(
    ("rule", "bad", "message"),
    [
        (
            content_apps_use_only_core_base_and_each_other,
            ("cms.news.views", "cms.demo.images"),
            "cms.news.views imports cms.demo.images",
        ),
        (
            only_urls_import_the_api,
            ("cms.library.views", "cms.api.body"),
            "cms.library.views imports cms.api.body",
        ),
        (
            core_imports_no_content_app,
            ("cms.core.views", "cms.news.models.NewsArticlePage"),
            "cms.core.views imports cms.news.models.NewsArticlePage",
        ),
        (
            base_layer_imports_nothing_in_cms,
            ("sites.provisioning", "cms.library.permissions"),
            "sites.provisioning imports cms.library.permissions",
        ),
        (
            nothing_imports_the_demo,
            ("cms.core.factories", "cms.demo.images"),
            "cms.core.factories imports cms.demo.images",
        ),
        (
            no_cycles_between_apps,
            ("sites.provisioning", "search.text"),
            "sites.provisioning imports search.text",
        ),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_each_rule_names_the_import_that_breaks_it(rule, bad, message):
    assert offences(rule, CLEAN) == []
    found = offences(rule, [*CLEAN, *synthetic(bad)])
    assert any(line.startswith(message + " (synthetic:") for line in found), found


def test_an_app_that_imports_every_content_app_must_be_the_demo():
    every = [(f"cms.api.{app.split('.')[1]}", f"{app}.models") for app in sorted(CONTENT_APPS)]
    found = offences(only_the_demo_imports_every_content_app, synthetic(*every))
    assert any(
        line.startswith("cms.api.news imports cms.news.models (synthetic:") for line in found
    )
    as_demo = [(importer.replace("cms.api", DEMO), imported) for importer, imported in every]
    assert offences(only_the_demo_imports_every_content_app, synthetic(*as_demo)) == []


def test_a_loop_of_three_apps_is_reported_with_each_import():
    loop = synthetic(
        ("cms.news.models", "cms.library.models"),
        ("cms.library.models", "cms.home.models"),
        ("cms.home.models", "cms.news.models"),
    )
    found = offences(no_cycles_between_apps, [*CLEAN, *loop])
    assert found == sorted(str(i) for i in loop)


def test_the_temporary_allow_list_tolerates_only_its_own_import(monkeypatch):
    monkeypatch.setattr(
        sys.modules[__name__], "TEMPORARY_ALLOWED", frozenset({("cms.consultation.api", API)})
    )
    tolerated_import, other = synthetic(
        ("cms.consultation.api", "cms.api.errors"), ("cms.consultation.views", "cms.api.errors")
    )
    assert offences(only_urls_import_the_api, [tolerated_import]) == []
    assert offences(only_urls_import_the_api, [other]) == [str(other)]


def test_relative_imports_are_resolved(tmp_path, monkeypatch):
    package = tmp_path / "cms" / "news"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("from .models import tags\n")
    (package / "views.py").write_text("from ..core import models\nfrom . import feeds\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert {str(i) for i in imports_in(package / "views.py")} == {
        "cms.news.views imports cms.core.models (cms/news/views.py:1)",
        "cms.news.views imports cms.news.feeds (cms/news/views.py:2)",
    }
    assert [str(i) for i in imports_in(package / "__init__.py")] == [
        "cms.news imports cms.news.models.tags (cms/news/__init__.py:1)"
    ]
