## Surveys: answering (/survey), staff tools (/surveys), file format errors

menu-surveys = 📋 Опросы
menu-surveys-staff = 📋 Опросы: управление
cmd-survey = пройти опрос
cmd-surveys = опросы: запуск, итоги, выгрузка

survey-invite =
    📋 <b>{ $title }</b>

    Просим вас пройти опрос: { $questions ->
        [one] { $questions } вопрос
        [few] { $questions } вопроса
       *[many] { $questions } вопросов
    }, ответы кнопками. Можно прерваться и продолжить позже.
survey-invite-button = ▶️ Пройти опрос
survey-reminder =
    ⏰ Напоминание: опрос «{ $title }» закрывается { $closes }. Если у вас есть пара минут — будем благодарны за ответы.

survey-support-offer = 🎯 Адресная поддержка: в опросе вы отмечали серьёзные затруднения по этой теме. Скоро мероприятие как раз об этом: «{ $title }», { $starts_at }.
survey-support-open = 📅 Открыть мероприятие

survey-list-title = <b>Открытые опросы</b>
survey-list-line = • { $title } — { $count ->
        [one] { $count } вопрос
        [few] { $count } вопроса
       *[many] { $count } вопросов
    }{ $until }
survey-list-until = , до { $date }
survey-list-start = ▶️ Начать
survey-list-continue = ⏯ Продолжить ({ $answered }/{ $total })
survey-none-open = Сейчас нет опросов для вас. Когда появится новый, я пришлю приглашение.
survey-offers-standing = По темам, которые вы отметили как трудные, есть ближайшие мероприятия:
survey-intro =
    📋 <b>{ $title }</b>

    { $intro }
survey-question-head = <b>{ $title }</b>
    Вопрос { $index }/{ $total }
survey-question-body = { $text }
survey-hint-multi = <i>Отметьте подходящие варианты и нажмите «Готово».</i>
survey-hint-multi-max = <i>Отметьте не больше { $max } и нажмите «Готово».</i>
survey-hint-scale = <i>Оцените от 1 (совсем нет) до 5 (полностью).</i>
survey-hint-text = <i>Напишите ответ одним сообщением (до { $max } символов).</i>
survey-given-text = Ваш ответ сейчас: «{ $text }». Отправьте новый текст, чтобы заменить его.
survey-done = ✅ Готово
survey-skip = ⏭ Пропустить
survey-back = ◀️ Назад
survey-pause = ⏸ Пауза
survey-paused = Ответы сохранены. Продолжить можно в любой момент: /survey или кнопка «📋 Опросы».
survey-text-expected = Здесь нужен ответ текстом. Напишите его сообщением или нажмите «⏸ Пауза».
survey-buttons-expected = Опрос ждёт ответа кнопкой под вопросом — вот он ещё раз. Ответы сохранены: если сейчас неудобно, опрос подождёт, продолжить можно в любой момент командой /survey или кнопкой «📋 Опросы».
cancel-survey_buttons = ⏸ Опрос на паузе, ответы сохранены. Продолжить можно в любой момент: /survey или кнопка «📋 Опросы».
cancel-survey_text = ⏸ Опрос на паузе, ответы сохранены. Продолжить можно в любой момент: /survey или кнопка «📋 Опросы».
survey-finished = 🙏 Спасибо! Опрос «{ $title }» пройден, ответы сохранены.
survey-offers = Вы отметили серьёзные затруднения: { $topics }. Вот ближайшие мероприятия сети по этим темам — можно записаться прямо сейчас:
survey-offers-later = Вы отметили серьёзные затруднения: { $topics }. Когда появятся мероприятия по этим темам, я сразу сообщу.
survey-materials-offered = 📚 По этим темам есть материалы в методической копилке — они в кнопках ниже.

broadcast-source-survey = 📋 Не ответившие на опрос
survey-staff-title = <b>Опросы</b>
survey-staff-line = • { $title } — { $status }, ответили { $respondents } из { $audience }
survey-staff-empty = Опросов пока нет.
survey-status-draft = черновик
survey-status-open = идёт сбор ответов
survey-status-closed = закрыт
survey-card-title = 📋 <b>{ $title }</b>
survey-card-questions = { $count ->
        [one] { $count } вопрос
        [few] { $count } вопроса
       *[many] { $count } вопросов
    }
survey-card-figures = Ответили: { $respondents } из { $audience }
survey-card-wave = Волна: { $wave }
survey-card-anonymous = 🕶 Анонимный: ответы не связаны с людьми
survey-card-closes = Закрывается: { $date }
survey-btn-launch = 🚀 Запустить и разослать приглашения
survey-btn-new-wave = 🔁 Новая волна (повторная диагностика)
survey-btn-launch-sure = ✅ Да, разослать
survey-btn-cancel = ✖️ Отмена
survey-btn-open = ▶️ Открыть приём ответов
survey-btn-close = ⏹ Закрыть опрос
survey-btn-report = 📊 Итоги
survey-btn-xlsx = 📥 Выгрузка XLSX
survey-btn-upload = 📄 Загрузить файл
survey-btn-wizard = 🧩 Создать в чате
survey-launch-confirm = Запустить «{ $title }»? Приглашение получат { $audience ->
        [one] { $audience } человек
        [few] { $audience } человека
       *[many] { $audience } человек
    } из аудитории опроса; за двое суток до закрытия не ответившим придёт одно напоминание.
