"""Writes for editorial automation: news drafts of the token's department, nothing else.

`Authorization: Bearer cpt_…` names an ``ApiToken``. The token's department is the only
one it reaches: the Host must be that department's site (else 403) and every id must be
an article of its tree (else 404). Without a valid token: 401. What a token may do after
writing a draft (submit it to the department's moderation workflow, publish it) is its
scope. Public read endpoints do not change.
"""

import datetime
import re
from collections.abc import Callable
from functools import wraps

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from wagtail.blocks import RichTextBlock
from wagtail.models import Page

from cms.core.rich_text import RichTextRefused, clean_rich_text, editor_features
from cms.news.models import NewsArticlePage, NewsCategory
from sites.text import ascii_slugify

from . import scope
from .audit import log_write, token_log_context
from .body import json_object
from .errors import READ_METHODS, ApiError, allowed_methods, method_not_allowed, problem
from .languages import language_codes
from .models import ApiToken
from .news import DATE, news_index

TEXT_LIMITS = {"title": 255, "teaser": 1000, "source": 255}
WRITABLE = {"title", "teaser", "date", "category", "tags", "source", "body", "locale", "action"}
ACTIONS = ("draft", "submit", "publish")
BODY_BLOCKS = ("heading", "paragraph")
WRITE_MAX_BYTES = 512 * 1024


def authenticated(request: HttpRequest) -> ApiToken:
    """The request's token, checked against the Host: 401 without a valid one, 403 elsewhere."""
    header = request.headers.get("Authorization", "")
    kind, _sep, text = header.partition(" ")
    if kind.lower() != "bearer" or not text.strip():
        raise ApiError("a bearer token is required", parameter="Authorization", status=401)
    token = ApiToken.authenticate(text.strip())
    if token is None:
        raise ApiError("the token is unknown or revoked", parameter="Authorization", status=401)
    department = scope.department_for(request)
    if token.department_id != department.pk:
        raise ApiError(
            "the token belongs to another department's site", parameter="Authorization", status=403
        )
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def token_view(view: Callable) -> Callable:
    """Token-authenticated JSON view: problem bodies for 400/401/403/404, never cached."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        methods = getattr(view, "methods", ("POST",))
        allowed = (*methods, *(("HEAD",) if "GET" in methods else ()), "OPTIONS")
        try:
            if request.method == "OPTIONS":
                response = allowed_methods(allowed)
            elif request.method not in allowed:
                response = method_not_allowed(request, allowed)
            else:
                token = authenticated(request)
                with transaction.atomic(), token_log_context(token):
                    response = view(request, token, *args, **kwargs)
        except ApiError as error:
            response = problem(error.status, error.detail, error.parameter, request.path)
            if error.status == 401:
                response["WWW-Authenticate"] = 'Bearer realm="api"'
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()), ("body", ["invalid"]))
            response = problem(400, " ".join(messages), field, request.path)
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


def with_writes(read_view: Callable, **writers: Callable) -> Callable:
    """GET/HEAD/OPTIONS go to the cached public view; the named methods to token views."""
    handlers = {method.upper(): token_view(writer) for method, writer in writers.items()}
    for method, writer in writers.items():
        writer.methods = (method.upper(),)
    allowed = (*READ_METHODS, *handlers)

    @csrf_exempt
    @wraps(read_view)
    def dispatch(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        handler = handlers.get(request.method)
        if handler is not None:
            return handler(request, *args, **kwargs)
        if request.method == "OPTIONS":
            return allowed_methods(allowed)
        if request.method not in READ_METHODS:
            return method_not_allowed(request, allowed)
        return read_view(request, *args, **kwargs)

    return dispatch


def request_data(request: HttpRequest) -> dict:
    data = json_object(request, WRITE_MAX_BYTES)
    unknown = sorted(set(data) - WRITABLE)
    if unknown:
        raise ApiError(
            f"unknown field (writable: {', '.join(sorted(WRITABLE))})",
            parameter=", ".join(unknown),
        )
    return data


def apply_fields(article: NewsArticlePage, data: dict) -> None:
    """Copy validated JSON fields onto the article (a draft object, not yet saved)."""
    for name, limit in TEXT_LIMITS.items():
        if name in data:
            value = data[name]
            if not isinstance(value, str) or len(value) > limit:
                raise ApiError(f"must be text of at most {limit} characters", parameter=name)
            setattr(article, name, value.strip())
    if "title" in data and not article.title:
        raise ApiError("must not be empty", parameter="title")
    if "date" in data:
        try:
            if not isinstance(data["date"], str) or not re.fullmatch(DATE, data["date"]):
                raise ValueError(data["date"])
            article.date = datetime.date.fromisoformat(data["date"])
        except ValueError:
            raise ApiError("must be a date as YYYY-MM-DD", parameter="date") from None
    if "category" in data:
        if data["category"] not in NewsCategory.values:
            raise ApiError(
                f"must be one of: {', '.join(NewsCategory.values)}", parameter="category"
            )
        article.category = data["category"]
    if "tags" in data:
        tags = data["tags"]
        if not isinstance(tags, list) or not all(
            isinstance(t, str) and 0 < len(t) <= 100 for t in tags
        ):
            raise ApiError("must be a list of tag names (1 to 100 characters)", parameter="tags")
        article.tags.set(tags)
    if "body" in data:
        body = data["body"]
        if not isinstance(body, list) or not all(
            isinstance(b, dict)
            and b.get("type") in BODY_BLOCKS
            and isinstance(b.get("value"), str)
            and set(b) <= {"type", "value"}
            for b in body
        ):
            raise ApiError(
                "must be a list of {type, value} blocks, type one of: " + ", ".join(BODY_BLOCKS),
                parameter="body",
            )
        article.body = [
            {"type": b["type"], "value": block_value(b["type"], b["value"], f"body[{i}].value")}
            for i, b in enumerate(body)
        ]


def block_value(block_type: str, value: str, where: str) -> str:
    """The value as the admin would store it: rich text through the editor's converter, then
    the block's own validation. What the editor cannot hold is refused, naming `where`."""
    block = NewsArticlePage.body.field.stream_block.child_blocks[block_type]
    if isinstance(block, RichTextBlock):
        try:
            value = clean_rich_text(value, editor_features(block))
        except RichTextRefused as error:
            raise ApiError(str(error), parameter=where) from None
    try:
        block.clean(block.to_python(value))
    except ValidationError as error:
        raise ApiError(" ".join(error.messages), parameter=where) from None
    return value


