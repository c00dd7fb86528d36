"""The typed request: `request.department` is the Host's department, or a 404 where one is needed."""

from django.http import Http404, HttpResponse
from django.test.client import RequestFactory

import pytest

from sites.http import DepartmentRequest, request_department
from sites.middleware import DepartmentMiddleware


@pytest.mark.django_db
def test_a_view_gets_the_department_the_host_names(department):
    hq, hcm = department("HQ"), department("HCM")
    seen = []

    def view(request: DepartmentRequest) -> HttpResponse:
        seen.append(request_department(request))
        return HttpResponse()

    for host in ("hcm.localhost", "localhost"):
        DepartmentMiddleware(view)(RequestFactory().get("/vi/", HTTP_HOST=host))

    assert seen == [hcm, hq]


def test_a_host_that_is_no_departments_gets_a_404_not_an_error():
    request = RequestFactory().get("/vi/")
    request.department = None  # what DepartmentMiddleware sets for a site without a department

    with pytest.raises(Http404):
        request_department(request)
