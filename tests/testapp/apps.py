from django.apps import AppConfig


class TestAppConfig(AppConfig):
    name = "tests.testapp"
    label = "testapp"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from sites.grants import grant_to_departments

        grant_to_departments("testapp.Notice", ("add", "change", "delete", "view"))
