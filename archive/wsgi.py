import os
import sys

from django.core.wsgi import get_wsgi_application

from archive.env import settings_or_exit

# gunicorn restarts, forever, a worker that exits with status 1; status 4 is its
# "the application could not be loaded", on which it stops with the reason.
APP_LOAD_ERROR = 4

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
try:
    settings_or_exit()
except SystemExit as refused:
    print(refused.code, file=sys.stderr)
    sys.exit(APP_LOAD_ERROR)
application = get_wsgi_application()
