"""Wagtail's API v2 viewsets (pages, images, documents) under this API's declarations.

The viewsets (DRF) keep the shapes the README promises; what they read and answer is
declared like every other endpoint: their Query models are derived from the viewset
(fields, order, filters) and parse `request.GET` before Wagtail runs (a bad value is a
400 problem naming the parameter), and their response schemas are derived from the very
serializers Wagtail builds for each model — every api_field, meta field and nested
object — so the document and the validation (`API_VALIDATE_RESPONSES`) follow the models.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Literal, Union

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import Http404

from wagtail.api.v2 import serializers as wagtail_serializers
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.documents.api.v2.serializers import DocumentDownloadUrlField
from wagtail.images.api.v2.serializers import ImageDownloadUrlField
from wagtail.models import Page

from pydantic import create_model
from rest_framework import serializers
from rest_framework.exceptions import APIException
from rest_framework.renderers import JSONRenderer

from .http import (
    ID_MAX,
    LIMIT_MAX,
    ApiError,
    Digits,
    Endpoint,
    Field,
    Operation,
    Query,
    Schema,
    error_response,
    parse_query,
    problem,
)
from .scope import Language, Scope

#: The router of Wagtail's viewsets (their URL patterns, and the nested serializers' endpoints).
router = WagtailAPIRouter("api")

UNKNOWN = re.compile(r"not an operation or a recognised field: (.+)$")
MISSING_PAGE = re.compile(r"page doesn't exist$")
NAME = "[A-Za-z0-9_]+"


def name_list(names: list[str]) -> str:
    """A pattern for one of these names (longest first: no prefix shadows a longer name)."""
    if not all(re.fullmatch(NAME, name) for name in names):
        raise ValueError(f"names must be identifiers: {names}")
    return "(?:" + "|".join(sorted(names, key=len, reverse=True)) + ")"


def fields_pattern(names: list[str], relations: list[str]) -> str:
    """Wagtail's `fields=`: `*` or `_` first, then names, `-name` to drop one, and
    `relation(sub,fields)` for a nested object (one level)."""
    sub = r"\((?:[*_]|-?[A-Za-z0-9_]+)(?:,-?[A-Za-z0-9_]+)*\)"
    plain = [name for name in names if name not in relations]
    item = f"-?{name_list(plain)}"
    if relations:
        item = f"(?:{item}|-?{name_list(relations)}(?:{sub})?)"
    return f"^(?:[*_]|{item})(?:,{item})*$"


def relation_names(models_: list[type[models.Model]], names: list[str]) -> list[str]:
    """The fields that are relations (a foreign key or child objects) in every model having them."""
    found = set()
    for name in names:
        kinds = set()
        for model in models_:
            try:
                kinds.add(bool(model._meta.get_field(name).is_relation))
            except FieldDoesNotExist:
                continue
        if kinds == {True}:
            found.add(name)
    return sorted(found)


def order_pattern(names: tuple[str, ...]) -> str:
    name = name_list(list(names))
    return f"^-?{name}(?:,-?{name})*$"


def parameter_of(message: str, query: Any = ()) -> str:
    """Which query parameter a Wagtail v2 BadRequestError message is about."""
    unknown = UNKNOWN.search(message)
    if unknown:
        return unknown.group(1)
    lowered = message.lower()
    if "parent page" in lowered or "ancestor page" in lowered or "descendant page" in lowered:
        return next(
            (name for name in ("child_of", "descendant_of", "ancestor_of") if name in query),
            "child_of",
        )
    if "field" in lowered and "order" not in lowered:
        return "fields"
    for name in ("limit", "offset", "order", "search", "type", "locale", "id", "html_path"):
        if name in lowered:
            return name
    return "query"


# --- query models -----------------------------------------------------------------------------


def query_models(
    viewset: Any,
    models_: list[type[models.Model]],
    name: str,
    listing_extra: dict[str, Any],
    detail_extra: dict[str, Any],
) -> tuple[type[Query], type[Query], type[Query]]:
    """(listing, detail, find) Query models of a Wagtail viewset."""
    base = viewset.model
    all_names = sorted(
        {n for model in models_ for n in viewset.get_available_fields(model)}
        - set(viewset.detail_only_fields)
    )
    detail_names = sorted({*all_names, *viewset.detail_only_fields})
    fields_help = (
        "Field selection: `*` for all, `_` for none, then names separated by commas; "
        "`-name` drops a default field, `name(sub,fields)` selects a nested object's fields."
    )
    order_fields: tuple[str, ...] = viewset.order_fields
    listing: dict[str, Any] = {
        "limit": (Digits, Field(20, ge=0, le=LIMIT_MAX, description="Page size.")),
        "offset": (Digits, Field(0, ge=0, le=ID_MAX, description="Items to skip.")),
        "fields": (
            str | None,
            Field(
                None,
                pattern=fields_pattern(all_names, relation_names(models_, all_names)),
                description=fields_help,
            ),
        ),
        "order": (
            str | None,
            Field(
                None,
                pattern=order_pattern(order_fields),
                description="Fields to order by, separated by commas; `-` before one for "
                "descending.",
            ),
        ),
        "search": (
            str | None,
            Field(None, max_length=200, description="Full-text filter (the search index)."),
        ),
        "search_operator": (
            Literal["and", "or"] | None,
            Field(None, description="How the words of `search` combine."),
        ),
        **listing_extra,
    }
    # Wagtail's field filters (`?slug=…`) are not offered: they cannot be combined with
    # `search` (unindexed fields), nor with a page type's own fields without `type=`, in ways
    # a document can state; an unknown parameter is a 400 naming it.
    order_message = (
        "must be a comma-separated list of: " + ", ".join(order_fields) + " (each may start with -)"
    )
    listing_model = create_model(
        f"{name}ListingQuery",
        __base__=Query,
        **listing,
    )
    listing_model.messages = {"order": order_message}
    detail: dict[str, Any] = {
        "fields": (
            str | None,
            Field(
                None,
                pattern=fields_pattern(detail_names, relation_names(models_, detail_names)),
                description=fields_help,
            ),
        ),
        **detail_extra,
    }
    detail_model = create_model(f"{name}DetailQuery", __base__=Query, **detail)
    find: dict[str, Any] = {
        **detail,
        "id": (
            Digits | None,
            Field(None, ge=0, le=ID_MAX, description="The id of the object to find."),
        ),
    }
    if base is Page or issubclass(base, Page):
        find["html_path"] = (
            str | None,
            Field(
                None,
                max_length=2000,
                description="The page's path on this site (`/vi/tin-tuc/`).",
            ),
        )
    find_model = create_model(f"{name}FindQuery", __base__=Query, **find)
    return listing_model, detail_model, find_model


# --- response schemas, from Wagtail's serializers -----------------------------------------------


class Block(Schema):
    """One block of a StreamField: its `value`'s shape depends on its `type`."""

    id: str | None = Field(default=None, description="The block's id (stable across saves).")
    type: str = Field(description="The block type (`paragraph`, `image`, `documents`, …).")
    value: Any = Field(description="The block's content: text, HTML, a number or an object.")


