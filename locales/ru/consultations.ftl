## Psychologist consultations: /consult for parents and teachers, /slots and /today for
## psychologists, /consult_report for staff.

menu-consult = 🧠 Консультация психолога
menu-appointments = 🗓 Мои приёмы
cmd-consult = записаться к педагогу-психологу
cmd-slots = мои окна для консультаций
cmd-today = расписание консультаций на день
cmd-consult_report = отчёт по консультациям психологов

## Topics, formats, contacts, weekdays

consult-topic-learning = Трудности в учёбе
consult-topic-behaviour = Поведение
consult-topic-emotions = Эмоциональное состояние и тревожность
consult-topic-peers = Отношения со сверстниками
consult-topic-family = Семья и воспитание
consult-topic-exams = Экзаменационный стресс
consult-topic-career = Выбор профиля и профессии
consult-topic-other = Другое
consult-format-in_person = Очно
consult-format-online = Онлайн
consult-contact-chat = В этом чате
consult-contact-phone = Звонок по телефону
consult-wd-0 = пн
consult-wd-1 = вт
consult-wd-2 = ср
consult-wd-3 = чт
consult-wd-4 = пт
consult-wd-5 = сб
consult-wd-6 = вс

## Booking

consult-home = Консультация педагога-психолога — бесплатно и конфиденциально.
    Выберите специалиста или «Любой психолог», чтобы увидеть все свободные окна.
consult-no-psychologists = Пока в системе нет педагогов-психологов. Загляните позже.
consult-btn-psychologist = { $name } · { $count ->
        [0] нет окон
        [one] { $count } окно
        [few] { $count } окна
       *[other] { $count } окон
    }
consult-btn-any = 👥 Любой психолог
consult-btn-mine = 📋 Мои записи к психологу ({ $count })
consult-btn-back = ◀️ Назад
consult-btn-to-home = ← К консультациям
consult-no-slots = Свободных окон сейчас нет. Могу сообщить, когда появится окно.
consult-btn-wait = 🔔 Сообщить, когда появится окно
consult-waiting = Готово: я напишу вам, как только появится свободное окно.
consult-already-waiting = Вы уже в списке ожидания — я напишу, как только появится окно.
consult-choose-day = Выберите день (страница { $page } из { $pages }):
consult-day-label = { $day }, { $weekday }
consult-btn-day = { $day } · { $count ->
        [one] { $count } окно
        [few] { $count } окна
       *[other] { $count } окон
    }
consult-slots-of-day = <b>Свободные окна: { $day }</b>
consult-slot-line = { $start }–{ $end }, { $name }
consult-btn-slot = { $time } · { $name }
consult-day-gone = На этот день свободных окон уже не осталось. Выберите другой день.
consult-reschedule-choose = Выберите новое время. Прежняя запись отменится, только когда новая будет оформлена.
consult-form-slot = 🗓 { $when } · { $name }
consult-ask-topic = С чем хотите обратиться? Выберите тему:
consult-ask-grade = В каком классе учится ребёнок?
consult-grade-preschool = Дошкольник / не хочу указывать
consult-ask-contact = Как психологу удобнее связаться с вами?
consult-ask-phone = Напишите номер телефона, например +7 900 123-45-67.
consult-ask-comment = Если хотите, коротко опишите ситуацию (до { $limit } символов) или нажмите «Пропустить».
consult-btn-skip = Пропустить
consult-summary-title = <b>Проверьте запись</b>
consult-summary-topic = Тема: { $topic }
consult-summary-grade = Класс: { $grade }
consult-summary-grade-profile = Класс: { $grade } (из вашего профиля)
consult-btn-change-grade = ✏️ Изменить класс
consult-summary-contact = Связь: { $contact }
consult-summary-comment = Комментарий: { $comment }
consult-who-sees = 🔒 Эти сведения увидят только психолог, к которому вы записываетесь, и администратор. Методисты видят лишь общее число консультаций. Комментарий удаляется автоматически через некоторое время после консультации.
consult-btn-confirm = ✅ Записаться
consult-use-buttons = Пожалуйста, выберите вариант кнопкой выше. Чтобы выйти, отправьте /cancel.
consult-form-expired = Эта форма уже закрыта. Начните заново: /consult
consult-booked = ✅ Вы записаны на консультацию. Я напомню о ней заранее.
consult-rescheduled = ✅ Запись перенесена. Прежнее время освобождено.
consult-ics-caption = Файл для календаря: откройте его, чтобы добавить консультацию.
consult-ics-summary = Консультация педагога-психолога ({ $name })
consult-btn-cancel = ❌ Отменить запись
consult-btn-reschedule = 🔁 Перенести
consult-btn-open = Выбрать время
consult-btn-rebook = 🗓 Выбрать другое время
consult-btn-booking = { $when } · { $name }
consult-mine = Ваши записи к психологу ({ $count }):
consult-mine-empty = У вас нет предстоящих записей к психологу.
consult-cancel-ask = Отменить запись на { $when }?
consult-btn-cancel-yes = Да, отменить
consult-btn-cancel-no = Нет, оставить
consult-cancelled = Запись отменена. Психолог получит уведомление.
consult-late-cancel = До консультации осталось меньше { $hours } ч — отменить или перенести её через бота уже нельзя. Пожалуйста, напишите об этом психологу ({ $name }).
consult-late-hint = Отменить или перенести запись можно не позднее чем за { $hours } ч до начала.

