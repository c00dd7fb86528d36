"""Who may change the library: an HQ group, with its review workflow, made after every migrate.

What every department's groups may do with the library (read and choose it, keep their own
local notes) is registered in `cms.library.apps` with `sites.grants` and given by provisioning.
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

from sites.provisioning import shared_library_collection

LIBRARY_GROUP = "HQ Library"
LIBRARY_WORKFLOW = "Thư viện dùng chung: duyệt"
LIBRARY_MODELS = ("procedure", "legaldocument")
LIBRARY_ACTIONS = ("add", "change", "delete", "view", "publish", "lock", "unlock")
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


def on_post_migrate(app_config, **kwargs) -> None:
    create_permissions(app_config, verbosity=0)
    create_extra_permissions(app_config)
    ensure_library_group()
