"""The benchmark's static export: what bench/export.py measures and how bench/report.py prints it."""

from bench.export import measure
from bench.report import export_table


def test_the_export_is_measured_and_printed_as_a_row(small_demo, tmp_path):
    measured = measure(tmp_path / "export", ["es", "ar"])
    files = [path for path in (tmp_path / "export").rglob("*") if path.is_file() and path.name != ".portal-export.json"]
    assert measured["files"] == len(files)
    assert measured["bytes"] == sum(path.stat().st_size for path in files)
    assert [language["code"] for language in measured["languages"]] == ["es", "ar"]
    assert measured["pages"] == 24  # the handbook's index and 11 public pages, in each language
    assert measured["seconds"] >= sum(language["seconds"] for language in measured["languages"]) > 0

    title, header, row = export_table([{"size": "demo", "export": measured}, {"size": "150"}]).splitlines()
    assert title.startswith("Static export")
    assert header.split()[:7] == ["size", "languages", "pages", "files", "MB", "seconds", "pages/s"]
    cells = row.split()
    assert cells[:4] == ["demo", "es,ar", "24", str(measured["files"])]
    assert cells[5] == f"{measured['seconds']:.1f}"
    assert row.endswith(
        ", ".join(f"{language['code']} {language['seconds']:.1f}" for language in measured["languages"])
    )


def test_no_row_without_an_export():
    assert export_table([{"size": "150"}]) == ""
