"""`manage.py loadtest` (make loadtest): gunicorn on a throwaway archive, 50 readers on
127.0.0.1 for a fixed time while an import runs; requests, errors, p50/p95 and whether every
new meeting is searchable afterwards. workspace.py makes the archive, server.py runs
gunicorn, clients.py are the readers, run.py puts them together."""
