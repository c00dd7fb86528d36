"""Admin hooks of the core app: workflow actions that never lose a publish (cms.core.moderation)."""

from wagtail import hooks

from cms.core.moderation import refuse_stale_workflow_action, report_approval

hooks.register("before_edit_page", refuse_stale_workflow_action)
hooks.register("before_edit_snippet", refuse_stale_workflow_action)
hooks.register("after_edit_page", report_approval)
hooks.register("after_edit_snippet", report_approval)
