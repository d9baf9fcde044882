#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    from django.core.management import execute_from_command_line

    from archive.env import SERVING_COMMANDS, settings_or_exit

    settings_or_exit(serving=len(sys.argv) < 2 or sys.argv[1] in SERVING_COMMANDS)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
