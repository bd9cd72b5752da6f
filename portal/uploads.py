"""Moved to ``siteplatform.uploads``; this alias keeps the old import path working until every branch
imports the new one (#18), then goes."""

import sys

from siteplatform import uploads as _moved

sys.modules[__name__] = _moved
