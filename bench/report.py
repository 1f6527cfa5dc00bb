"""The one table: every request at every size, with the ratios the targets are about and whether each is met."""

KIND_LABELS = {
    "tree": "(a) tree + parent ids",
    "page": "(b) page + body",
    "translations": "(c) page + translations",
    "search": "(d) search",
    "site": "(e) readers' site page",
}
SERVER_LABELS = {
    "uncached": "GraphQL, uncached",
    "cached": "GraphQL, cached",
    "v2": "Wagtail API v2",
    "static": "static file, same bytes",
}
# The readers' site (frontends/) renders (b)'s page as HTML; Wagtail API v2 has nothing like it.
SITE_SERVER_LABELS = {"uncached": "site, uncached", "cached": "site, page cache", "static": SERVER_LABELS["static"]}
# Per kind: GraphQL uncached against v2 (None: shown, no target); cached GraphQL against the static file.
UNCACHED_TARGETS = {"tree": 10, "page": 2, "translations": 2, "search": None, "site": None}
CACHED_TARGET = 0.5
NUMERIC = {3, 4, 5, 6, 7}  # right-aligned columns
HEADER = ("size", "request", "served by", "SQL/req", "bytes", "median ms", "p95 ms", "req/s @8", "ratio (target)")


def ratio_cell(ratio: float, against: str, target: float | None, verdicts: list) -> str:
    cell = f"{ratio:.1f}x {against}" if ratio >= 10 else f"{ratio:.2f}x {against}"
    if target is None:
        return cell
    met = ratio >= target
    verdicts.append(met)
    return f"{cell} (>= {target}: {'met' if met else 'MISSED'})"


def rows_for(result: dict, verdicts: list) -> list[tuple]:
    cases = {(case["kind"], case["server"]): case for case in result["cases"]}
    rows = []
    for kind, label in KIND_LABELS.items():
        for server, server_label in (SITE_SERVER_LABELS if kind == "site" else SERVER_LABELS).items():
            case = cases[(kind, server)]
            ratio = ""
            if server == "uncached":
                against = "v2" if (kind, "v2") in cases else "static"
                ratio = ratio_cell(
                    case["rps"] / cases[(kind, against)]["rps"], against, UNCACHED_TARGETS[kind], verdicts
                )
            elif server == "cached":
                ratio = ratio_cell(case["rps"] / cases[(kind, "static")]["rps"], "static", CACHED_TARGET, verdicts)
            if case["errors"]:
                ratio += f" ({case['errors']} FAILED requests)"
            rows.append(
                (
                    result["size"] if not rows else "",
                    label if server == "uncached" else "",
                    server_label,
                    str(case["queries"]),
                    str(case["bytes"]),
                    f"{case['median_ms']:.1f}",
                    f"{case['p95_ms']:.1f}",
                    f"{case['rps']:.0f}",
                    ratio,
                )
            )
    return rows


def columns(rows: list[tuple], numeric: set[int]):
    """The widths of the columns of `rows`, and a function that lays out one row in them (numbers to the right)."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]

    def line(row) -> str:
        cells = enumerate(zip(row, widths, strict=True))
        text = "  ".join(cell.rjust(width) if i in numeric else cell.ljust(width) for i, (cell, width) in cells)
        return text.rstrip()

    return widths, line


def table(results: list[dict], quick: bool = False) -> str:
    verdicts: list[bool] = []
    groups = [rows_for(result, verdicts) for result in results]
    widths, line = columns([HEADER, *sum(groups, [])], NUMERIC)
    rule = "-" * len(line(["x" * width for width in widths]))
    out = [line(HEADER)]
    for result, rows in zip(results, groups, strict=True):
        target = result["target"]
        out += [
            rule,
            f"{result['size']}: the Spanish book has {target['entries']} entries ({target['fallbacks']} served from "
            f"English); page {target['path']}; search {target['word']!r}",
        ]
        out += [line(row) for row in rows]
    summary = f"Targets met: {sum(verdicts)} of {len(verdicts)}."
    out += [rule, summary + (" Quick mode: few requests, rough numbers." if quick else "")]
    return "\n".join(out)


EXPORT_HEADER = ("size", "languages", "pages", "files", "MB", "seconds", "pages/s", "seconds per language")
EXPORT_NUMERIC = {2, 3, 4, 5, 6}


def export_table(results: list[dict]) -> str:
    """The static export of each size measured (bench/export.py): one row each."""
    rows = [
        (
            result["size"],
            ",".join(language["code"] for language in export["languages"]),
            str(export["pages"]),
            str(export["files"]),
            f"{export['bytes'] / 1e6:.1f}",
            f"{export['seconds']:.1f}",
            f"{export['pages'] / export['seconds']:.1f}",
            ", ".join(f"{language['code']} {language['seconds']:.1f}" for language in export["languages"]),
        )
        for result in results
        if (export := result.get("export"))
    ]
    if not rows:
        return ""
    _widths, line = columns([EXPORT_HEADER, *rows], EXPORT_NUMERIC)
    title = "Static export (manage.py export_site, in a new process). pages: the handbook's; files: every page, the "
    title += "search index and the assets"
    return "\n".join([title, line(EXPORT_HEADER), *[line(row) for row in rows]])
