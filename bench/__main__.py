from __future__ import annotations

import importlib
import json
import os
import platform
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
# Each entry: a module of this package with run() -> dict.
BENCHMARKS = ["provision", "dashboard", "rss", "search", "render"]


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }


def summary() -> None:
    rows = []
    for path in sorted(RESULTS.glob("*.json")):
        data = json.loads(path.read_text())
        for key, value in data.get("figures", {}).items():
            rows.append((path.stem, key, value))
    width = max((len(f"{a}.{b}") for a, b, _ in rows), default=10)
    print(f"\n{'figure'.ljust(width)}  value")
    for name, key, value in rows:
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{f'{name}.{key}'.ljust(width)}  {shown}")


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("setup_platform", demo=True, verbosity=0)
    RESULTS.mkdir(exist_ok=True)
    selected = argv or BENCHMARKS
    for name in selected:
        module = importlib.import_module(f"bench.{name}")
        print(f"Running bench.{name} …", flush=True)
        figures = module.run()
        payload = {"benchmark": name, "machine": machine(), "figures": figures}
        (RESULTS / f"{name}.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False))
    summary()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
