from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, TimestampMixin


class School(TimestampMixin, Base):
    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    short_name: Mapped[str] = mapped_column(String(100))
    municipality: Mapped[str] = mapped_column(String(200), default="")
    # fold(name + short_name), kept in step by the service that writes the names.
    search_text: Mapped[str] = mapped_column(String(420), default="", index=True)
    # Category flags of the statutes: ШНРО, ШФНСУ, and the network roles of a school.
    low_results: Mapped[bool] = mapped_column(default=False)
    unfavourable_conditions: Mapped[bool] = mapped_column(default=False)
    is_leading: Mapped[bool] = mapped_column(default=False)
    is_partner: Mapped[bool] = mapped_column(default=True)
