"""What a material must be to enter the library: the checks of an upload and of its text."""

from __future__ import annotations

from services.errors import InvalidInput
from services.library.types import FileType, Upload

# Telegram keeps the file; bots may download up to 20 MB, so a larger file could never be
# checked or re-sent reliably by the centre.
MAX_FILE_BYTES = 20 * 1024 * 1024
TITLE_MIN, TITLE_MAX = 3, 200
DESCRIPTION_MAX = 2000
LINK_MAX = 500
ALLOWED_DOCUMENT_TYPES = frozenset(
    {
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.presentation",
        "application/rtf",
        "text/plain",
        "application/zip",
    }
)
ALLOWED_EXTENSIONS = frozenset(
    {"pdf", "doc", "docx", "ppt", "pptx", "xls", "xlsx", "odt", "odp", "rtf", "txt", "zip"}
)


def check_upload(upload: Upload) -> Upload:
    if not upload.file_id or not upload.file_id.strip():
        raise InvalidInput("library-error-no-file")
    if upload.file_size is not None and upload.file_size > MAX_FILE_BYTES:
        raise InvalidInput("library-error-too-large", limit=MAX_FILE_BYTES // (1024 * 1024))
    if upload.file_type == FileType.DOCUMENT and not _document_allowed(upload):
        raise InvalidInput("library-error-file-type")
    return upload


def _document_allowed(upload: Upload) -> bool:
    if upload.mime_type and upload.mime_type.lower() in ALLOWED_DOCUMENT_TYPES:
        return True
    name = (upload.file_name or "").lower()
    return "." in name and name.rsplit(".", 1)[1] in ALLOWED_EXTENSIONS


def check_title(text: str | None) -> str:
    title = " ".join((text or "").split())
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        raise InvalidInput("library-error-title", min=TITLE_MIN, max=TITLE_MAX)
    return title


def check_description(text: str | None) -> str:
    description = (text or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise InvalidInput("library-error-description", max=DESCRIPTION_MAX)
    return description


def check_link(text: str | None) -> str:
    link = (text or "").strip()
    if not link.startswith(("https://", "http://")) or len(link) > LINK_MAX or " " in link:
        raise InvalidInput("library-error-link")
    return link
