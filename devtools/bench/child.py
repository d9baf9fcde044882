"""The measuring process: `python -m devtools.bench.child CONFIG.json`.

Started by runner.py with the environment pointing at a throwaway database
and index; migrates that database, runs every stage, writes the result JSON.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    config = json.loads(Path(argv[1]).read_text())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from .stages import run_all

    def progress(message: str) -> None:
        print(f"bench: {message}", file=sys.stderr, flush=True)

    progress("migrating the throwaway database")
    call_command("migrate", verbosity=0, interactive=False)

    def save(result: dict) -> None:
        partial = Path(config.get("partial") or config["result"] + ".partial")
        partial.write_text(json.dumps(result, indent=1, ensure_ascii=False))

    result = run_all(
        config["statements"],
        Path(config["work_dir"]),
        config["seed"],
        progress,
        save,
        small_statements=config.get("small_statements", 0),
        pages_only=config.get("pages_only", False),
    )
    Path(config["result"]).write_text(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