## Messages sent later

consult-reminder = 🔔 Напоминание: консультация педагога-психолога { $when }. { $place }
consult-notice-booked = 🆕 Новая запись на консультацию: { $when }, { $name }. Подробности — в расписании этого дня, кнопка ниже.
consult-notice-rescheduled = 🔁 Запись перенесена на { $when } ({ $name }). Подробности — в расписании этого дня, кнопка ниже.
consult-btn-open-day = 📅 Открыть этот день
consult-notice-cancelled = ❌ Запись на { $when } отменена. Окно снова свободно.
consult-slot-opened = 🔔 Появилось свободное окно у психолога ({ $name }). Успейте записаться!
consult-notice-psy-cancelled = ❌ К сожалению, консультация { $when } отменена: психолог ({ $name }) не сможет вас принять. Приносим извинения — выберите, пожалуйста, другое время.
consult-notice-psy-cancelled-reason = ❌ К сожалению, консультация { $when } отменена: психолог ({ $name }) не сможет вас принять.
    Причина: { $reason }
    Приносим извинения — выберите, пожалуйста, другое время.

## Errors

consult-error-not-booker = Записаться на консультацию могут родители и педагоги.
consult-error-slot-taken = Это время только что занял кто-то другой. Выберите другое окно.
consult-slot-gone = Это время уже занято.
consult-slot-gone-race = Это время только что занял кто-то другой. Ваши ответы сохранены: выберите другое время — останется только подтвердить запись.
consult-error-limit = У вас уже { $limit ->
        [one] { $limit } активная запись
        [few] { $limit } активные записи
       *[other] { $limit } активных записей
    } — это максимум. Отмените одну из них, чтобы записаться снова.
