## Roles and the schools directory (admins)

admin-staff-title = <b>Сотрудники и их роли</b>
admin-staff-line = { $name }: { $roles }
admin-staff-empty = Пока никому не выданы роли.
admin-grant-hint = Выдать роль: /grant и Telegram ID или часть имени. Человек должен сначала пройти /start.
admin-grant-ask = Пришлите Telegram ID человека или часть его имени.
admin-person-none = Никого не нашёл. Человек должен сначала отправить боту /start. Попробуйте ещё раз или /cancel.
admin-person-many = Нашлось несколько человек, выберите:
admin-person-card =
    <b>{ $name }</b>
    ID в боте: { $user_id }, Telegram ID: { $telegram_id }
    Роли: { $roles }

    Нажмите на роль, чтобы выдать или забрать её.
admin-coordinator-school = Координатор какой школы?
admin-roles-saved = Роли сохранены.

schools-title = <b>Справочник школ</b>: { $count } (стр. { $page } из { $pages })
schools-add = ➕ Добавить
schools-import = 📥 Загрузить CSV
schools-back = ◀️ К списку
schools-rename = ✏️ Переименовать
schools-card =
    <b>{ $name }</b>
    Краткое название: { $short }
    Муниципалитет: { $municipality }
    ШНРО (низкие результаты): { $low_results }
    ШФНСУ (неблагоприятные условия): { $unfavourable }
    Ведущая школа: { $leading }
    Школа-партнёр: { $partner }
schools-toggle-low_results = ШНРО
schools-toggle-unfavourable_conditions = ШФНСУ
schools-toggle-is_leading = Ведущая
schools-toggle-is_partner = Партнёр
schools-ask-name = Пришлите полное название школы. Краткое можно добавить через «|», например: МБОУ «Средняя школа № 3» | СШ № 3
schools-ask-rename = Пришлите новое полное название (и краткое через «|», если нужно).
schools-added = Школа добавлена.
schools-ask-csv =
    Пришлите файл CSV (до 1 МБ, UTF-8 или Windows-1251, разделитель «;» или «,»).
    Столбцы: name; short_name; municipality; low_results; unfavourable; leading; partner. Флаги — «да»/«нет». Образец: /schools_template
schools-import-done = Загрузка завершена: добавлено { $added }, обновлено { $updated }, строк с ошибками: { $errors }.
schools-import-error-line = Строка { $line }: { $problem }
schools-import-more-errors = …и ещё { $count } строк с ошибками.
schools-template-caption = Образец файла для загрузки школ.
schools-csv-sample-row = МБОУ «Средняя школа № 1»;СШ № 1;Руднянский район;да;нет;нет;да