class TranslationLink(Schema):
    locale: Language
    id: int
    detail_url: str


class LinkedPageMeta(Schema):
    type: str
    detail_url: str
    html_url: str | None


class LinkedPage(Schema):
    """Another page (the parent, or the page this one is an alias of)."""

    id: int
    meta: LinkedPageMeta
    title: str


class Listing(Schema):
    total_count: int = Field(description="Items matching the query, on every page.")


SIMPLE_FIELDS: list[tuple[type, Any]] = [
    (wagtail_serializers.RichTextFieldSerializer, str),
    (wagtail_serializers.TypeField, str),
    (wagtail_serializers.PageTypeField, str),
    (wagtail_serializers.DetailUrlField, str),
    (wagtail_serializers.PageHtmlUrlField, str | None),
    (wagtail_serializers.PageLocaleField, Language),
    (wagtail_serializers.PageParentField, LinkedPage | None),
    (wagtail_serializers.PageAliasOfField, LinkedPage | None),
    (wagtail_serializers.StreamField, list[Block]),
    (wagtail_serializers.TagsField, list[str]),
    (ImageDownloadUrlField, str),
    (DocumentDownloadUrlField, str),
    (serializers.BooleanField, bool),
    (serializers.IntegerField, int),
    (serializers.FloatField, float),
    (serializers.DecimalField, str),
    (serializers.DateTimeField, datetime.datetime),
    (serializers.DateField, datetime.date),
    (serializers.UUIDField, str),
    (serializers.CharField, str),
    (serializers.JSONField, Any),
    (serializers.ReadOnlyField, Any),
]
#: Fields this API adds (cms.api.pages), by class name: {name: annotation}.
EXTRA_FIELDS: dict[str, Any] = {}
_SCHEMAS: dict[str, type[Schema]] = {}
#: The item schema of each model a viewset serves (set by `declare`).
MODEL_SCHEMAS: dict[Any, type[Schema]] = {}