def action_of(data: dict, token: ApiToken) -> str:
    action = data.get("action", "draft")
    if action not in ACTIONS:
        raise ApiError(f"must be one of: {', '.join(ACTIONS)}", parameter="action")
    if not token.allows(action):
        raise ApiError(
            f"this token's scope does not allow {action}", parameter="action", status=403
        )
    return action


def unique_slug(parent: Page, title: str) -> str:
    base = ascii_slugify(title)[:200] or "tin"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def own_article(token: ApiToken, pk: int) -> NewsArticlePage:
    """An article (live or draft) of the token's department; any other id is 404."""
    article = (
        NewsArticlePage.objects.filter(token.department.tree_condition(), pk=pk)
        .select_related("locale")
        .first()
    )
    if article is None:
        raise ApiError("not found", status=404)
    return article


def finish_action(article: NewsArticlePage, revision, action: str, token: ApiToken) -> None:
    if action == "publish":
        revision.publish(user=token.created_by)
        log_write(article, "publish", token, revision)
    elif action == "submit":
        workflow = article.get_workflow()
        if workflow is None:
            raise ApiError("this site has no moderation workflow", parameter="action", status=409)
        if article.workflow_in_progress:
            raise ApiError("already in moderation", parameter="action", status=409)
        workflow.start(article, token.created_by)
        log_write(article, "submit", token, revision)