consult-error-too-soon = Записаться можно не позднее чем за { $hours } ч до начала. Выберите более позднее время.
consult-error-too-far = Записаться можно не более чем на { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    } вперёд.
consult-error-late-cancel = До консультации осталось меньше { $hours } ч — отменить или перенести её через бота уже нельзя. Напишите психологу.
consult-error-not-active = Эта запись уже не активна.
consult-error-phone = Не похоже на номер телефона. Напишите 10–15 цифр, например +7 900 123-45-67.
consult-error-comment-long = Комментарий слишком длинный: не больше { $limit } символов. Сократите, пожалуйста.
consult-error-grade = Класс — число от 1 до 11.
consult-error-overlap = Это время пересекается с вашим окном { $start }–{ $end }. Выберите другое время.
consult-error-length = Длительность — от { $low } до { $high } минут.
consult-error-break = Перерыв — от 0 до 120 минут.
consult-error-place-long = Слишком длинно: не больше { $limit } символов.
consult-error-day = Не удалось понять дату. Напишите, например: «25.12», «25 декабря» или «завтра».
consult-error-range = Напишите период через дефис, например «01.12-20.12».
consult-error-range-order = Конец периода раньше начала. Проверьте даты.
consult-error-range-long = Период слишком длинный: не больше { $days } дней.
consult-error-no-weekdays = Отметьте хотя бы один день недели.
consult-error-window = Напишите время приёма, например «15:00-18:00».
consult-error-too-many = Получается слишком много окон (больше { $limit }). Сократите период.
consult-error-slot-booked = На это окно уже есть запись — удалить его нельзя. Сначала отмените запись в /today.
consult-error-already-cancelled = Эта запись уже отменена.
consult-error-outcome-marked = У этой консультации уже отмечен итог — отменить её нельзя.
consult-error-psy-cancel-past = Консультация уже началась или прошла — отменить её нельзя. Отметьте итог: ✅ или 🚫.
consult-error-reason-long = Причина слишком длинная: не больше { $limit } символов. Сократите, пожалуйста.
consult-error-not-started = Консультация ещё не началась — отметить итог можно после начала.
consult-error-note-empty = Заметка пустая. Напишите текст или отправьте /cancel.
consult-error-note-long = Заметка слишком длинная: не больше { $limit } символов.

## Psychologists: /slots

slots-title = <b>Мои окна для консультаций</b>
    Свободно: { $free }, занято: { $booked }
slots-empty = Окон пока нет. Добавьте одно окно или недельный шаблон.
slots-form-expired = Этот шаг уже закрыт. Начните заново: /slots
slots-line = { $day } { $start }–{ $end } · { $status } · { $format }
slots-line-blocked = { $day } · выходной
slots-status-free = свободно
slots-status-booked = занято
slots-status-blocked = закрыто
slots-status-removed = снято
slots-btn-add = ➕ Окно
slots-btn-pattern = 🔁 Шаблон на недели
slots-btn-remove = 🗑 Удалить окно
slots-btn-block = ⛔ Выходной день
slots-btn-today = 📅 Сегодня
slots-btn-weekdays-done = Готово
slots-btn-create = ✅ Создать окна
slots-ask-when = Когда? Напишите дату и время, например «25 декабря 15:00», «в пятницу в 10:00» или «завтра с 15:00 до 15:45».
slots-ask-length = Сколько длится консультация?
slots-minutes = { $minutes } мин
slots-ask-format = Формат консультации:
slots-ask-place = Где пройдёт консультация? Напишите кабинет и адрес или как будет организована связь (например, «Звонок в Telegram»).
slots-ask-range = За какой период создать окна? Напишите, например, «01.12-20.12» или «с 1 по 20 декабря».
slots-ask-weekdays = В какие дни недели? Отметьте дни и нажмите «Готово».
slots-ask-window = В какие часы? Например, «15:00-18:00» или «с 15 до 18».
slots-ask-break = Перерыв между консультациями:
slots-pattern-summary = <b>Шаблон</b>
    Период: { $first } — { $last }
    Дни: { $days }
    Часы: { $window }
    Консультация { $length } мин, перерыв { $pause } мин
    Место: { $place }
slots-pattern-created = ✅ { $count ->
        [0] Новых окон не создано.
        [one] Создано { $count } окно.
        [few] Создано { $count } окна.
       *[other] Создано { $count } окон.
    }
slots-pattern-skipped = Пропущено { $count ->
        [one] { $count } окно
        [few] { $count } окна
       *[other] { $count } окон
    }: время прошло или пересекается с уже созданными.
slots-added = ✅ Окно добавлено.
slots-remove-choose = Какое окно удалить? Окна с записью здесь не удаляются — сначала отмените запись в /today.
slots-remove-none = Свободных окон нет.
slots-removed = Окно удалено.
slots-ask-block-day = Какой день сделать выходным? Например, «25.12». Свободные окна этого дня будут удалены, а записи я покажу — их можно будет отменить.
slots-blocked = День { $day } закрыт. Записей на этот день нет.
slots-blocked-with-bookings = День { $day } закрыт. { $count ->
        [one] На этот день осталась { $count } запись:
        [few] На этот день остались { $count } записи:
       *[other] На этот день осталось { $count } записей:
    }
