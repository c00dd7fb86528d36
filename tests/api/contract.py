"""Reading the served OpenAPI document as a contract: find the schema of an answer, validate a
body against it, list the keys of a body that no schema declares, and normalise bodies into
golden files.

The document is always the one the server serves (`GET /api/openapi.json`), never a module
imported from `cms.api`: the checks hold whatever produces it.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from django.utils import timezone

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

EXPECTED = Path(__file__).parent / "expected"
DOCUMENT_URI = "urn:customs:openapi"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def pointer_token(text: str) -> str:
    """One JSON Pointer token (RFC 6901), percent-encoded for a URI fragment."""
    return quote(text.replace("~", "~0").replace("/", "~1"), safe="~")


class Contract:
    """The served document, with its schemas resolvable by JSON Pointer."""

    def __init__(self, document: dict) -> None:
        self.document = document
        self.registry = Registry().with_resource(
            DOCUMENT_URI, Resource(contents=document, specification=DRAFT202012)
        )

    # --- finding the schema of one answer --------------------------------------------------

    def lookup(self, pointer: str) -> Any:
        node = self.document
        for token in pointer.strip("/").split("/") if pointer.strip("/") else []:
            token = unquote(token).replace("~1", "/").replace("~0", "~")
            node = node[int(token)] if isinstance(node, list) else node[token]
        return node

    def path_template(self, path: str) -> str:
        """The document's path for a concrete one: an exact path before any template."""
        candidates = []
        for template in self.document.get("paths", {}):
            pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
            if re.fullmatch(pattern, path):
                candidates.append((template.count("{"), template))
        assert candidates, f"{path} is served but no path of the document matches it"
        return min(candidates)[1]

    def response_pointer(self, path: str, method: str, status: int) -> str:
        template = self.path_template(path)
        operation = self.document["paths"][template].get(method)
        assert operation, f"{method.upper()} {template} is not in the document"
        responses = operation.get("responses", {})
        key = next(
            (k for k in (str(status), f"{status // 100}XX") if k in responses),
            None,
        )
        assert key, f"{method.upper()} {template} does not document a {status} answer"
        pointer = "/".join(("", "paths", pointer_token(template), method, "responses", key))
        response = responses[key]
        while "$ref" in response:  # a shared response object (#/components/responses/…)
            pointer = response["$ref"].removeprefix("#")
            response = self.lookup(pointer)
        return pointer

    def schema_pointer(self, path: str, method: str, status: int, content_type: str) -> str:
        pointer = self.response_pointer(path, method, status)
        content = self.lookup(pointer).get("content", {})
        media = content_type.split(";")[0].strip()
        assert media in content, (
            f"{method.upper()} {path} answers {status} as {media}; the document only "
            f"names {sorted(content) or 'no content'}"
        )
        return f"{pointer}/content/{pointer_token(media)}/schema"

    # --- validating ----------------------------------------------------------------------------

    def validator(self, pointer: str) -> jsonschema.Draft202012Validator:
        return jsonschema.Draft202012Validator(
            {"$ref": f"{DOCUMENT_URI}#{pointer}"},
            registry=self.registry,
            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
        )

    def errors(self, pointer: str, body: Any) -> list[str]:
        return [
            f"at /{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in self.validator(pointer).iter_errors(body)
        ]

    def check_response(self, path: str, method: str, response) -> str:
        """Assert the body of a Django test response is what the document says; its pointer."""
        pointer = self.schema_pointer(path, method, response.status_code, response["Content-Type"])
        body = response.json()
        errors = self.errors(pointer, body)
        assert not errors, (
            f"{method.upper()} {path} ({response.status_code}) does not match {pointer}:\n"
            + "\n".join(errors[:20])
        )
        return pointer

    # --- keys no schema declares -----------------------------------------------------------

    def _resolve_ref(self, ref: str) -> str:
        assert ref.startswith("#/"), f"only local references are expected, not {ref}"
        return ref.removeprefix("#")

    def _in_place(self, pointer: str, instance: Any) -> Iterator[str]:
        """Every schema (by pointer) that applies to `instance` itself: the schema, what it
        references, its allOf, and the anyOf/oneOf/if branches that the instance matches."""
        schema = self.lookup(pointer)
        if not isinstance(schema, dict):
            return
        yield pointer
        if "$ref" in schema:
            yield from self._in_place(self._resolve_ref(schema["$ref"]), instance)
        for index, _ in enumerate(schema.get("allOf", ())):
            yield from self._in_place(f"{pointer}/allOf/{index}", instance)
        for keyword in ("anyOf", "oneOf"):
            for index, _ in enumerate(schema.get(keyword, ())):
                branch = f"{pointer}/{keyword}/{index}"
                if self.validator(branch).is_valid(instance):
                    yield from self._in_place(branch, instance)
        if "if" in schema:
            branch = "then" if self.validator(f"{pointer}/if").is_valid(instance) else "else"
            if branch in schema:
                yield from self._in_place(f"{pointer}/{branch}", instance)

    def undeclared(self, pointer: str, instance: Any, where: str = "") -> list[str]:
        """Where `instance` holds a key that no applicable schema names in `properties` (or
        `patternProperties`) while none allows others with `additionalProperties`.

        OpenAPI schemas are open by default: a key the server adds without declaring it
        validates, and generated clients type it as nothing. This closes that gap without
        rewriting the document.
        """
        found: list[str] = []
        schemas = list(self._in_place(pointer, instance))
        if isinstance(instance, dict):
            for key, value in instance.items():
                children, allowed = [], False
                for at in schemas:
                    schema = self.lookup(at)
                    if key in schema.get("properties", {}):
                        children.append(f"{at}/properties/{pointer_token(key)}")
                    for pattern in schema.get("patternProperties", {}):
                        if re.search(pattern, key):
                            children.append(f"{at}/patternProperties/{pointer_token(pattern)}")
                    for keyword in ("additionalProperties", "unevaluatedProperties"):
                        extra = schema.get(keyword)
                        if extra is True or extra == {}:
                            allowed = True
                        elif isinstance(extra, dict):
                            allowed = True
                            children.append(f"{at}/{keyword}")
                if not children and not allowed:
                    found.append(f"{where}/{key}")
                for child in children:
                    found += self.undeclared(child, value, f"{where}/{key}")
        elif isinstance(instance, list):
            for at in schemas:
                schema = self.lookup(at)
                prefix = schema.get("prefixItems", [])
                for index, item in enumerate(instance):
                    if index < len(prefix):
                        found += self.undeclared(
                            f"{at}/prefixItems/{index}", item, f"{where}/{index}"
                        )
                    elif isinstance(schema.get("items"), dict):
                        found += self.undeclared(f"{at}/items", item, f"{where}/{index}")
        return sorted(set(found))


