"""Shared media on S3-compatible storage, against a local S3 server (moto) the tests start.

Images and documents land in the bucket, so any app server reads them; renditions are made
there too; documents are still served by Wagtail's view after its permission check (a private
one never reaches an anonymous visitor), streamed from the bucket.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import override_settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from cms.core.renditions import get_rendition
from cms.core.storage_settings import media_storage
from cms.demo.images import emblem_png

PORT = 8673
BUCKET = "cong-thong-tin-media"

boto3 = pytest.importorskip("boto3", reason="boto3 is not installed (pip install -e '.[test]')")
moto_server = pytest.importorskip(
    "moto.server", reason="moto[server] is not installed (pip install -e '.[test]')"
)


def s3_storage(endpoint: str) -> dict:
    return media_storage(
        bucket=BUCKET,
        endpoint_url=endpoint,
        region="us-east-1",
        access_key="testing",
        secret_key="testing",
    )


@pytest.fixture(scope="module")
def s3_endpoint():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=PORT, verbose=False)
    try:
        server.start()
    except OSError as error:  # the port is taken, or no socket may be opened here
        pytest.skip(f"the local S3 server could not start on 127.0.0.1:{PORT}: {error}")
    endpoint = f"http://127.0.0.1:{PORT}"
    yield endpoint
    server.stop()


@pytest.fixture
def bucket(s3_endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET)
    with override_settings(
        STORAGES={
            "default": s3_storage(s3_endpoint),
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_media_stay_on_local_disk_unless_a_bucket_is_named():
    assert media_storage(bucket="")["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    configured = media_storage(bucket="b", endpoint_url="http://127.0.0.1:9000", region="vn-1")
    assert configured["BACKEND"] == "storages.backends.s3.S3Storage"
    assert configured["OPTIONS"]["bucket_name"] == "b"
    assert configured["OPTIONS"]["default_acl"] is None  # objects private; the bucket decides


def test_images_and_renditions_live_in_the_bucket_for_every_app_server(db, bucket, s3_endpoint):
    image = get_image_model().objects.create(
        title="Biểu trưng Cục Hải quan Hà Nội", file=emblem_png("HN", "#0b5394", size=96)
    )
    assert image.file.name in keys(bucket)
    rendition = get_rendition(image, "width-48")
    assert rendition.file.name in keys(bucket)
    assert rendition.width == 48
    # Another app server: a storage of its own, the same bucket, the same bytes.
    other = storages.create_storage(s3_storage(s3_endpoint))
    with other.open(image.file.name) as stored:
        assert stored.read()[:8] == b"\x89PNG\r\n\x1a\n"
    # Object URLs are signed (the bucket stays private) unless a public prefix is configured.
    assert rendition.url.startswith(f"{s3_endpoint}/{BUCKET}/") and "Signature" in rendition.url


def test_documents_are_served_after_the_permission_check(
    db, bucket, s3_endpoint, client, django_user_model
):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Tài liệu nội bộ")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    Document = get_document_model()
    public = Document.objects.create(
        title="Biểu mẫu tờ khai",
        file=ContentFile("Tờ khai hải quan".encode(), name="to-khai.txt"),
        collection=root,
    )
    secret = Document.objects.create(
        title="Kế hoạch kiểm tra",
        file=ContentFile("Kế hoạch nội bộ".encode(), name="ke-hoach.txt"),
        collection=private,
    )
    assert {public.file.name, secret.file.name} <= keys(bucket)

    def fetch(document):
        return client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))

    response = fetch(public)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == "Tờ khai hải quan".encode()
    denied = fetch(secret)
    assert denied.status_code == 302 and "Kế hoạch nội bộ".encode() not in denied.content
    assert s3_endpoint not in denied.get("Location", "")  # never a link to the object
    client.force_login(django_user_model.objects.create_user("can-bo", "cb@customs.gov.vn", "x"))
    allowed = fetch(secret)
    assert allowed.status_code == 200
    assert b"".join(allowed.streaming_content) == "Kế hoạch nội bộ".encode()
