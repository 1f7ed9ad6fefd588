"""The OpenAPI document says what each operation takes and answers, with no two types under one name.

django-ninja files every model and enum of every router under `components/schemas` by its
class name alone, and the last one registered wins: two routers that each define a
`SlotOut` get one `SlotOut` in the document, and one of them is documented with the
other's fields. Schemathesis then checks the bodies (and generates input) against the
wrong schema, so this is checked here directly, for every operation.
"""

import json
import re
from collections import defaultdict

from ninja.openapi.schema import REF_TEMPLATE
from ninja.schema import NinjaGenerateJsonSchema
from pydantic import ValidationError

from linli.api.api import api
from linli.core.management.commands.serve import LIMIT_REQUEST_LINE

from .documented import document, documented_schema


def test_no_two_types_of_the_api_share_a_name_in_the_openapi_document():
    """Each operation's models are turned into JSON schemas as ninja does; a name must mean one schema."""
    definitions = defaultdict(set)
    for _prefix, router in api._routers:
        for view in router.path_operations.values():
            for operation in view.operations:
                models = [*operation.models, *(operation.response_models or {}).values()]
                for model in models:
                    if not isinstance(model, type):
                        continue
                    schema = model.model_json_schema(
                        ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema
                    )
                    for name, definition in schema.get("$defs", {}).items():
                        definitions[name].add(json.dumps(definition, sort_keys=True))
    clashes = {name: sorted(found) for name, found in definitions.items() if len(found) > 1}
    assert clashes == {}


def test_the_helper_resolves_a_paginated_list_to_its_items():
    schema = documented_schema("/api/v1/reception/slots/mine", "get", 200)
    assert schema["properties"]["items"]["type"] == "array"


WORST_BYTES_PER_CHARACTER = 12  # a 4-byte UTF-8 character, percent-encoded


def _longest(schema, components):
    """The longest a valid value can be in a URL, in bytes (None: unbounded)."""
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        lengths = [_longest(s, components) for s in schema["anyOf"]]
        return None if None in lengths else max(lengths)
    if "allOf" in schema:
        lengths = [_longest(s, components) for s in schema["allOf"]]
        return min((n for n in lengths if n is not None), default=None)
    if "enum" in schema:
        return max(len(str(v).encode()) * 3 for v in schema["enum"])
    kind = schema.get("type")
    if kind == "null" or kind == "boolean":
        return 5
    if kind == "integer":
        bounds = [schema.get(k) for k in ("minimum", "maximum", "exclusiveMaximum")]
        return max(len(str(b)) for b in bounds if b is not None) if schema.get("maximum") else None
    if kind == "string":
        if "format" in schema and schema["format"] in {"date", "date-time", "time", "uuid"}:
            return 3 * 40
        if "maxLength" in schema:
            return schema["maxLength"] * WORST_BYTES_PER_CHARACTER
        if not re.search(r"[*+]|\{\d*,\}", schema.get("pattern", "*")):
            return len(schema["pattern"]) * WORST_BYTES_PER_CHARACTER  # ^(latest|hot)$
    return None


def test_every_valid_request_fits_in_the_request_line_the_server_reads():
    """Otherwise `linli serve` (gunicorn) answers a valid request with 414 before Linli sees it.

    `/talent/match?q=` took 5,000 characters: up to 60,000 bytes once percent-encoded.
    """
    components = document()["components"]["schemas"]
    too_long = {}
    for path, operations in document()["paths"].items():
        for method, operation in operations.items():
            line = len(f"{method.upper()} {path}? HTTP/1.1")
            for parameter in operation.get("parameters", []):
                if parameter["in"] not in ("path", "query"):
                    continue
                longest = _longest(parameter["schema"], components)
                if longest is None:
                    too_long[f"{method} {path}"] = f"{parameter['name']} is unbounded"
                    break
                line += len(parameter["name"]) + 2 + longest
            else:
                if line > LIMIT_REQUEST_LINE:
                    too_long[f"{method} {path}"] = line
    assert too_long == {}


def test_every_request_body_must_be_what_the_document_says_not_any_json():
    """ninja reads a Schema's fields as attributes of any value: a list or a number passed as an
    object of defaults wherever every field has one (spaces' cancel and reject, talent's profile)."""
    accepted = []
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for model in operation.models:
                    if model.__name__ != "BodyParams":
                        continue
                    for name in model.model_fields:
                        for value in ([None, None], 5, "x"):
                            try:
                                model.model_validate({name: value})
                            except ValidationError:
                                continue
                            accepted.append((prefix + path, operation.methods, value))
    assert accepted == []
