"""The Telegram Mini App: the network's calendar for everyone and a dashboard for staff.

A presentation layer beside the chat handlers: aiohttp routes that check the Mini App's signed
launch data (initData) on every call, ask the same services the chat asks (rights are checked
there), and answer JSON the page in `static/` draws. The bot's composition root (`bot/webapp.py`)
mounts it on the webhook server, or on a small server of its own in polling mode.
"""
