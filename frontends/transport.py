"""How the front ends reach the content API: a small backend interface, configured like Django's own backends.

FRONTENDS_TRANSPORT = {"BACKEND": "frontends.transport.HttpTransport", "OPTIONS": {"url": ..., "token": ...}}

The front ends never import the portal's code: the in-process transport finds the schema through the GRAPHENE
setting, and the HTTP transport lets the same front end run apart from the CMS (a partner's deployment).
"""

import functools
import logging
import threading
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils.module_loading import import_string
from graphql import GraphQLError, execute_sync, parse, validate

from frontends import conf
from frontends.documents import load

logger = logging.getLogger(__name__)


class TransportError(Exception):
    """The content API could not give an answer; views turn this into a friendly page."""


class TransportUnavailable(TransportError):
    """The API could not be reached or did not answer properly (network, timeout, server error)."""


class QueryError(TransportError):
    """The API answered with GraphQL errors."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages) or "The content API answered with errors.")


class Transport:
    """Sends one GraphQL document with its variables and returns the answer's `data`."""

    # Where the API's relative addresses of files (images) are served from: "" for this site itself.
    asset_base = ""

    def __init__(self, **options):
        self.options = options

    def execute(self, document: str, variables: dict | None = None, *, request=None) -> dict:
        raise NotImplementedError


class InProcessTransport(Transport):
    """Executes the portal's own schema with the current request, so the reader's session decides what is seen."""

    def __init__(self, schema: str | None = None):
        super().__init__(schema=schema)
        self.schema_path = schema

    @functools.cached_property
    def schema(self):
        return import_string(self.schema_path or settings.GRAPHENE["SCHEMA"])

    def execute(self, document, variables=None, *, request=None):
        parsed, errors = prepared(self.schema.graphql_schema, document)
        if errors:
            raise QueryError([error.message for error in errors])
        result = execute_sync(
            self.schema.graphql_schema, parsed, variable_values=variables or {}, context_value=request
        )
        if result.errors:
            raise QueryError([error.message for error in result.errors])
        return result.data


@functools.lru_cache(maxsize=128)
def prepared(schema, document: str):
    """Parse and validate each of the front ends' few documents once per process: for a page served from the page
    cache, checking the `contentVersion` query was most of the work."""
    try:
        parsed = parse(document)
    except GraphQLError as error:
        return None, (error,)
    return parsed, tuple(validate(schema, parsed))


class HttpTransport(Transport):
    """POSTs documents as JSON to a remote API, with an optional bearer token and connect/read timeouts."""

    def __init__(self, url: str, token: str = "", connect_timeout: float = 3.05, read_timeout: float = 10.0):
        super().__init__(url=url, connect_timeout=connect_timeout, read_timeout=read_timeout)
        self.url = url
        self.token = token
        parts = urlsplit(url)
        self.asset_base = f"{parts.scheme}://{parts.netloc}"
        self.timeout = (connect_timeout, read_timeout)
        self._local = threading.local()  # one connection pool per thread: requests sessions are not thread-safe

    @property
    def session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = requests.Session()
        return self._local.session

    def headers(self) -> dict:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def execute(self, document, variables=None, *, request=None):
        body = {"query": document, "variables": variables or {}}
        try:
            response = self.session.post(self.url, json=body, headers=self.headers(), timeout=self.timeout)
        except requests.Timeout as error:
            raise TransportUnavailable(f"The content API at {self.url} did not answer in time.") from error
        except requests.RequestException as error:
            raise TransportUnavailable(f"The content API at {self.url} could not be reached: {error}") from error
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            status = response.status_code
            raise TransportUnavailable(f"The content API at {self.url} answered HTTP {status} without JSON.")
        if answer.get("errors"):
            raise QueryError([str(error.get("message", error)) for error in answer["errors"]])
        if response.status_code != 200 or not isinstance(answer.get("data"), dict):
            raise TransportUnavailable(f"The content API at {self.url} answered HTTP {response.status_code}.")
        return answer["data"]


@functools.cache
def get_transport() -> Transport:
    config = conf.transport_config()
    return import_string(config["BACKEND"])(**config.get("OPTIONS", {}))


def reset_transport(*, setting, **kwargs):
    if setting == "FRONTENDS_TRANSPORT":
        get_transport.cache_clear()


def fetch(name: str, variables: dict | None = None, request=None) -> dict:
    """Send the document `name` (frontends/documents/<name>.graphql) and return its data."""
    try:
        return get_transport().execute(load(name), variables, request=request)
    except TransportError:
        logger.exception("The content API could not answer the %s query", name)
        raise
