"""Lengths people may type, checked by services so that every edge gets the same answer."""

NAME_MAX = 200
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 3000
TELEGRAM_MESSAGE_MAX = 4096
TELEGRAM_CAPTION_MAX = 1024