def draft_data(request: HttpRequest, article: NewsArticlePage) -> dict:
    """The latest revision (the draft an automation wrote), with where it stands."""
    latest = article.get_latest_revision_as_object()
    state = article.current_workflow_state
    return {
        "id": article.pk,
        "title": latest.title,
        "slug": latest.slug,
        "date": latest.date.isoformat(),
        "category": latest.category,
        "tags": sorted(tag.name for tag in latest.tags.all()),
        "teaser": latest.teaser,
        "source": latest.source,
        "body": [
            {"type": block.block_type, "value": str(getattr(block.value, "source", block.value))}
            for block in latest.body
        ],
        "locale": article.locale.language_code,
        "live": article.live,
        "has_unpublished_changes": article.has_unpublished_changes,
        "in_moderation": bool(state and state.status == state.STATUS_IN_PROGRESS),
        "detail_url": request.build_absolute_uri(f"/api/news/{article.pk}/"),
        "draft_url": request.build_absolute_uri(f"/api/news/{article.pk}/draft/"),
    }


def create_news(request: HttpRequest, token: ApiToken) -> JsonResponse:
    """POST /api/news/: a new article in the token's department, saved as a draft."""
    data = request_data(request)
    action = action_of(data, token)
    if not isinstance(data.get("title"), str) or not data["title"].strip():
        raise ApiError("is required", parameter="title")
    language = data.get("locale", "vi")
    if language not in language_codes():
        raise ApiError(f"must be one of: {', '.join(language_codes())}", parameter="locale")
    parent = news_index(token.department, language)
    if parent is None:
        raise ApiError("this site has no news section in that language", parameter="locale")
    article = NewsArticlePage(title=data["title"].strip(), live=False)
    apply_fields(article, data)
    article.slug = unique_slug(parent, article.title)
    parent.add_child(instance=article)
    revision = article.save_revision(user=token.created_by, log_action=True)
    log_write(article, "create", token, revision)
    finish_action(article, revision, action, token)
    article.refresh_from_db()
    return JsonResponse(
        draft_data(request, article), status=201, json_dumps_params={"ensure_ascii": False}
    )


def update_news(request: HttpRequest, token: ApiToken, pk: int) -> JsonResponse:
    """PATCH /api/news/<id>/: a new draft revision of the department's article."""
    data = request_data(request)
    if "locale" in data:
        raise ApiError("cannot change; translate in the admin instead", parameter="locale")
    action = action_of(data, token)
    article = own_article(token, pk)
    draft = article.get_latest_revision_as_object()
    apply_fields(draft, data)
    draft.full_clean()
    revision = draft.save_revision(user=token.created_by, log_action=True)
    log_write(article, "update", token, revision)
    finish_action(article, revision, action, token)
    article.refresh_from_db()
    return JsonResponse(draft_data(request, article), json_dumps_params={"ensure_ascii": False})


def read_draft(request: HttpRequest, token: ApiToken, pk: int) -> JsonResponse:
    """GET /api/news/<id>/draft/: the latest revision of the department's own article."""
    return JsonResponse(
        draft_data(request, own_article(token, pk)), json_dumps_params={"ensure_ascii": False}
    )


read_draft.methods = ("GET",)


def submit_news(request: HttpRequest, token: ApiToken, pk: int) -> JsonResponse:
    """POST /api/news/<id>/submit/: send the latest draft to the department's moderators."""
    action_of({"action": "submit"}, token)
    article = own_article(token, pk)
    finish_action(article, article.get_latest_revision(), "submit", token)
    return JsonResponse(draft_data(request, article), json_dumps_params={"ensure_ascii": False})


def publish_news(request: HttpRequest, token: ApiToken, pk: int) -> JsonResponse:
    """POST /api/news/<id>/publish/: publish the latest draft (tokens with the publish scope)."""
    action_of({"action": "publish"}, token)
    article = own_article(token, pk)
    revision = article.get_latest_revision()
    if revision is None:
        raise ApiError("nothing to publish", status=409)
    finish_action(article, revision, "publish", token)
    article.refresh_from_db()
    return JsonResponse(draft_data(request, article), json_dumps_params={"ensure_ascii": False})
