"""The project's tasks on the embedded (immediate) backend: purges and e-mails."""

from __future__ import annotations

from django.core import mail
from django.test import override_settings

from cms.core.tasks import purge_keys, send_email
from tests.cms.webhooks.receiver import start_receiver

PORT = 8674


def test_purge_keys_sends_the_urls_to_wagtails_frontend_cache():
    receiver, server = start_receiver(PORT)
    try:
        proxy = {
            "proxy": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": f"http://127.0.0.1:{PORT}",
            }
        }
        with override_settings(WAGTAILFRONTENDCACHE=proxy, WAGTAILFRONTENDCACHE_LANGUAGES=[]):
            result = purge_keys.enqueue(["department:HCM"], ["http://hcm.localhost/vi/tin-tuc/"])
        assert result.return_value == 1
        assert [r.path for r in receiver.received] == ["/vi/tin-tuc/"]
        assert receiver.received[0].headers["Host"] == "hcm.localhost"
    finally:
        server.shutdown()
        server.server_close()


def test_purge_keys_without_urls_purges_nothing():
    assert purge_keys.enqueue(["department:HN"]).return_value == 0


def test_send_email_task_sends_one_message():
    send_email.enqueue("Xác nhận câu hỏi", "Câu hỏi đã được tiếp nhận.", ["an@example.vn"])
    (message,) = mail.outbox
    assert message.subject == "Xác nhận câu hỏi" and message.to == ["an@example.vn"]
