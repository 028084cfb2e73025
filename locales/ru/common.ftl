## Menu, help, cancel, commands

menu-title = Главное меню. Выберите действие кнопкой внизу.
menu-profile = 👤 Профиль
menu-help = ❓ Помощь
menu-roles = 🔑 Роли
menu-schools = 🏫 Школы

help-guest =
    Я — Сетевой координатор: помогаю педагогам находить сетевые мероприятия и записываться на них, а родителям — записываться на консультации психологов.
    Чтобы начать, отправьте /start.
help-intro = Что я умею для вас:

cancel-done = Действие отменено. Ничего из уже сохранённого не потеряно.
cancel-nothing = Сейчас нечего отменять.

cmd-start = начать или вернуться в меню
cmd-menu = главное меню
cmd-profile = мой профиль
cmd-language = язык / language
cmd-privacy = какие данные хранятся и зачем
cmd-forget = удалить мои данные
cmd-help = помощь
cmd-cancel = отменить текущее действие
cmd-roles = роли сотрудников
cmd-grant = выдать роль
cmd-schools = справочник школ

unknown-command = Такой команды нет. Отправьте /help — там список того, что я умею.
unknown-message = Я не понял сообщение. Выберите действие в меню ниже или отправьте /help.
flow-unexpected-input =
    Сейчас я жду другое: { $hint }
    Чтобы выйти из этого шага, отправьте /cancel.
expect-default = ответ кнопкой под сообщением выше.
expect-name = имя текстом, например «Иванова Мария Александровна».
expect-school = часть названия школы текстом или выбор кнопкой.
expect-school_name = полное название школы текстом.
expect-school_rename = новое название текстом.
expect-school_csv = файл CSV документом.
expect-find_person = Telegram ID или часть имени человека.

deeplink-unknown = Ссылка устарела или неверна. Откройте нужный раздел через меню.

language-name-ru = русский
language-name-en = английский
language-choose = Выберите язык:
language-set = Готово, теперь я говорю по-русски.
language-set-guest = Готово. Отправьте /start, чтобы продолжить.

flag-yes = да
flag-no = нет

role-teacher = педагог
role-parent = родитель
role-psychologist = педагог-психолог
role-methodist = методист
role-coordinator = координатор ОО
role-admin = администратор

topic-exam_prep = подготовка к ГИА (ОГЭ, ЕГЭ)
topic-low_achievers = работа с низкомотивированными и слабоуспевающими
topic-individual_routes = индивидуальные образовательные маршруты
topic-disabilities = обучающиеся с ОВЗ, инклюзия
topic-gifted = работа с одарёнными детьми
topic-activity_methods = деятельностные технологии обучения
topic-assessment = оценивание образовательных результатов
topic-parents = работа с родителями
topic-digital = цифровые и дистанционные инструменты
topic-motivation = мотивация и тревожность обучающихся
topic-work_programmes = разработка рабочих программ
topic-functional_literacy = функциональная грамотность
topic-mentoring = наставничество
topic-management = управление качеством образования
topic-upbringing = воспитательная работа

group-private-only = Я работаю в личных сообщениях, чтобы ничего личного не звучало в группе. Напишите мне: @{ $username }