# --- golden files ----------------------------------------------------------------------------

ISO_DATETIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+\-]\d\d:?\d\d)?")
ISO_DATE = re.compile(r"(?<![\d/])(\d{4})-(\d\d)-(\d\d)(?![\d/])")
#: The test sites' own origins (`hcm.localhost`, `testserver`…); other hosts are content.
ORIGIN = re.compile(
    r"\bhttps?://(?:[\w.-]*\.)?(?:localhost|testserver|127\.0\.0\.1)(?::\d+)?(?![\w.-])"
)
TOKEN = re.compile(r"\bcpt_[A-Za-z0-9_\-]+")  # an API token (cms.api.models.TOKEN_PREFIX)
REFERENCE = re.compile(r"\b[A-Z]{2,5}-\d{4}-\d{6}\b")  # a question's HCM-2026-000123
URL = re.compile(r"(?:<origin>|(?<![\w/.])/(?:api|media|static|documents)/)[^\s\"'<>]*")
#: Django's storage adds `_AbC1234` to a file name that is taken (earlier runs' media).
STORAGE_SUFFIX = re.compile(r"_[A-Za-z0-9]{7}(?=\.)")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+")
ID_KEYS = re.compile(r"(?:^|_)(?:id|pk)$")
#: Dates this close to the run are the run's own (received, due, published on), not fixtures'.
RUN_DATE_WINDOW = datetime.timedelta(days=120)


def _date(match: re.Match) -> str:
    try:
        value = datetime.date(*map(int, match.groups()))
    except ValueError:
        return match.group(0)
    near = abs(value - timezone.localdate()) <= RUN_DATE_WINDOW
    return "<date>" if near else match.group(0)


def _url(match: re.Match) -> str:
    url = re.sub(r"/\d+(?=/|$|\?)", "/<id>", match.group(0))
    url = re.sub(r"([?&](?:[a-z_]*id|child_of|since|cursor|after)=)[^&#]+", r"\1<id>", url)
    return STORAGE_SUFFIX.sub("", url)


def normalize_text(value: str) -> str:
    value = ORIGIN.sub("<origin>", value)
    value = URL.sub(_url, value)
    value = ISO_DATETIME.sub("<datetime>", value)
    value = ISO_DATE.sub(_date, value)
    value = TOKEN.sub("<token>", value)
    return REFERENCE.sub("<reference>", value)


def normalize(value: Any, key: str = "") -> Any:
    """What varies between runs (ids, datetimes, the run's dates, hosts, media file suffixes,
    cursors, tokens, question references) becomes a placeholder; shapes and texts stay."""
    if isinstance(value, dict):
        return {k: normalize(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v, key) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if ID_KEYS.search(key) and (isinstance(value, int) or UUID.fullmatch(str(value))):
        return "<id>"
    if isinstance(value, str):
        if key in ("next", "cursor", "previous") and not value.startswith(("http", "/")):
            return "<cursor>"
        if key in ("token", "etag"):
            return f"<{key}>"
        return normalize_text(value)
    return value


def golden(name: str, body: Any, update: bool) -> None:
    """Compare with tests/api/expected/<name>.json; `--update-golden` rewrites it instead."""
    path = EXPECTED / f"{name}.json"
    actual = normalize(body)
    text = json.dumps(actual, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if update:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
        return
    assert path.exists(), (
        f"no golden file tests/api/expected/{path.name}: run `.venv/bin/pytest "
        "tests/api/test_contract.py --update-golden`, review the new file and commit it"
    )
    assert actual == json.loads(path.read_text()), (
        f"{name}: the answer differs from {path.name} (rerun with --update-golden if the "
        "change is intended, and review the diff)"
    )
