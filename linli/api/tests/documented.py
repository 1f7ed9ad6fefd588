"""For tests: does an API answer have the shape the OpenAPI document promises for it?

    assert_documented(response, "/api/v1/reception/slots/mine")

validates the JSON body against the schema the document gives for that operation and
status, with the document's components, as a client generated from it would read it.
"""

from functools import cache

import jsonschema_rs  # schemathesis' validator

from linli.api.api import api


@cache
def document() -> dict:
    return api.get_openapi_schema(path_prefix="/api/v1/")


def documented_schema(path: str, method: str, status: int) -> dict:
    """The body schema of one documented answer, a top-level `$ref` followed."""
    responses = document()["paths"][path][method]["responses"]
    answer = responses.get(status) or responses[str(status)]
    schema = answer["content"]["application/json"]["schema"]
    while "$ref" in schema:
        schema = document()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def assert_documented(response, path: str, method: str = "get") -> None:
    schema = documented_schema(path, method, response.status_code)
    jsonschema_rs.validate({**schema, "components": document()["components"]}, response.json())
