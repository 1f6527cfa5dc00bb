"""The benchmark's rows for the readers' site: unique page requests keep their size; the table shows the rows."""

import itertools

from bench.measure import with_nonce
from bench.report import table


def test_a_unique_page_request_keeps_its_size_and_a_graphql_request_gets_a_variable():
    page = {"method": "GET", "path": "/es/a/", "body": None}
    paths = [with_nonce(page, nonce)[0] for nonce in (1, 1000, 99_999_999)]
    assert paths == ["/es/a/?bench=00000001", "/es/a/?bench=00001000", "/es/a/?bench=99999999"]
    assert len(set(map(len, paths))) == 1
    assert with_nonce(page, 5)[1] is None

    query = {"method": "POST", "path": "/graphql/", "body": {"query": "{ x }", "variables": {"a": 1}}}
    assert with_nonce(query, 7) == ("/graphql/", {"query": "{ x }", "variables": {"a": 1, "bench": 7}})
    assert query["body"]["variables"] == {"a": 1}  # the case itself is left alone


def case(kind, server, rps, queries=0):
    return {"kind": kind, "server": server, "rps": rps, "queries": queries, "bytes": 100, "median_ms": 1.0}


def test_the_table_has_the_site_rows_with_ratios_to_the_static_file():
    cases = [
        case(kind, server, rps)
        for kind, (server, rps) in itertools.product(
            ("tree", "page", "translations", "search"),
            (("uncached", 100), ("cached", 600), ("v2", 10), ("static", 1000)),
        )
    ]
    cases += [case("site", "uncached", 50, queries=12), case("site", "cached", 400), case("site", "static", 1000)]
    for each in cases:
        each.update(p95_ms=2.0, errors=0)
    target = {"entries": 5, "fallbacks": 0, "path": "/a/", "word": "x"}

    lines = table([{"size": "150", "target": target, "cases": cases}]).splitlines()

    site = lines[lines.index(next(line for line in lines if "(e) readers' site page" in line)) :][:3]
    assert site[0].split()[:6] == ["(e)", "readers'", "site", "page", "site,", "uncached"]
    assert site[0].split()[6:] == ["12", "100", "1.0", "2.0", "50", "0.05x", "static"]  # SQL, bytes, ms, req/s
    assert "site, page cache" in site[1] and site[1].rstrip().endswith("0.40x static (>= 0.5: MISSED)")
    assert "static file, same bytes" in site[2]
    assert "Wagtail API v2" not in "\n".join(site)
    assert lines[-1] == "Targets met: 7 of 8."  # 3 uncached targets met; 5 cached, of which the site's is missed
