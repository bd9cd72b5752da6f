"""Moved to ``siteplatform.provisioning``; this alias keeps the old import path working until every branch
imports the new one (#18), then goes."""

import sys

from siteplatform import provisioning as _moved

sys.modules[__name__] = _moved
