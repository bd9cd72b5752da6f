"""Benchmarks (`make bench`): each module's ``run()`` returns figures written to
``bench/results/<name>.json``; a summary table of every results file is printed last.

Speeds are compared as ratios measured in one run, never as absolute limits in tests.
"""
