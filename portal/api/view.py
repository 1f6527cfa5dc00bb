"""The HTTP side of the GraphQL API: request rules, limits, caching.

graphene-django's GraphQLView does the GraphQL work; this subclass only narrows what it accepts and caches what it
answers, through the view's hooks. Every refused request is a 400 with a GraphQL-style JSON body (`HttpError`
responses are turned into `{"errors": [{"message": ...}]}` by graphene's dispatch), except a body over Django's
DATA_UPLOAD_MAX_MEMORY_SIZE (413) and a method other than GET and POST, which keeps graphene's 405, whose Allow header
names the right ones.
"""

import inspect
import json
import logging
import time

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from graphene_django import views as graphene_views
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, OperationType, get_operation_ast, parse

from portal.api import auth as api_auth
from portal.api import cache as api_cache
from portal.api.validation import VALIDATION_RULES, checked_document
from portal.federation import gateway as partners

logger = logging.getLogger(__name__)

INTERNAL_ERROR = "The server could not answer this field."


def bad_request(message: str) -> HttpError:
    return HttpError(HttpResponseBadRequest(message), message)


def too_large(message: str) -> HttpError:
    return HttpError(HttpResponse(message, status=413), message)


def hide_internal_errors(result: ExecutionResult) -> None:
    """An exception a resolver did not mean to raise is logged, and the client reads only that the field failed:
    its text may name code, SQL or data the reader should not see."""
    for error in result.errors or ():
        original = error.original_error
        if original is not None and not isinstance(original, GraphQLError):
            logger.error("GraphQL field %s failed", ".".join(map(str, error.path or ())), exc_info=original)
            error.message = INTERNAL_ERROR


