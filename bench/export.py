"""The static export's part of the benchmark: how long `export_site` takes for a handbook in every language.

`python -m bench.export OUTPUT`, with the environment bench/__main__.py sets for a size: exports every language of
the sites into the folder OUTPUT in this new process (cold caches, as a mirror's nightly export would run), and
prints the result as JSON: seconds, files and bytes in all and per language.
"""

import json
import sys
from pathlib import Path

import django


def measure(output: Path, languages: list[str] | None = None) -> dict:
    from frontends.export import export_site

    result = export_site(output, languages)
    return {
        "seconds": result.seconds,
        "files": result.files,
        "bytes": result.bytes,
        "pages": sum(language.pages for language in result.languages),
        "languages": [
            {"code": language.code, "pages": language.pages, "files": language.files, "seconds": language.seconds}
            for language in result.languages
        ],
    }


def main(output: str):
    django.setup()
    print(json.dumps(measure(Path(output))))


if __name__ == "__main__":
    main(sys.argv[1])
