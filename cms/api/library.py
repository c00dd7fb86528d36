"""`/api/procedures/`, `/api/legal-documents/`, `/api/local-notes/`: the shared library as one
department's site shows it.

The library lives once (HQ's snippets); every department serves it under its own URLs
(`html_url` points into the Host's procedures section) with only its own local notes.
Only published rows (`live=True`) are read, never drafts.
"""

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, JsonResponse

from wagtail.documents import get_document_model

from cms.library.models import LegalDocument, LocalNote, Procedure, ProcedureIndexPage
from cms.library.models.procedures import fold_text

from . import scope
from .errors import ApiError
from .languages import fallback_language, requested_language
from .resources import LIMIT_DEFAULT, LIMIT_MAX, api_endpoint, int_parameter, json

LOCALIZED = {"locale", "fallback"}
PAGED = {"limit", "offset"}


class LibraryScope:
    """Department (from the Host), language and fallback of one request."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.department = scope.department_for(request)
        self.language = requested_language(request)
        fallback = fallback_language(request)
        self.fallback = fallback if fallback and fallback != self.language else None
        self._indexes: dict[str, ProcedureIndexPage | None] = {}

    def published(self, model: type) -> QuerySet:
        return model.objects.filter(live=True)

    def localized(self, model: type) -> QuerySet:
        """Published rows in the language; with a fallback, its rows lacking a translation."""
        rows = self.published(model)
        wanted = Q(locale__language_code=self.language)
        if self.fallback is not None:
            translated = rows.filter(locale__language_code=self.language)
            wanted |= Q(locale__language_code=self.fallback) & ~Q(
                translation_key__in=translated.values("translation_key")
            )
        return rows.filter(wanted).select_related("locale")

    def index_page(self, language: str) -> ProcedureIndexPage | None:
        """The department's procedures section in `language` (for per-site URLs)."""
        if language not in self._indexes:
            self._indexes[language] = (
                ProcedureIndexPage.objects.filter(self.department.tree_condition())
                .live()
                .filter(locale__language_code=language)
                .first()
            )
        return self._indexes[language]

    def html_url(self, item, route: str) -> str | None:
        index = self.index_page(item.locale.language_code)
        if index is None:
            return None
        base = index.get_full_url(self.request)
        return base + index.reverse_subpage(route, args=[item.slug]).lstrip("/") if base else None

    def translations(self, model: type, items: list, key: str, url_name: str) -> dict:
        """{translation_key: [(locale, identifier)]} for every item, in one query."""
        rows = (
            self.published(model)
            .filter(translation_key__in={item.translation_key for item in items})
            .values_list("translation_key", "locale__language_code", key)
            .order_by("locale__language_code")
        )
        table: dict = {}
        for translation_key, code, identifier in rows:
            table.setdefault(translation_key, []).append(
                {
                    "locale": code,
                    key: identifier,
                    "detail_url": self.request.build_absolute_uri(
                        f"/api/{url_name}/{identifier}/?locale={code}"
                    ),
                }
            )
        return table


def _page(request: HttpRequest, queryset: QuerySet) -> tuple[int, list]:
    limit = int_parameter(request, "limit", LIMIT_DEFAULT, LIMIT_MAX)
    offset = int_parameter(request, "offset", 0)
    return queryset.count(), (list(queryset[offset : offset + limit]) if limit else [])


def _choice(request: HttpRequest, name: str, choices: list[str]) -> str | None:
    value = request.GET.get(name)
    if value is not None and value not in choices:
        raise ApiError(f"must be one of: {', '.join(choices)}", parameter=name)
    return value


def _query(request: HttpRequest) -> str:
    value = request.GET.get("q", "").strip()
    if len(value) > 200:
        raise ApiError("is longer than 200 characters", parameter="q")
    return value


def procedure_summary(library: LibraryScope, procedure: Procedure, translations: dict) -> dict:
    return {
        "code": procedure.code,
        "title": procedure.title,
        "category": procedure.category,
        "online_level": procedure.online_level,
        "online": procedure.online,
        "agency_level": procedure.agency_level,
        "status": procedure.status,
        "locale": procedure.locale.language_code,
        "fallback": procedure.locale.language_code != library.language,
        "translations": [
            t
            for t in translations.get(procedure.translation_key, [])
            if t["locale"] != procedure.locale.language_code
        ],
        "detail_url": library.request.build_absolute_uri(
            f"/api/procedures/{procedure.code}/?locale={procedure.locale.language_code}"
        ),
        "html_url": library.html_url(procedure, "procedure_detail"),
    }


