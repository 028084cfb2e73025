## /profile, /privacy, /forget

profile-title = <b>Ваш профиль</b>
profile-not-set = не указано
profile-line-name = Имя: { $value }
profile-line-roles = Роли: { $value }
profile-line-school = Школа: { $value }
profile-line-subjects = Предметы: { $value }
profile-line-experience = Стаж: { $value }
profile-line-position = Должность: { $value }
profile-line-grade = Класс ребёнка: { $value }
profile-line-language = Язык: { $value }
profile-edit-name = ✏️ Имя
profile-edit-school = 🏫 Школа
profile-edit-subjects = 📚 Предметы
profile-edit-experience = ⏳ Стаж
profile-edit-position = 💼 Должность
profile-edit-grade = 🎒 Класс ребёнка
profile-edit-language = 🌐 Язык

privacy-text =
    <b>Какие данные я храню</b>

    Оператор: { $centre }.
    • Имя, роль, школа, предметы, стаж, должность — чтобы предлагать подходящие мероприятия и помощь.
    • Класс ребёнка (родители) — чтобы психолог подготовился к консультации.
    • Записи на мероприятия и консультации, отметки о посещении, ответы на опросы — для напоминаний, сертификатов и отчётов сети (в отчётах — только обезличенные цифры).
    • Telegram ID — чтобы отвечать вам.

    Данные видят сотрудники центра в пределах своих обязанностей; детали консультации — только вы, ваш психолог и администратор.
    Отозвать согласие и удалить данные: /forget.
privacy-consent-given = Согласие (версия { $version }) дано { $date }.

forget-nothing = У меня нет ваших данных.
forget-ask =
    Удалить ваши данные? Имя, школа, предметы и контакты будут стёрты, записи останутся только как обезличенные цифры в отчётах. Отменить это будет нельзя.
forget-confirm = 🗑 Да, удалить мои данные
forget-keep = Нет, оставить
forget-kept = Хорошо, ничего не удалено.
forget-done = Ваши данные удалены, согласие отозвано.
forget-bye = Если захотите вернуться — отправьте /start.
