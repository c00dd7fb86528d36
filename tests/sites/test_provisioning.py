"""Provisioning a department: what it makes, that it is idempotent, and how it refuses bad input."""

from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import translation

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
    WorkflowPage,
)

import pytest

from sites import grants
from sites.management.commands.create_department import Command as CreateDepartment
from sites.models import Department, DepartmentSettings
from sites.provisioning import (
    SHARED_LIBRARY_COLLECTION,
    DepartmentSpec,
    ProvisioningError,
    provision_department,
)

HCM_ARGS = [
    "HCM",
    "--name",
    "Cục Hải quan TP. Hồ Chí Minh",
    "--name-en",
    "Ho Chi Minh City Customs Department",
    "--hostname",
    "hcm.localhost",
    "--port",
    "8000",
]


def row_counts() -> dict[str, int]:
    """Rows in every table, to prove that an operation added or changed nothing."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run `manage.py create_department …` as from a shell: returns (exit code, stdout, stderr)."""
    # run_from_argv closes connections when done, which would end the test's transaction.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)

    def run(*args: str) -> tuple[int, str, str]:
        code = 0
        try:
            with translation.override("en"):
                CreateDepartment().run_from_argv(["manage.py", "create_department", *args])
        except SystemExit as exit:
            code = exit.code
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_provisioning_makes_the_whole_department(db):
    department = provision_department(
        DepartmentSpec(
            code="HCM",
            name="Cục Hải quan TP. Hồ Chí Minh",
            name_en="Ho Chi Minh City Customs Department",
            hostname="hcm.localhost",
            port=8000,
        )
    ).department

    site = Site.objects.get(hostname="hcm.localhost", port=8000)
    assert department.site == site
    homes = {page.locale.language_code: page for page in department.home_pages()}
    assert homes["vi"].title == "Cục Hải quan TP. Hồ Chí Minh"
    assert homes["en"].title == "Ho Chi Minh City Customs Department"
    assert site.root_page_id == homes["vi"].pk
    assert all(home.live for home in homes.values())

    vi_sections = [(p.slug, p.title) for p in homes["vi"].get_children()]
    en_sections = [(p.slug, p.title) for p in homes["en"].get_children()]
    assert vi_sections == [
        ("gioi-thieu", "Giới thiệu"),
        ("tin-tuc", "Tin tức"),
        ("thu-tuc-hanh-chinh", "Thủ tục hành chính"),
        ("lien-he", "Liên hệ"),
        ("hoi-dap", "Hỏi đáp"),  # added by cms.consultation
    ]
    assert en_sections == [
        ("introduction", "Introduction"),
        ("news", "News"),
        ("administrative-procedures", "Administrative procedures"),
        ("contact", "Contact"),
        ("questions-and-answers", "Questions and answers"),
    ]

    assert department.collection.get_parent() == Collection.get_first_root_node()
    assert {g.name for g in department.groups} == {
        "HCM – Biên tập viên",
        "HCM – Kiểm duyệt viên",
        "HCM – Quản trị trang",
    }
    editor_perms = set(
        GroupPagePermission.objects.filter(group=department.editors_group).values_list(
            "page_id", "permission__codename"
        )
    )
    assert editor_perms == {
        (home.pk, codename) for home in homes.values() for codename in ("add_page", "change_page")
    }
    moderator_codenames = set(
        GroupPagePermission.objects.filter(group=department.moderators_group).values_list(
            "permission__codename", flat=True
        )
    )
    assert "publish_page" in moderator_codenames
    own_collection_grants = GroupCollectionPermission.objects.filter(
        group=department.editors_group, collection=department.collection
    )
    assert own_collection_grants.filter(permission__codename="add_image").exists()
    shared_grants = set(
        GroupCollectionPermission.objects.filter(
            group=department.editors_group, collection__name=SHARED_LIBRARY_COLLECTION
        ).values_list("permission__codename", flat=True)
    )
    assert shared_grants == {"choose_image", "choose_document"}, "only HQ may change the library"
    assert GroupSitePermission.objects.filter(
        group=department.site_admins_group,
        site=site,
        permission__codename="change_departmentsettings",
    ).exists()
    assert not GroupSitePermission.objects.filter(group=department.editors_group).exists()
    assert set(
        WorkflowPage.objects.filter(workflow=department.workflow).values_list("page", flat=True)
    ) == {home.pk for home in homes.values()}
    task = department.workflow.tasks.get().specific
    assert set(task.groups.all()) == {department.moderators_group, department.site_admins_group}
    branding = DepartmentSettings.for_site(site)
    assert branding.display_name_en == "Ho Chi Minh City Customs Department"


def test_create_department_twice_changes_nothing_the_second_time(db, cli):
    code, out, err = cli(*HCM_ARGS)
    assert code == 0, err
    assert "Created HCM" in out
    before = row_counts()

    code, out, err = cli(*HCM_ARGS)

    assert code == 0, err
    assert "nothing changed" in out
    assert row_counts() == before


def test_rerunning_provisioning_repairs_what_was_removed(db, cli):
    cli(*HCM_ARGS)
    department = Department.objects.get(code="HCM")
    contact_en = Page.objects.get(locale__language_code="en", slug="contact")
    contact_en.delete()
    GroupPagePermission.objects.filter(group=department.editors_group).delete()

    code, out, _err = cli(*HCM_ARGS)

    assert code == 0
    assert "Repaired HCM" in out
    assert Page.objects.filter(locale__language_code="en", slug="contact").exists()
    assert GroupPagePermission.objects.filter(group=department.editors_group).count() == 4