def _camel(name: str) -> str:
    return "".join(part.title() for part in name.split("_"))


def annotation_of(field: serializers.Field, owner: str) -> Any:
    """The type of what a DRF/Wagtail serializer field writes."""
    extra = EXTRA_FIELDS.get(type(field).__name__)
    if extra is not None:
        return extra
    if isinstance(field, wagtail_serializers.ChildRelationField):
        return list[schema_of(field.serializer_class, owner + _camel(field.field_name))]  # type: ignore[misc]
    if isinstance(field, wagtail_serializers.RelatedField):
        model = field.serializer_class.Meta.model
        # An image or document: its endpoint's schema (`fields=lead_image(*)` may ask for all).
        nested = MODEL_SCHEMAS.get(model) or schema_of(
            field.serializer_class, owner + _camel(field.field_name)
        )
        return nested | None
    annotation: Any = None
    if isinstance(field, serializers.ChoiceField):
        choices = [str(key) for key in field.choices]
        if getattr(field, "allow_blank", False):
            choices.append("")
        annotation = Literal[tuple(choices)] if choices else str
    else:
        for klass, simple in SIMPLE_FIELDS:
            if isinstance(field, klass):
                annotation = simple
                break
    if annotation is None:
        raise TypeError(f"no schema for {type(field).__name__} ({owner}.{field.field_name})")
    if getattr(field, "allow_null", False):
        annotation = annotation | None
    return annotation


