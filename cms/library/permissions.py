"""Who may change the library (an HQ group) and who may read and choose it (every editor).

Permissions are granted by code, idempotently: after every migrate (the library
group) and whenever a department is saved by provisioning (its groups), so a
department made later gets the same grants as the demo ones.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    Workflow,
    WorkflowContentType,
    WorkflowTask,
)
from wagtail.snippets.models import create_extra_permissions

from sites.models import Department
from sites.provisioning import shared_library_collection

LIBRARY_GROUP = "HQ Library"
LIBRARY_WORKFLOW = "Thư viện dùng chung: duyệt"
LIBRARY_MODELS = ("procedure", "legaldocument")
LIBRARY_ACTIONS = ("add", "change", "delete", "view", "publish", "lock", "unlock")
NOTE_ACTIONS = ("add", "change", "delete", "view")
DOCUMENT_ACTIONS = ("add", "change", "delete", "choose")


def _permissions(model_names: tuple[str, ...], actions: tuple[str, ...]) -> list[Permission]:
    codenames = [f"{action}_{model}" for model in model_names for action in actions]
    return list(
        Permission.objects.filter(content_type__app_label="library", codename__in=codenames)
    )


@transaction.atomic
def ensure_library_group() -> Group:
    """The HQ group that alone may change procedures and legal documents, with its workflow."""
    group, _created = Group.objects.get_or_create(name=LIBRARY_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *_permissions(LIBRARY_MODELS, LIBRARY_ACTIONS),
    )
    collection = shared_library_collection()
    for action in DOCUMENT_ACTIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(
                content_type__app_label="wagtaildocs", codename=f"{action}_document"
            ),
        )
    workflow, _created = Workflow.objects.get_or_create(name=LIBRARY_WORKFLOW)
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name="Thư viện dùng chung: HQ duyệt")
        task.groups.set([group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for model in LIBRARY_MODELS:
        content_type = ContentType.objects.get_by_natural_key("library", model)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
    return group


def grant_department(department: Department) -> None:
    """Every group of a department may view and choose the library and keep its own local notes."""
    view = _permissions(LIBRARY_MODELS, ("view",))
    notes = _permissions(("localnote",), NOTE_ACTIONS)
    for group in department.groups:
        group.permissions.add(*view, *notes)


def on_post_migrate(app_config, **kwargs) -> None:
    create_permissions(app_config, verbosity=0)
    create_extra_permissions(app_config)
    ensure_library_group()
    for department in Department.objects.all():
        grant_department(department)


def on_department_saved(sender, instance: Department, **kwargs) -> None:
    grant_department(instance)