@api_endpoint({*LOCALIZED, *PAGED, "category", "level", "online", "q"})
def procedure_list(request: HttpRequest) -> JsonResponse:
    """Published procedures in the language, filtered by category, level, online and words."""
    library = LibraryScope(request)
    procedures = library.localized(Procedure).order_by("code")
    category = _choice(request, "category", Procedure.Category.values)
    if category:
        procedures = procedures.filter(category=category)
    level = _choice(request, "level", ["1", "2", "3", "4"])
    if level:
        procedures = procedures.filter(online_level=int(level))
    online = _choice(request, "online", Procedure.Online.values)
    if online:
        procedures = procedures.filter(online=online)
    for word in fold_text(_query(request)).split():
        procedures = procedures.filter(folded_text__contains=word)
    total, items = _page(request, procedures)
    translations = library.translations(Procedure, items, "code", "procedures")
    return json(
        {
            "meta": {"total_count": total, "locale": library.language},
            "items": [procedure_summary(library, p, translations) for p in items],
        }
    )


def local_note_data(request: HttpRequest, note: LocalNote) -> dict:
    return {
        "id": note.pk,
        "department": note.department.code if note.department_id else None,
        "procedure": note.procedure.code,
        "office": note.office,
        "address": note.address,
        "hours": note.hours,
        "hotline": note.hotline,
        "border_gates": note.border_gates,
        "notes": note.notes,
        "detail_url": request.build_absolute_uri(f"/api/local-notes/{note.pk}/"),
    }


@api_endpoint(LOCALIZED)
def procedure_detail(request: HttpRequest, code: str) -> JsonResponse:
    """One procedure by code, with its legal bases, forms and this department's local notes."""
    library = LibraryScope(request)
    procedure = library.localized(Procedure).filter(code=code).first()
    if procedure is None:
        raise Http404
    key = procedure.translation_key
    legal_bases = list(
        library.published(LegalDocument)
        .filter(
            locale=procedure.locale,
            translation_key__in=LegalDocument.objects.filter(
                procedures__translation_key=key
            ).values("translation_key"),
        )
        .select_related("locale")
    )
    forms = get_document_model().objects.filter(
        pk__in=Procedure.forms.through.objects.filter(procedure__translation_key=key).values(
            "document"
        )
    )
    notes = LocalNote.objects.filter(
        department=library.department, procedure__translation_key=key
    ).select_related("department", "procedure")
    translations = library.translations(Procedure, [procedure], "code", "procedures")
    context = {"request": request}
    return json(
        {
            **procedure_summary(library, procedure, translations),
            "agency": procedure.agency,
            "processing_time": procedure.processing_time,
            "fees": procedure.fees,
            "applicants": procedure.applicants,
            "online_url": procedure.online_url,
            "effective_on": procedure.effective_on.isoformat() if procedure.effective_on else None,
            "dossier": procedure.dossier.stream_block.get_api_representation(
                procedure.dossier, context
            ),
            "steps": procedure.steps.stream_block.get_api_representation(procedure.steps, context),
            "legal_bases": [
                {
                    "number": document.number,
                    "title": document.title,
                    "detail_url": request.build_absolute_uri(
                        f"/api/legal-documents/{document.slug}/?locale={document.locale.language_code}"
                    ),
                }
                for document in legal_bases
            ],
            "forms": [
                {"id": form.pk, "title": form.title, "url": request.build_absolute_uri(form.url)}
                for form in forms
            ],
            "local_notes": [local_note_data(request, note) for note in notes],
        }
    )


def legal_summary(library: LibraryScope, document: LegalDocument, translations: dict) -> dict:
    return {
        "number": document.number,
        "slug": document.slug,
        "title": document.title,
        "type": document.doc_type,
        "issuer": document.issuer,
        "issued_on": document.issued_on.isoformat(),
        "effective_on": document.effective_on.isoformat() if document.effective_on else None,
        "expires_on": document.expires_on.isoformat() if document.expires_on else None,
        "status": document.status,
        "locale": document.locale.language_code,
        "fallback": document.locale.language_code != library.language,
        "translations": [
            t
            for t in translations.get(document.translation_key, [])
            if t["locale"] != document.locale.language_code
        ],
        "detail_url": library.request.build_absolute_uri(
            f"/api/legal-documents/{document.slug}/?locale={document.locale.language_code}"
        ),
        "html_url": library.html_url(document, "legal_document_detail"),
    }


