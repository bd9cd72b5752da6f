"""Benchmarks (`make bench`): each module's ``run()`` returns figures written to
``bench/results/<name>.json``; a summary table of every results file is printed last.

Speeds are compared as ratios measured in one run, never as absolute limits in tests.
"""


def collect_static(env: dict[str, str]) -> None:
    """Collect static files for a server with ``env`` (production settings).

    Production serves hashed static files from WhiteNoise's manifest: without it every page
    answers 500. ``collectstatic`` copies only what changed, so a second run is quick.
    """
    import subprocess
    import sys
    from pathlib import Path

    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        check=True,
    )
