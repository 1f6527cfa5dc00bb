"""API answers turned into what the templates show. No I/O here: views fetch, presenters shape."""
