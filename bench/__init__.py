"""Benchmark of the GraphQL content API against Wagtail's REST API v2 and static files: `make bench`, README.md."""
