"""The Mini App as an aiohttp application, mounted under PREFIX on the bot's web server."""

from __future__ import annotations

from aiohttp import web

from handlers.miniapp import calendar, dashboard, exports, mentoring, pages, participants
from handlers.miniapp.config import CONFIG, MiniAppConfig
from handlers.miniapp.request import json_errors
from handlers.miniapp.security import page_policy, secure

PREFIX = "/app"


def create_miniapp(config: MiniAppConfig) -> web.Application:
    app = web.Application(middlewares=[json_errors])
    app[CONFIG] = config
    assets = pages.load_assets()
    index = pages.render_index(assets, config.script_url, config.translator)
    pages.add_routes(app.router, assets, index)
    calendar.add_routes(app.router)
    participants.add_routes(app.router)
    dashboard.add_routes(app.router)
    exports.add_routes(app.router)
    mentoring.add_routes(app.router)
    csp = page_policy(config.script_url)

    async def headers(request: web.Request, response: web.StreamResponse) -> None:
        is_page = request.path in (PREFIX, PREFIX + "/")
        secure(response, page_csp=csp if is_page else None)
        if request.path.startswith(PREFIX + "/api/"):
            response.headers.setdefault("Cache-Control", "no-store")

    app.on_response_prepare.append(headers)
    return app


def mount(parent: web.Application, config: MiniAppConfig) -> None:
    """Adds the Mini App under PREFIX to a server (the webhook's, or the polling mode's own)."""

    async def to_page(_request: web.Request) -> web.Response:
        raise web.HTTPPermanentRedirect(PREFIX + "/")

    parent.router.add_get(PREFIX, to_page)
    parent.add_subapp(PREFIX + "/", create_miniapp(config))