@api_endpoint({*LOCALIZED, *PAGED, "type", "status", "q"})
def legal_document_list(request: HttpRequest) -> JsonResponse:
    """Published legal documents in the language, filtered by type, status and words."""
    library = LibraryScope(request)
    documents = library.localized(LegalDocument).order_by("-issued_on", "number")
    doc_type = _choice(request, "type", LegalDocument.Type.values)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    status = _choice(request, "status", LegalDocument.Status.values)
    if status:
        documents = documents.filter(status=status)
    for word in _query(request).split():
        documents = documents.filter(Q(number__icontains=word) | Q(title__icontains=word))
    total, items = _page(request, documents)
    translations = library.translations(LegalDocument, items, "slug", "legal-documents")
    return json(
        {
            "meta": {"total_count": total, "locale": library.language},
            "items": [legal_summary(library, d, translations) for d in items],
        }
    )


@api_endpoint(LOCALIZED)
def legal_document_detail(request: HttpRequest, number: str) -> JsonResponse:
    """One legal document by number (`85/2019/NĐ-CP`) or its URL form (`85-2019-nd-cp`)."""
    library = LibraryScope(request)
    document = (
        library.localized(LegalDocument)
        .filter(Q(slug=number) | Q(number=number))
        .select_related("file")
        .first()
    )
    if document is None:
        raise Http404
    key = document.translation_key
    procedures = library.published(Procedure).filter(
        locale=document.locale,
        translation_key__in=Procedure.objects.filter(legal_bases__translation_key=key).values(
            "translation_key"
        ),
    )
    translations = library.translations(LegalDocument, [document], "slug", "legal-documents")
    return json(
        {
            **legal_summary(library, document, translations),
            "summary": document.summary,
            "file": {
                "id": document.file.pk,
                "title": document.file.title,
                "url": request.build_absolute_uri(document.file.url),
            }
            if document.file
            else None,
            "procedures": [
                {
                    "code": procedure.code,
                    "title": procedure.title,
                    "detail_url": request.build_absolute_uri(
                        f"/api/procedures/{procedure.code}/?locale={document.locale.language_code}"
                    ),
                }
                for procedure in procedures
            ],
        }
    )


def department_notes(request: HttpRequest) -> QuerySet:
    return LocalNote.objects.filter(department=scope.department_for(request)).select_related(
        "department", "procedure"
    )


@api_endpoint({*PAGED, "procedure"})
def local_note_list(request: HttpRequest) -> JsonResponse:
    """This department's local notes (office, hours, hotline) on shared procedures."""
    notes = department_notes(request).order_by("procedure__code", "pk")
    code = request.GET.get("procedure")
    if code is not None:
        notes = notes.filter(procedure__code=code)
    total, items = _page(request, notes)
    return json(
        {"meta": {"total_count": total}, "items": [local_note_data(request, n) for n in items]}
    )


@api_endpoint(set())
def local_note_detail(request: HttpRequest, pk: int) -> JsonResponse:
    note = department_notes(request).filter(pk=pk).first()
    if note is None:
        raise Http404
    return json(local_note_data(request, note))


def library_item_link(library: LibraryScope, item) -> dict:
    """A search hit from the library: its API and per-site URLs."""
    if isinstance(item, Procedure):
        identifier, api_name, route = item.code, "procedures", "procedure_detail"
    else:
        identifier, api_name, route = item.slug, "legal-documents", "legal_document_detail"
    code = item.locale.language_code
    return {
        "id": item.pk,
        "title": item.title,
        "slug": item.slug,
        "locale": code,
        "type": item._meta.label,
        "teaser": getattr(item, "summary", "") or "",
        "detail_url": library.request.build_absolute_uri(
            f"/api/{api_name}/{identifier}/?locale={code}"
        ),
        "html_url": library.html_url(item, route),
    }
