"""A Celery worker whose dispatch publication hangs in one school (the fault tests kill it).

``FAULTS_HANG_SCHEMA``: the schema in which publishing stops, inside its transaction, after
writing ``FAULTS_MARKER``; the test then SIGKILLs this process. Arguments are the worker's.
Test code only: production workers never load it.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from dispatch import services  # noqa: E402

_copy_files = services._copy_files


def _hanging_copy_files(dispatch):
    if connection.schema_name == os.environ["FAULTS_HANG_SCHEMA"]:
        Path(os.environ["FAULTS_MARKER"]).write_text(connection.schema_name)
        time.sleep(300)
    return _copy_files(dispatch)


services._copy_files = _hanging_copy_files

from portal.celery import app  # noqa: E402

app.worker_main(["worker", *sys.argv[1:]])
