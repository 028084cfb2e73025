## People: onboarding, profile, roles and the schools directory.

## --- onboarding
## /start, consent and the profile questions

start-choose-language = Здравствуйте! Это Сетевой координатор.
    Выберите язык / Choose your language:
start-choose-role = Кто вы? От этого зависит, что я буду вам предлагать.
role-choice-teacher = 👩‍🏫 Я педагог
role-choice-parent = 👪 Я родитель
role-choice-staff = 🏛 Я сотрудник центра (методист, психолог…)
start-welcome-back = С возвращением! Главное меню — внизу.
start-needs-onboarding = Сначала давайте познакомимся: отправьте /start.
admin-needs-start = Вы администратор по настройкам бота (ADMIN_IDS), но профиля у вас ещё нет, а действия сотрудников записываются от имени человека. Отправьте /start и выберите «Я сотрудник центра»: имя и должность — минута, и все команды заработают.

consent-text =
    <b>Согласие на обработку персональных данных</b>

    { $centre } (оператор) обрабатывает ваши данные по Федеральному закону № 152-ФЗ «О персональных данных».

    <b>Что хранится:</b> имя, роль, школа, предметы, стаж и должность (для педагогов), должность (для сотрудников центра), класс ребёнка (для родителей), ваши записи на мероприятия и консультации, ответы на опросы, участие в наставничестве (план, встречи и заметки к ним, самооценка), присланные в методическую копилку материалы, Telegram ID.
    <b>Зачем:</b> запись на мероприятия и консультации, напоминания, адресная методическая помощь, отчёты о работе сети (в отчётах — только обезличенные цифры).
    <b>Сколько:</b> пока вы пользуетесь ботом; комментарии к консультациям удаляются автоматически.
    <b>Как отозвать:</b> команда /forget в любой момент удалит или обезличит ваши данные.

    Нажимая «Согласен», вы даёте согласие на такую обработку.
consent-accept = ✅ Согласен(на)
consent-decline = Не согласен(на)
consent-declined = Хорошо, я ничего о вас не сохранил. Если передумаете, отправьте /start.
consent-accepted = Спасибо! Согласие записано. Заполним короткий профиль.

profile-ask-name = Как вас зовут? Напишите фамилию, имя и отчество.
profile-ask-school = В какой школе вы работаете? Напишите часть названия (например, «№ 2» или «Любавичская») или выберите из списка:
profile-school-none = Не нашёл такую школу. Попробуйте другую часть названия. Если вашей школы нет в справочнике, напишите администратору центра.
profile-school-found = { $count ->
    [one] Нашлась { $count } школа:
    [few] Нашлось { $count } школы:
   *[other] Нашлось { $count } школ:
}
profile-school-set = Школа: { $school }
profile-ask-subjects = Какие предметы вы ведёте? Отметьте все нужные и нажмите «Готово».
subjects-done = ✔️ Готово
profile-subjects-set = Предметы: { $subjects }
profile-ask-experience = Ваш педагогический стаж:
profile-experience-set = Стаж: { $value }
profile-ask-position = Ваша должность:
profile-ask-staff-position = Ваша должность в центре:
profile-resume = Профиль ещё не заполнен до конца — продолжим с того места, где остановились.
profile-position-set = Должность: { $value }
profile-ask-grade = В каком классе учится ваш ребёнок? Это поможет психологу. Можно пропустить.
grade-skip = Пропустить
profile-grade-set = Класс ребёнка: { $grade }
profile-grade-skipped = Класс не указан — его можно добавить позже в профиле.
onboarding-done = Готово! Профиль заполнен. Главное меню — внизу, команды — в меню слева от поля ввода.
staff-send-id =
    Ваш Telegram ID: <code>{ $telegram_id }</code>

    Перешлите его администратору центра (нажмите на число, чтобы скопировать): он выдаст вам роль — методиста, педагога-психолога или другую. Когда роль появится, я напишу вам и обновлю меню.
staff-id-with-roles = Ваш Telegram ID: <code>{ $telegram_id }</code>. Ваши роли: { $roles }.

experience-lt3 = до 3 лет
experience-3-10 = 3–10 лет
experience-10-20 = 10–20 лет
experience-20plus = более 20 лет