def holds_nul(value) -> bool:
    """Whether a NUL character is in any string of a JSON value. PostgreSQL cannot store or compare one, so such a
    value would fail deep inside a resolver. The document's own strings are checked by a validation rule."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def is_bad_request(error) -> bool:
    return (getattr(error, "extensions", None) or {}).get("code") == "BAD_REQUEST"


def is_query(query: str, operation_name: str | None) -> bool:
    try:
        operation = get_operation_ast(parse(query, no_location=True), operation_name)
    except GraphQLError:
        return False
    return operation is not None and operation.operation == OperationType.QUERY


class PortalGraphQLView(GraphQLView):
    """The content API's endpoint."""

    validation_rules = VALIDATION_RULES
    # as_view() makes a view instance per request, so these describe the request being answered.
    succeeded = False  # execution gave a result without errors
    shareable = False  # the answer is the same for every anonymous viewer, so caches may keep it
    operation_name = None  # the operation answered, named for the partners' request log

    # No CSRF check: POSTs must be application/json, which a browser does not send cross-site without a CORS
    # preflight, so a signed-in member's session cannot be used from another site. graphene's own dispatch is
    # wrapped in ensure_csrf_cookie, which would put a Set-Cookie on every answer and keep shared caches from
    # storing public ones; unwrap() calls it without that decorator.
    @method_decorator(csrf_exempt)
    def dispatch(self, request, *args, **kwargs):
        if partners.is_preflight(request):
            return partners.preflight(request)
        started = time.monotonic()
        response = self.answer(request, *args, **kwargs)
        partners.log_request(request, response, self.operation_name, started)
        return partners.allow_origin(request, response)

    def answer(self, request, *args, **kwargs):
        try:
            api_auth.authenticate(request)  # a bearer token's user answers in place of the session's
        except api_auth.InvalidToken as error:
            return api_cache.finish(request, api_auth.unauthorized(error), shareable=False)
        refused = partners.throttle(request)  # a partner token over its rate limit: 429
        if refused is not None:
            return api_cache.finish(request, refused, shareable=False)
        response = inspect.unwrap(GraphQLView.dispatch)(self, request, *args, **kwargs)
        return api_cache.finish(request, response, self.shareable)

    def parse_body(self, request):
        if request.method != "POST":
            return {}  # a GET carries its operation in the query string
        if self.get_content_type(request) != "application/json":
            raise bad_request("POST requests must have Content-Type: application/json.")
        try:
            body = request.body  # Django refuses bodies over DATA_UPLOAD_MAX_MEMORY_SIZE before reading them
        except RequestDataTooBig as error:
            raise too_large("The request body is too large.") from error
        try:
            data = json.loads(body.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise bad_request("The request body is not valid UTF-8.") from error
        except (ValueError, RecursionError) as error:
            raise bad_request("The request body is not valid JSON.") from error
        if isinstance(data, list):
            raise bad_request("Batched operations are not supported: send one operation per request.")
        if not isinstance(data, dict):
            raise bad_request('The request body must be a JSON object such as {"query": "{ locales { code } }"}.')
        return data

    def get_graphql_params(self, request, data):
        query, variables, operation_name, id_ = super().get_graphql_params(request, data)
        if query is not None and not isinstance(query, str):
            raise bad_request("The query must be a string.")
        limit = settings.PORTAL_API_MAX_DOCUMENT_BYTES
        # Measured before parsing, so an oversized document costs nothing more. surrogatepass: JSON may carry a
        # lone surrogate ("\ud800"), which is no UTF-8 but must not make counting fail.
        size = len(query.encode("utf-8", "surrogatepass")) if query else 0
        if size > limit:
            raise bad_request(f"The query document is {size} bytes; the limit is {limit}.")
        if variables is not None and not isinstance(variables, dict):
            raise bad_request("Variables must be a JSON object.")
        if variables and holds_nul(variables):
            raise bad_request("Variables may not contain the NUL character (\\u0000).")
        if operation_name is not None and not isinstance(operation_name, str):
            raise bad_request("The operation name must be a string.")
        return query, variables, operation_name, id_

    def get_response(self, request, data, show_graphiql=False):
        query, variables, operation_name, _id = self.get_graphql_params(request, data)
        if not query or not api_cache.is_anonymous(request):
            return super().get_response(request, data, show_graphiql)

        # The key (with the content version) is taken before executing: an answer computed while a publish commits
        # is stored under the old version, which no reader asks for any more.
        key, body = api_cache.lookup(request, query, variables, operation_name)
        if body is not None:
            self.shareable = True
            return body, 200
        body, status_code = super().get_response(request, data, show_graphiql)
        # Only whole answers to queries are kept: errors may be passing, and a mutation must run every time.
        self.shareable = status_code == 200 and self.succeeded and is_query(query, operation_name)
        self.shareable = self.shareable and not getattr(request, "api_answer_not_shareable", False)  # set by resolvers
        if self.shareable:
            api_cache.store(key, body)
        return body, status_code

    def run_operation(self, request, query, variables, operation_name, show_graphiql):
        """graphene's execute_graphql_request, with parsing and validation remembered per document."""
        if not query:
            if show_graphiql:
                return None
            raise bad_request("Must provide query string.")
        schema = self.schema.graphql_schema
        document, errors = checked_document(query, schema)
        if document is None:
            return ExecutionResult(errors=list(errors))
        operation = get_operation_ast(document, operation_name)
        self.operation_name = operation.name.value if operation is not None and operation.name else operation_name
        if request.method == "GET" and operation is not None and operation.operation != OperationType.QUERY:
            if show_graphiql:
                return None
            raise bad_request(f"Can only perform a {operation.operation.value} operation from a POST request.")
        if errors:
            return ExecutionResult(data=None, errors=list(errors))
        try:
            return graphene_views.execute(
                schema,
                document,
                root_value=self.get_root_value(request),
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
            )
        except Exception as error:  # as graphene does: any failure becomes a GraphQL error, never a 500
            return ExecutionResult(errors=[error])

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        try:
            result = self.run_operation(request, query, variables, operation_name, show_graphiql)
        except HttpError as error:
            # graphene answers a mutation sent with GET with 405; here every request error is a 400.
            raise bad_request(error.message) from error
        self.succeeded = result is not None and not result.errors
        if result is not None:
            hide_internal_errors(result)
        if result is not None and any(is_bad_request(error) for error in result.errors or ()):
            # Bad arguments refuse the whole request: graphene answers 400, without partial data, for errors that
            # have no path.
            for error in result.errors:
                error.path = None
        return result
