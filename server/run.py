"""Run the app: gunicorn with several workers, or Flask's development server with --debug."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

from server import create_app


class GunicornApp(BaseApplication):
    """gunicorn driven from Python, loading our app factory in each worker."""

    def __init__(self, config: dict, options: dict) -> None:
        self.kg_config = config
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app(config=self.kg_config)


def serve(config: dict, host: str, port: int, workers: int, debug: bool) -> None:
    """Serve until interrupted."""
    if debug:
        create_app(config=config).run(host=host, port=port, debug=True)
        return
    timeout = int(config.get("QUERY_TIMEOUT", 30)) + 30
    GunicornApp(config, {"bind": f"{host}:{port}", "workers": workers, "timeout": timeout,
                         "accesslog": "-", "preload_app": False}).run()