@pytest.mark.parametrize(
    ("args", "message", "exit_code"),
    [
        (
            ["hcm!", "--name", "Cục Hải quan", "--name-en", "Customs", "--hostname", "x.localhost"],
            "Invalid code",
            1,
        ),
        (
            [
                "HCM",
                "--name",
                "Cục Hải quan",
                "--name-en",
                "Customs",
                "--hostname",
                "hanoi.localhost",
            ],
            "already belongs to department HN",
            1,
        ),
        (
            ["HCM", "--name", " ", "--name-en", "Customs", "--hostname", "hcm.localhost"],
            "The Vietnamese name (--name) is required",
            1,
        ),
        (
            ["HCM", "--name-en", "Customs", "--hostname", "hcm.localhost"],
            "the following arguments are required: --name",
            2,
        ),
        (
            [
                "HCM",
                "--name",
                "Cục Hải quan",
                "--name-en",
                "Customs",
                "--hostname",
                "hcm.localhost",
                "--colour",
                "red",
            ],
            "unrecognized arguments: --colour red",
            2,
        ),
        (
            ["HCM", "--name", "Cục Hải quan", "--name-en", "Customs", "--hostname", "bad host"],
            "Invalid hostname",
            1,
        ),
        (
            [
                "HCM",
                "--name",
                "Cục Hải quan",
                "--name-en",
                "Customs",
                "--hostname",
                "hcm.localhost",
                "--port",
                "70000",
            ],
            "Invalid port",
            1,
        ),
    ],
    ids=[
        "invalid-code",
        "hostname-taken",
        "empty-name",
        "missing-name",
        "unknown-option",
        "invalid-hostname",
        "invalid-port",
    ],
)
def test_bad_input_gives_one_line_a_non_zero_exit_and_no_new_rows(
    db, cli, department, args, message, exit_code
):
    department("HN")
    before = row_counts()

    code, out, err = cli(*args)

    assert code == exit_code
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert message in err
    assert row_counts() == before


def test_a_failure_half_way_leaves_nothing_behind(db, monkeypatch):
    before = row_counts()

    def fail(self, department):
        raise RuntimeError("disk full")

    monkeypatch.setattr("sites.provisioning._Provisioner.ensure_settings", fail)
    with pytest.raises(RuntimeError):
        provision_department(
            DepartmentSpec(
                code="BD",
                name="Cục Hải quan tỉnh Bình Dương",
                name_en="Binh Duong Customs Department",
                hostname="binhduong.localhost",
            )
        )

    assert row_counts() == before
    assert not Group.objects.filter(name__startswith="BD ").exists()


def test_only_one_department_is_headquarters(db, department):
    department("HQ")
    with (
        translation.override("en"),
        pytest.raises(ProvisioningError, match="HQ is already the headquarters"),
    ):
        provision_department(
            DepartmentSpec(
                code="HN",
                name="Cục Hải quan TP. Hà Nội",
                name_en="Ha Noi Customs",
                hostname="hanoi.localhost",
                is_headquarters=True,
            )
        )
    assert Site.objects.get(is_default_site=True).department.code == "HQ"


def test_list_departments_prints_code_names_hostname_and_status(db, department, capsys):
    from django.core.management import call_command

    department("HCM")
    call_command("list_departments")
    line = capsys.readouterr().out.strip()
    assert line.split("\t") == [
        "HCM",
        "Cục Hải quan TP. Hồ Chí Minh",
        "Ho Chi Minh City Customs Department",
        "hcm.localhost",
        "Đang hoạt động",
    ]


def test_new_department_groups_hold_exactly_the_registered_model_permissions(department):
    hcm = department("HCM")
    registered = {(p.content_type.app_label, p.codename) for p in grants.department_permissions()}
    assert {
        ("library", "view_procedure"),
        ("library", "add_localnote"),
        ("portal_search", "view_popularquery"),
        ("consultation", "change_question"),
        ("testapp", "delete_notice"),
    } <= registered
    assert ("portal_search", "change_popularquery") not in registered
    assert ("consultation", "add_question") not in registered
    for group in hcm.groups:
        held = group.permissions.exclude(codename="access_admin")
        assert {(p.content_type.app_label, p.codename) for p in held} == registered
    # Control: a group that is no department's holds none of them.
    outsider = Group.objects.create(name="Khách tham quan")
    assert not outsider.permissions.exists()


def test_a_registered_grant_reaches_new_departments_and_existing_ones_after_migrate(
    department, monkeypatch
):
    hcm = department("HCM")
    monkeypatch.setitem(
        grants._registry, "taggit.tag", grants.DepartmentGrant("taggit.Tag", ("view",))
    )

    def holds_view_tag(owner: Department) -> list[bool]:
        return [group.permissions.filter(codename="view_tag").exists() for group in owner.groups]

    assert holds_view_tag(hcm) == [False, False, False]
    assert holds_view_tag(department("BD")) == [True, True, True]
    grants.resync_after_migrate(apps.get_app_config("taggit"))
    assert holds_view_tag(hcm) == [True, True, True]


def test_workflow_and_task_are_named_in_vietnamese(department):
    hcm = department("HCM")
    assert hcm.workflow.name == "HCM – Quy trình duyệt"
    assert [task.name for task in hcm.workflow.tasks] == ["HCM – Kiểm duyệt viên phê duyệt"]
