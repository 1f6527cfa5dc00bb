"""Requests to the API as a reader's site would send them."""

import json

LOCALES = "{ locales { code } }"


class Api:
    def __init__(self, client):
        self.client = client

    def post(self, query=LOCALES, *, variables=None, operation_name=None, headers=None):
        body = {"query": query, "variables": variables, "operationName": operation_name}
        return self.client.post("/graphql/", json.dumps(body), content_type="application/json", headers=headers)

    def post_raw(self, body, content_type="application/json"):
        return self.client.post("/graphql/", body, content_type=content_type)

    def get(self, query=LOCALES, *, headers=None):
        return self.client.get("/graphql/", {"query": query}, headers=headers)


def error_message(response) -> str:
    """The one error of a 400 answer, checking its shape on the way."""
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"errors"}
    assert len(body["errors"]) == 1
    return body["errors"][0]["message"]