slots-btn-cancel-all = ❌ Отменить все и сообщить людям
slots-btn-keep-all = Оставить записи
slots-cancel-all-ask = Отменить { $count ->
        [one] { $count } запись
        [few] все { $count } записи
       *[other] все { $count } записей
    } на { $day }? Каждый получит уведомление с предложением выбрать другое время, окна будут сняты.
    Если хотите, напишите коротко причину (до { $limit } символов) — она попадёт в уведомление. Или нажмите «Отменить без причины».
slots-cancel-all-none = На этот день не осталось записей, которые можно отменить.
slots-cancelled-all = { $count ->
        [0] Отменять было нечего: предстоящих записей на этот день нет.
        [one] Отменена { $count } запись. Человек получит уведомление.
        [few] Отменены { $count } записи. Люди получат уведомления.
       *[other] Отменено { $count } записей. Люди получат уведомления.
    }
slots-kept-all = Записи остались в силе. Отменить любую можно позже в /today.

## Psychologists: the day

today-title = <b>Консультации: { $day }, { $weekday }</b>
today-empty = На этот день окон нет.
today-free = { $start }–{ $end } · свободно
today-booking = <b>{ $start }–{ $end }</b> · { $name } · { $status }
today-forgotten = (данные удалены)
today-status-booked = записан
today-status-cancelled = отменено
today-status-done = состоялась
today-status-no_show = не пришёл
today-note = 📝 Заметка: { $note }
today-btn-done = ✅ { $time }
today-btn-no-show = 🚫 { $time }
today-btn-note = 📝 { $time }
today-btn-cancel = ❌ Отменить консультацию { $time }
today-cancel-line = • { $start } — { $name }
today-cancel-ask = Отменить консультацию { $when } ({ $name })? Человек получит уведомление с предложением выбрать другое время.
    Если хотите, напишите коротко причину (до { $limit } символов) — она попадёт в уведомление. Или нажмите «Отменить без причины».
today-btn-cancel-no-reason = Отменить без причины
today-btn-cancel-keep = Не отменять
today-cancel-kept = Запись остаётся в силе.
today-cancelled = Консультация отменена, человек получит уведомление. Окно снова свободно.
today-cancelled-removed = Консультация отменена, человек получит уведомление. Окно снято: этот день у вас выходной.
today-marked-done = Отмечено: консультация состоялась.
today-marked-no_show = Отмечено: не пришёл.
today-ask-note = Напишите заметку (до { $limit } символов). Её видите только вы.
today-note-saved = Заметка сохранена.

## Staff report

consult-report-title = <b>Консультации психологов: { $first } — { $last }</b>
consult-report-total = Всего
consult-report-by-psychologist = <b>По психологам</b>
consult-report-by-topic = <b>По темам</b>
consult-report-counts = состоялось { $held }, не пришли { $noshow }, отменено { $cancelled } (психологом { $by_psychologist })
consult-report-empty = За период консультаций не было.
consult-report-col-held = Состоялось
consult-report-col-no-show = Не пришли
consult-report-col-cancelled = Отменено
consult-report-col-cancelled-by-psychologist = из них психологом
consult-report-col-booked = Предстоит
consult-report-chart-title = Консультации по темам
consult-report-bad-period = Не удалось понять период. Напишите, например: /consult_report 01.11.2026-30.11.2026
consult-btn-chart = 📊 Диаграмма
consult-btn-xlsx = 📄 XLSX
consult-btn-prev-month = ◀ Прошлый месяц
consult-report-sheet-psychologists = По психологам
consult-report-sheet-topics = По темам

# A slot's format and its place or call details, e.g. "In person: room 12".
consult-slot-place = { $kind }: { $place }