survey-launched = 🚀 Опрос запущен, { $count ->
        [one] отправлено { $count } приглашение
        [few] отправлено { $count } приглашения
       *[many] отправлено { $count } приглашений
    }.
survey-report-wait = Готовлю итоги…
survey-report-empty = По опросу «{ $title }» пока нет ни одного ответа.
survey-report-title = 📊 <b>{ $title }</b>, волна { $wave }
survey-report-rate = Ответили { $respondents } из { $audience } ({ $rate })
survey-report-top = <b>Главные затруднения</b> (серьёзные / некоторые):
survey-report-top-line = • { $topic }: { $serious } / { $some }
survey-report-group-line = • { $group } ({ $count }): больше всего — { $topic }, { $serious } серьёзных
survey-report-hidden = <i>{ $count ->
        [one] { $count } ответ не показан отдельно
        [few] { $count } ответа не показаны отдельно
       *[many] { $count } ответов не показаны отдельно
    }: в группе меньше 5 человек.</i>
survey-report-changes = <b>Динамика серьёзных затруднений</b> (волна { $before } → { $after }):
survey-report-change-line = • { $topic }: { $before } → { $after } ({ $delta } п.п.)
survey-report-support = <b>Адресная поддержка</b> (отметили серьёзное затруднение → записались → посетили):
survey-report-support-line = • { $topic }: { $serious } → { $registered } → { $attended }
survey-chart-title = Профиль затруднений педагогов (ответили { $respondents })
survey-level-some = некоторые затруднения
survey-level-serious = серьёзные затруднения
survey-dimension-overall = Все
survey-dimension-school = По школам
survey-dimension-category = По категориям школ
survey-dimension-subject = По предметам
survey-dimension-experience = По стажу
survey-category-low_results = ШНРО
survey-category-unfavourable = ШФНСУ
survey-category-other = Другие школы
survey-group-other = Прочие (малые группы)
survey-group-all = Все ответившие

survey-xlsx-caption = Итоги опроса «{ $title }»
survey-xlsx-sheet-answers = Ответы
survey-xlsx-sheet-distribution = Распределение
survey-xlsx-sheet-waves = Динамика
survey-xlsx-sheet-support = Адресная поддержка
survey-xlsx-response = № анкеты
survey-xlsx-person = ФИО
survey-xlsx-school = Школа
survey-xlsx-subjects = Предметы
survey-xlsx-experience = Стаж
survey-xlsx-completed = Заполнено
survey-xlsx-question = Вопрос
survey-xlsx-option = Вариант
survey-xlsx-count = Ответов
survey-xlsx-mean = Среднее
survey-xlsx-answered = Ответили
survey-xlsx-group = Группа
survey-xlsx-respondents = Ответили
survey-xlsx-hidden = Не показано отдельно (группы меньше 5 человек): { $count }
survey-xlsx-topic = Тема
survey-xlsx-wave = Волна { $wave }, серьёзные, %
survey-xlsx-serious = Серьёзное затруднение
survey-xlsx-registered = Записались на мероприятие по теме
survey-xlsx-attended = Посетили

survey-upload-ask = Пришлите файл опроса в формате YAML или JSON (до { $max } КБ). Формат описан в docs/surveys.md. /cancel — отмена.
survey-upload-extension = Нужен файл с расширением .yaml, .yml или .json.
survey-upload-too-big = Файл больше { $max } КБ. Сократите его и пришлите снова.
survey-upload-expect-file = Жду файл опроса (.yaml или .json). /cancel — отмена.
survey-upload-errors = ⚠️ В файле { $count ->
        [one] { $count } ошибка
        [few] { $count } ошибки
       *[many] { $count } ошибок
    }:
survey-issue-line = • строка { $line }: { $problem }
survey-issue-general = • { $problem }
survey-issue-more = …и ещё { $count }.
survey-upload-again = Исправьте и пришлите файл снова или нажмите /cancel.
survey-created = ✅ Опрос сохранён как черновик.

survey-wizard-title = Как называется опрос? Напишите название одним сообщением.
survey-wizard-question = Вопрос { $number }: напишите его текст.
survey-wizard-type = Какой это вопрос?
survey-type-single = Один вариант
survey-type-multi = Несколько вариантов
survey-type-scale = Шкала 1–5
survey-type-text = Короткий текст
survey-wizard-options = Напишите варианты ответа, каждый с новой строки (от 2 до 10).
survey-wizard-added = { $count ->
        [one] Добавлен { $count } вопрос.
        [few] Добавлено { $count } вопроса.
       *[many] Добавлено { $count } вопросов.
    } Что дальше?
