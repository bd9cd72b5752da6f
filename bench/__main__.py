from __future__ import annotations

import importlib
import json
import os
import platform
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
# Each entry: a module of this package with run() -> dict.
# ``scale`` runs last, in a database of its own (2,000 real schools: the longest by far).
BENCHMARKS = ["provision", "dashboard", "rss", "search", "render", "load", "scale"]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model(),
    }


def summary() -> None:
    """One Markdown table of every figure in results/*.json (pasted into the README)."""
    rows = []
    machines = set()
    for path in sorted(RESULTS.glob("*.json")):
        data = json.loads(path.read_text())
        found = data.get("machine", {})
        machines.add(
            f"{found.get('cpus', '?')} CPUs, {found.get('cpu_model', 'CPU model not recorded')}, "
            f"Python {found.get('python', '?')}"
        )
        for key, value in data.get("figures", {}).items():
            if isinstance(value, str) and len(value) > 60:
                continue  # a description of the method, kept in the JSON file
            rows.append((f"{path.stem}.{key}", value))
    width = max((len(name) for name, _ in rows), default=10)
    print()
    for described in sorted(machines):
        print(f"Machine: {described}")
    print(f"\n| {'figure'.ljust(width)} | value |")
    print(f"|{'-' * (width + 2)}|-------|")
    for name, value in rows:
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"| {name.ljust(width)} | {shown} |")


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench", description="Run benchmarks.")
    parser.add_argument("names", nargs="*", help=f"default: all of {', '.join(BENCHMARKS)}")
    parser.add_argument(
        "--schools", type=int, help="schools for bench.scale (default 2000; fewer for a quick run)"
    )
    arguments = parser.parse_args(argv)
    if arguments.schools:
        os.environ["BENCH_SCALE_SCHOOLS"] = str(arguments.schools)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("setup_platform", demo=True, verbosity=0)
    RESULTS.mkdir(exist_ok=True)
    selected = arguments.names or BENCHMARKS
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
