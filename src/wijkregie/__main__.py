"""The `wijkregie` console command: Django's management commands under the project's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkregie.config.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "wijkregie"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