survey-wizard-more = ➕ Ещё вопрос
survey-wizard-save = 💾 Сохранить опрос
expect-survey_title = Напишите название опроса.
expect-survey_question = Напишите текст вопроса.
expect-survey_qtype = Выберите тип вопроса кнопкой.
expect-survey_options = Напишите варианты ответа, каждый с новой строки.
expect-survey_next = Нажмите «Ещё вопрос» или «Сохранить опрос».
expect-survey_file = Пришлите файл опроса (.yaml или .json).

error-survey-not-open = Этот опрос сейчас не принимает ответы.
error-survey-not-for-you = Этот опрос предназначен для другой аудитории.
error-survey-already-answered = Вы уже прошли этот опрос — спасибо!
error-survey-not-started = Откройте опрос заново: /survey
error-survey-stale-question = Этот вопрос уже позади. Продолжите с текущего: /survey
error-survey-too-many-choices = Можно выбрать не больше { $max }. Снимите отметку с одного из вариантов.
error-survey-choose-one = Отметьте хотя бы один вариант.
error-survey-use-buttons = На этот вопрос отвечают кнопками под ним.
error-survey-text-empty-answer = Ответ пустой. Напишите текст сообщением.
error-survey-answer-too-long = Ответ длиннее { $max } символов (у вас { $length }). Сократите, пожалуйста, и отправьте снова.
error-survey-not-optional = На этот вопрос нужно ответить.
error-survey-closes-passed = Дата закрытия уже прошла — новые ответы собрать нельзя.
error-survey-already-launched = Опрос уже запущен. Повторные волны возможны только для опросов с «repeat: true».
error-survey-wizard-title = Название должно быть непустым и не длиннее { $max } символов.
error-survey-wizard-question = Текст вопроса должен быть непустым и не длиннее { $max } символов.
error-survey-wizard-too-many = В опросе из чата может быть не больше { $max } вопросов. Сохраните его; для большего опроса загрузите файл.
error-survey-wizard-options = Нужно от { $low } до { $high } вариантов, каждый с новой строки.
error-survey-wizard-option-long = Вариант ответа не должен быть длиннее { $max } символов.

error-survey-file = В файле опроса есть ошибки.
error-survey-too-big = файл больше { $max } байт
error-survey-encoding = файл должен быть в кодировке UTF-8
error-survey-syntax = не получается прочитать файл ({ $problem })
error-survey-empty = файл пустой
error-survey-not-mapping = «{ $field }» должно быть набором полей «имя: значение»
error-survey-duplicate-key = поле «{ $field }» указано дважды
error-survey-unknown-field = неизвестное поле «{ $field }»
error-survey-not-text = «{ $field }» должно быть текстом или значением
error-survey-not-boolean = «{ $field }» должно быть true или false
error-survey-number-range = «{ $field }» должно быть целым числом от { $low } до { $high }
error-survey-text-empty = «{ $field }»: нужен текст на русском (ru)
error-survey-text-too-long = «{ $field }» длиннее { $max } символов
error-survey-not-list = «{ $field }» должно быть списком (строки с «- »)
error-survey-date = «{ $field }»: дата в виде ГГГГ-ММ-ДД или ГГГГ-ММ-ДД ЧЧ:ММ
error-survey-closes-before-opens = дата закрытия раньше даты открытия
error-survey-bad-value = «{ $field }»: недопустимое значение «{ $value }»
error-survey-missing = не хватает поля «{ $field }»
error-survey-no-questions = в опросе нет ни одного вопроса
error-survey-too-many = в «{ $field }» больше { $max } элементов
error-survey-bad-id = идентификатор «{ $value }»: только латинские строчные буквы, цифры и «_», до 32 символов
error-survey-duplicate-id = идентификатор «{ $value }» уже использован
error-survey-bad-type = тип вопроса «{ $value }» не поддерживается; можно: { $allowed }
error-survey-options-not-allowed = у вопроса типа «{ $type }» не бывает вариантов (options)
error-survey-field-for-type = поле «{ $field }» допустимо только у вопросов типа «{ $type }»
error-survey-topic-levels = вопрос с темой (topic) должен быть типа single с вариантами { $levels }
error-survey-option-count = вариантов должно быть от { $low } до { $high }
error-survey-unknown-school = школа «{ $value }» не найдена в справочнике

expect-survey_text = Напишите ответ сообщением или нажмите «⏸ Пауза».
expect-survey_buttons = ответ кнопкой под вопросом опроса. Ответы сохранены, продолжить опрос можно и позже: /survey.
survey-list-prev = ◀️ Назад
survey-list-next = Дальше ▶️
survey-list-page = Страница { $page } из { $pages }
