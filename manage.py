#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    # Local use gets development defaults; production sets
    # DJANGO_SETTINGS_MODULE=kb.settings (the WSGI/ASGI entry points use it).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings_dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
