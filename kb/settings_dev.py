"""Settings for local use through manage.py: the production settings
(kb.settings) read with development defaults, so that `manage.py
createsuperuser` or `import_seeds --help` works on a fresh checkout with
nothing in the environment.  Only the defaults change: DJANGO_DEBUG is on
unless the environment says otherwise (and with it a local secret key).

The WSGI and ASGI entry points load kb.settings itself, which refuses to
start without DJANGO_SECRET_KEY when DEBUG is off.  In production set
DJANGO_SETTINGS_MODULE=kb.settings for manage.py too (README, Production).
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from kb.settings import *  # noqa: E402,F403
