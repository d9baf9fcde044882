from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Dev-only: the synthetic corpus, the benchmark and their commands.

    No models, no URLs; the product app (meetings) never imports it.
    """

    name = "devtools"
    verbose_name = "Developer tools"
