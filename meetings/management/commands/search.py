"""python manage.py search QUERY [--page N] [--per-page N] [--sort relevance|date|-date] [--json]"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from meetings import search
from meetings.search.serialize import result_json


class Command(BaseCommand):
    help = "Search the statements; --json prints the same object as the search API."

    def add_arguments(self, parser):
        parser.add_argument("query", help='the query, e.g. speaker:putin "peace treaty"')
        parser.add_argument("--page", type=int, default=1)
        parser.add_argument("--per-page", type=int, default=20)
        parser.add_argument("--sort", choices=search.SORTS, default="relevance")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, query, page, per_page, sort, json: bool, **options):
        if page < 1 or per_page < 1:
            raise CommandError("--page and --per-page must be 1 or more")
        result = search.search(query, page=page, per_page=per_page, sort=sort)
        data = result_json(result)
        if json:
            self.stdout.write(_dumps(data))
            return
        if data["error"]:
            raise CommandError(data["error"])
        self.stdout.write(f"{data['total']} statements match {data['query']!r}")
        if result.notice:
            self.stdout.write(f"note: {result.notice}")
        if data["suggestion"]:
            self.stdout.write(f"did you mean: {data['suggestion']}")
        for hit in data["hits"]:
            speakers = ", ".join(hit["speakers"]) or "—"
            self.stdout.write(
                f"\n#{hit['statement']} {hit['date'] or '?'} {hit['meeting_title']}\n"
                f"  {speakers} · {hit['topic'] or ''}\n  {hit['snippet']}"
            )


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)
