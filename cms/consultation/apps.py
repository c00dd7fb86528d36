from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "cms.consultation"
    label = "consultation"
    verbose_name = _("Legal consultation")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from cms.consultation import signals
        from sites.blueprint import Blueprint, Section, get_blueprint, register_blueprint
        from sites.grants import grant_to_departments
        from sites.restructure.rules import register_merge_rule

        # Every department's site gets a Q&A section, after the sections cms.home declares.
        blueprint = get_blueprint()
        if not any(section.model == "consultation.QAIndexPage" for section in blueprint.sections):
            qa = Section("hoi-dap", "consultation.QAIndexPage", _("Questions and answers"))
            register_blueprint(Blueprint(blueprint.home_model, (*blueprint.sections, qa)))
        page_published.connect(signals.on_answer_page_published)
        # Questions come from the public site and the API; officers handle them, nobody adds them.
        grant_to_departments("consultation.Question", ("change", "view"))
        # References stay unique (they carry the department's code): the counter keeps the larger.
        register_merge_rule("consultation.ReferenceCounter", maximum=("last",))