position-teacher = учитель
position-primary_teacher = учитель начальных классов
position-deputy_head = заместитель директора
position-head = директор
position-speech_therapist = логопед / дефектолог
position-psychologist = педагог-психолог
position-social_pedagogue = социальный педагог
position-tutor = тьютор
position-other = другое
position-methodist = методист
position-centre_head = руководитель центра
position-centre_specialist = специалист центра

subject-primary = начальные классы
subject-russian = русский язык
subject-literature = литература
subject-math = математика
subject-informatics = информатика
subject-physics = физика
subject-chemistry = химия
subject-biology = биология
subject-geography = география
subject-history = история
subject-social = обществознание
subject-english = английский язык
subject-foreign_other = другой иностранный
subject-art = ИЗО
subject-music = музыка
subject-technology = технология
subject-pe = физкультура
subject-safety = ОБЗР
subject-special_needs = коррекционная педагогика
subject-other = другое

## --- profile
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
profile-line-telegram-id = Telegram ID: <code>{ $value }</code>
role-staff-none = пока нет (их выдаёт администратор центра)
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
    • Наставничество: план, встречи и заметки к ним, самооценка и заключение — их видят только участники пары (группы), ответственный методист и администратор.
    • Материалы, присланные в методическую копилку, — с вашим именем как автора; после /forget неопубликованные удаляются, а у опубликованных убирается имя.
    • Telegram ID — чтобы отвечать вам.

    Данные видят сотрудники центра в пределах своих обязанностей; детали консультации — только вы, ваш психолог и администратор.
    Отозвать согласие и удалить данные: /forget.
privacy-consent-given = Согласие (версия { $version }) дано { $date }.

forget-nothing = У меня нет ваших данных.
forget-ask =
    Удалить ваши данные? Имя, школа, предметы, стаж, должность, класс ребёнка и контакты будут стёрты, записи останутся только как обезличенные цифры в отчётах. Отменить это будет нельзя.
forget-confirm = 🗑 Да, удалить мои данные
forget-keep = Нет, оставить
forget-kept = Хорошо, ничего не удалено.
forget-done = Ваши данные удалены, согласие отозвано.
forget-bye = Если захотите вернуться — отправьте /start.

## --- admin
## Roles and the schools directory (admins)

admin-staff-title = <b>Сотрудники и их роли</b>
admin-staff-line = { $name }: { $roles }
admin-staff-empty = Пока никому не выданы роли.
admin-grant-hint = Выдать роль: /grant и Telegram ID или часть имени. Человек должен сначала пройти /start (сотрудники центра выбирают «Я сотрудник центра» и получают свой Telegram ID, чтобы переслать его вам).
admin-grant-ask = Пришлите Telegram ID человека или часть его имени.
admin-person-none = Никого не нашёл. Человек должен сначала отправить боту /start. Попробуйте ещё раз или /cancel.
admin-person-many = Нашлось несколько человек, выберите:
admin-person-card =
    <b>{ $name }</b>
    ID в боте: { $user_id }, Telegram ID: <code>{ $telegram_id }</code>
    Роли: { $roles }

    Нажмите на роль, чтобы выдать или забрать её.
admin-coordinator-school = Координатор какой школы?
admin-roles-saved = Роли сохранены.
admin-back-to-person = ◀️ К карточке
role-granted-notice =
    Администратор центра выдал вам роль «{ $role }».
    Теперь вы можете: { $abilities }

    Главное меню обновлено — оно внизу, команды — в меню «/».
role-revoked-notice = Администратор центра снял с вас роль «{ $role }». Главное меню и список команд обновлены — они внизу и в меню «/».
role-abilities-methodist = создавать и публиковать мероприятия (/new_event), одобрять предложения школ (/event_drafts), вести списки и посещаемость (/participants), запускать опросы (/surveys), делать рассылки (/broadcast) и смотреть отчёты (/stats, /export).
role-abilities-psychologist = публиковать время для консультаций (/slots) и вести свой день (/today).
role-abilities-coordinator = предлагать мероприятия от своей школы (/propose_event), видеть участников (/participants) и отчёты своей школы (/stats, /export).
role-abilities-admin = выдавать роли (/grant, /roles), вести справочник школ (/schools) и всё, что может методист.

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

