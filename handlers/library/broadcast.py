"""A methodist sends a material to an audience through the existing broadcast: the material's
file goes as the broadcast's document (a photo as a photo), its title, description and a link
back to the card as the text."""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from handlers import broadcast_hand_off
from handlers.broadcast_hand_off import Prepared
from handlers.library.callbacks import CardAct, LibCardCD
from services.container import Services
from services.context import Actor
from services.i18n import Text
from services.library.types import FileType, MaterialView

ATTACHABLE = {FileType.DOCUMENT: "document", FileType.PHOTO: "photo"}


def prepared(view: MaterialView, svc: Services, t: Text) -> Prepared:
    attachment = ATTACHABLE.get(view.file_type) if view.file_type else None
    body = t(
        "library-broadcast-body",
        title=view.title,
        description=view.description,
        link=svc.library.deep_link("material", view.id),
    )
    if view.link:
        body += "\n" + html.escape(view.link)
    return Prepared(body, attachment, view.file_id if attachment else None)


async def to_broadcast(
    query: CallbackQuery,
    callback_data: LibCardCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    svc.broadcasts.check_access(actor)
    view = await svc.library.get(actor, callback_data.material_id)
    await broadcast_hand_off.start(query, prepared(view, svc, t), state, svc, actor, t)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(to_broadcast, LibCardCD.filter(F.act == CardAct.BROADCAST))
    return router
