"""Data migrations of the departments app."""

import importlib

from django.apps import apps

from wagtail.models import Page, Site

remove_welcome = importlib.import_module("sites.migrations.0002_remove_wagtail_welcome_site")


def test_wagtail_placeholder_site_and_welcome_page_are_removed(db):
    root = Page.get_first_root_node()
    welcome = root.add_child(instance=Page(title=remove_welcome.WELCOME_TITLE, slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)

    remove_welcome.remove_welcome_site(apps, None)

    assert not Page.objects.filter(title=remove_welcome.WELCOME_TITLE).exists()
    assert not Site.objects.filter(hostname="localhost", port=80).exists()


def test_a_real_home_page_named_home_is_kept(db, department):
    department("HQ")
    pages_before = Page.objects.count()
    remove_welcome.remove_welcome_site(apps, None)
    assert Page.objects.count() == pages_before


grant_translation = importlib.import_module(
    "sites.migrations.0003_department_translation_permissions"
)


def test_existing_departments_get_the_translation_permission(db, department):
    from sites.grants import department_permissions

    hcm, hanoi = department("HCM"), department("HN")
    for group in hcm.groups:
        group.permissions.clear()  # as departments made before the grant were
    registered = [
        (p.content_type.app_label, p.codename) for p in department_permissions("wagtail_localize")
    ]
    assert grant_translation.PERMISSIONS == registered

    grant_translation.grant(apps, None)

    for group in [*hcm.groups, *hanoi.groups]:
        assert group.permissions.filter(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        ).exists(), group.name


vietnamese_names = importlib.import_module(
    "sites.migrations.0004_vietnamese_group_and_workflow_names"
)


def test_departments_made_before_get_vietnamese_group_and_workflow_names(db, department):
    hcm = department("HCM")
    task = hcm.workflow.tasks[0]
    old = {
        hcm.editors_group: "HCM Editors",
        hcm.moderators_group: "HCM Moderators",
        hcm.site_admins_group: "HCM Site admins",
        hcm.workflow: "HCM: moderation",
        task: "HCM: moderators approve",
    }
    for row, name in old.items():
        row.name = name
        row.save()
    hcm.editors_group.name = "Ban biên tập riêng"  # a name someone chose is kept (control)
    hcm.editors_group.save()

    vietnamese_names.rename(apps, None)

    for row in old:
        row.refresh_from_db()
    assert hcm.editors_group.name == "Ban biên tập riêng"
    assert hcm.moderators_group.name == "HCM – Kiểm duyệt viên"
    assert hcm.site_admins_group.name == "HCM – Quản trị trang"
    assert hcm.workflow.name == "HCM – Quy trình duyệt"
    assert task.name == "HCM – Kiểm duyệt viên phê duyệt"
