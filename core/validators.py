"""Moved to ``siteplatform.validators``; this alias keeps the old import path working until every branch
imports the new one (#18), then goes."""

import sys

from siteplatform import validators as _moved

sys.modules[__name__] = _moved
