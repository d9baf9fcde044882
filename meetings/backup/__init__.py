"""Back up the whole archive to one JSON Lines file and restore it (manage.py
export_archive / import_archive). See fileformat.py for the file, contents.py
for what it holds and in which order."""

from .export import export_archive
from .fileformat import BackupError
from .restore import Restored, import_archive

__all__ = ["BackupError", "Restored", "export_archive", "import_archive"]