def _serializer_fields(serializer_class: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """({body field: annotation}, {meta field: annotation}) of a Wagtail serializer class."""
    serializer = serializer_class()
    owner = serializer_class.Meta.model.__name__
    body: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for name, field in serializer.fields.items():
        target = meta if name in serializer.meta_fields else body
        target[name] = annotation_of(field, owner)
    return body, meta


def _model(name: str, fields: dict[str, Any], doc: str = "", required: tuple = ()) -> type[Schema]:
    """A response model; every field is optional (`fields=` may leave it out) but `required`."""
    definition = {
        key: (annotation, ... if key in required else Field(default=None))
        for key, annotation in fields.items()
    }
    model = create_model(name, __base__=Schema, __doc__=doc or None, **definition)  # type: ignore[call-overload]
    return model


def schema_of(serializer_class: Any, name: str) -> type[Schema]:
    """The response model of one Wagtail serializer class (its nested objects included)."""
    if name not in _SCHEMAS:
        body, meta = _serializer_fields(serializer_class)
        fields = dict(body)
        if meta:
            fields["meta"] = _model(f"{name}Meta", meta)
        # Nothing is required: `fields=_,title` leaves out even the id.
        _SCHEMAS[name] = _model(name, fields)
    return _SCHEMAS[name]


def merged_schema(name: str, serializers_by_label: dict[str, type], doc: str) -> type[Schema]:
    """One model for every type an endpoint serves: the union of their fields, each described
    with the types that have it (a field two types type differently is either)."""
    body: dict[str, set[Any]] = {}
    meta: dict[str, set[Any]] = {}
    owners: dict[str, list[str]] = {}
    for label, serializer_class in serializers_by_label.items():
        fields, meta_fields = _serializer_fields(serializer_class)
        for key, annotation in fields.items():
            body.setdefault(key, set()).add(annotation)
            owners.setdefault(key, []).append(label)
        for key, annotation in meta_fields.items():
            meta.setdefault(key, set()).add(annotation)

    def union(types: set[Any]) -> Any:
        ordered = sorted(types, key=repr)
        return ordered[0] if len(ordered) == 1 else Union[tuple(ordered)]  # noqa: UP007

    meta_model = _model(f"{name}Meta", {k: union(v) for k, v in meta.items()})
    everyone = len(serializers_by_label)
    definition: dict[str, Any] = {}
    for key, types in body.items():
        described = (
            Field(default=None)
            if len(owners[key]) == everyone
            else Field(default=None, description="Of " + ", ".join(sorted(owners[key])) + ".")
        )
        definition[key] = (union(types), described)
    definition["meta"] = (meta_model, Field(default=None))
    return create_model(name, __base__=Schema, __doc__=doc, **definition)


def listing_schema(name: str, item: type[Schema]) -> type[Schema]:
    return create_model(
        name,
        __base__=Schema,
        meta=(Listing, ...),
        items=(list[item], ...),  # type: ignore[valid-type]
    )


# --- the viewsets' shared behaviour -----------------------------------------------------------


class ApiRenderer(JSONRenderer):
    """Compact UTF-8 JSON (Vietnamese stays readable, no indent)."""

    ensure_ascii = False

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return super().render(
            data, accepted_media_type, {**(renderer_context or {}), "indent": None}
        )


class DeclaredViewSetMixin:
    """A Wagtail viewset answering as its declarations say: the query parsed by the declared
    model before Wagtail runs, every error a problem body, every answer validated."""

    renderer_classes = [ApiRenderer]
    #: `order` takes these (`-` for descending): fields the search index can also order by.
    #: Wagtail's `random` is not offered: a cached response repeats one order for everybody.
    order_fields: tuple[str, ...] = ("id", "title")
    #: {"listing_view" | "detail_view" | "find_view": (Endpoint, Operation)}, set on declaring.
    declarations: dict[str, tuple[Endpoint, Operation]] = {}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        _endpoint, operation = self.declarations[self.action]
        self.query = parse_query(operation.query, request.GET)
        self.scope = Scope(
            request,
            locale=getattr(self.query, "locale", None),
            fallback=getattr(self.query, "fallback", None),
        )

    def handle_exception(self, exc):
        request = self.request
        response = error_response(request, exc)
        if response is not None:
            return response
        if isinstance(exc, Page.DoesNotExist) or getattr(exc, "status_code", None) == 404:
            return problem(404, "not found", instance=request.path)
        if isinstance(exc, BadRequestError) and MISSING_PAGE.search(str(exc)):
            # A tree filter naming a page this site does not show: nothing to list from there.
            return problem(404, str(exc), parameter_of(str(exc), request.GET), request.path)
        if isinstance(exc, BadRequestError):
            return problem(400, str(exc), parameter_of(str(exc), request.GET), request.path)
        if isinstance(exc, (ValueError, TypeError, OverflowError)):
            return problem(400, str(exc) or "invalid value", "query", request.path)
        if isinstance(exc, APIException):
            return problem(exc.status_code, str(exc.detail), instance=request.path)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        declared = self.declarations.get(getattr(self, "action", ""), None)
        if (
            declared is not None
            and getattr(settings, "API_VALIDATE_RESPONSES", False)
            and response.status_code == 200
        ):
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            declared[1].check_response(response.content, request.path)
        return response


def declare(
    viewset: Any,
    *,
    prefix: str,
    noun: str,
    plural: str,
    tag: str,
    item: type[Schema],
    queries: tuple[type[Query], type[Query], type[Query]],
    listing_description: str,
    detail_description: str,
    errors: tuple[int, ...] = (400, 404),
) -> None:
    """Declare a viewset's listing, detail and find endpoints (documented; Wagtail routes them)."""
    from .http import ID

    listing_query, detail_query, find_query = queries
    MODEL_SCHEMAS[viewset.model] = item
    listing = Endpoint(f"/api/{prefix}/", name=prefix, routed=False)
    detail = Endpoint(f"/api/{prefix}/{{id}}/", name=noun, path_params={"id": ID}, routed=False)
    find = Endpoint(f"/api/{prefix}/find/", name=f"{noun}_find", routed=False)
    listing.declare(
        "GET",
        summary=f"{plural.capitalize()} of this site",
        description=listing_description,
        tag=tag,
        query=listing_query,
        response=listing_schema(f"{item.__name__}Listing", item),
        errors=errors,
    )
    detail.declare(
        "GET",
        summary=f"One {noun}",
        description=detail_description,
        tag=tag,
        query=detail_query,
        response=item,
        errors=errors,
    )
    find.declare(
        "GET",
        summary=f"Find one {noun}",
        description=(
            f"Redirects (302) to the {noun}'s detail URL, keeping the other query parameters."
            + (
                " Find a page by `html_path` (its path on this site) or `id`."
                if prefix == "pages"
                else " Find it by `id`."
            )
        ),
        tag=tag,
        query=find_query,
        status=302,
        errors=(400, 404),
        cache=False,
    )
    viewset.declarations = {
        "listing_view": (listing, listing.operations["GET"]),
        "detail_view": (detail, detail.operations["GET"]),
        "find_view": (find, find.operations["GET"]),
    }


def not_found_error() -> Http404:
    return Http404("not found")


__all__ = ["ApiError", "router"]
