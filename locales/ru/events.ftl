## Network events and registration

menu-events = 📅 Мероприятия
menu-my = 🗂 Мои записи
menu-new-event = ➕ Новое мероприятие

cmd-events = мероприятия сети
cmd-my = мои записи на мероприятия
cmd-checkin = отметиться на мероприятии по коду
cmd-new_event = создать мероприятие
cmd-event_drafts = черновики и предложения школ
cmd-participants = участники мероприятий
cmd-propose_event = предложить мероприятие от школы

events-type-seminar = семинар
events-type-master_class = мастер-класс
events-type-webinar = вебинар
events-type-workshop = практикум
events-type-methodological_association = методическое объединение
events-type-conference = конференция
events-type-round_table = круглый стол
events-type-open_lesson = открытый урок

events-format-in_person = очно
events-format-online = онлайн
events-format-hybrid = смешанный формат

events-audience-teachers = педагоги
events-audience-parents = родители
events-audience-everyone = все

events-status-draft = черновик
events-status-pending_approval = ждёт согласования
events-status-published = опубликовано
events-status-declined = отклонено
events-status-cancelled = отменено
events-status-finished = прошло

events-period-week = на этой неделе
events-period-month = в этом месяце

events-reg-registered = записан(а)
events-reg-waitlisted = лист ожидания
events-reg-offered = предложено место
events-reg-cancelled = отменено

events-mark-registered = ✅
events-mark-waitlisted = ⏳
events-mark-offered = 🎟
events-mark-cancelled = ✖️

events-score-1 = 1
events-score-2 = 2
events-score-3 = 3
events-score-4 = 4
events-score-5 = 5

## /events

events-list-empty = Ближайших мероприятий для вас пока нет. Загляните позже или сбросьте фильтры.
events-list-title = { $count ->
    [one] Найдено { $count } мероприятие
    [few] Найдено { $count } мероприятия
    [many] Найдено { $count } мероприятий
   *[other] Найдено { $count } мероприятия
} (страница { $page } из { $pages }). Нажмите на название, чтобы открыть.
events-list-item = 🗓 <b>{ $date }</b> · { $type }
    { $title }
    { $seats }
events-filter-type = Тип ▾
events-filter-topic = Направление ▾
events-filter-format = Формат ▾
events-filter-period = Когда ▾
events-filter-reset = ✖️ Сбросить фильтры
events-filter-any = Любое
events-filter-choose = Выберите значение фильтра:

events-seats-unlimited = Мест: без ограничений
events-seats-left = { $left ->
    [0] Свободных мест нет (всего { $capacity })
    [one] Осталось { $left } место из { $capacity }
    [few] Осталось { $left } места из { $capacity }
    [many] Осталось { $left } мест из { $capacity }
   *[other] Осталось { $left } места из { $capacity }
}

## The card

events-card-title = <b>{ $title }</b>
events-card-kind = { $type } · { $topic } · { $format }
events-when-same-day = { $date }, { $start }–{ $end }
events-when-span = с { $start } до { $end }
events-card-place = 📍 { $place }
events-card-link = 🔗 { $link }
events-card-link-hidden = 🔗 Ссылку на подключение получат записавшиеся.
events-card-deadline = Запись до { $deadline }
events-card-audience = Для кого: { $audience }
events-card-description = { $description }
events-card-status = Статус: { $status }
events-card-decline-reason = Причина отказа: { $reason }
events-card-waiting = { $count ->
    [one] В листе ожидания { $count } человек
    [few] В листе ожидания { $count } человека
    [many] В листе ожидания { $count } человек
   *[other] В листе ожидания { $count } человека
}
events-card-closed = Запись закрыта.
events-mine-registered = ✅ Вы записаны.
events-mine-waitlisted = ⏳ Вы в листе ожидания, ваше место в очереди: { $position }.
events-mine-offered = 🎟 Для вас освободилось место! Подтвердите до { $until }.

events-btn-register = ✅ Записаться
events-btn-join-waitlist = ⏳ Встать в лист ожидания
events-btn-cancel = ✖️ Отменить запись
events-btn-leave-waitlist = ✖️ Выйти из листа ожидания
events-btn-ics = 📆 Добавить в календарь
events-btn-certificate = 📜 Получить сертификат
events-btn-take-seat = ✅ Занять место
events-btn-decline-offer = ✖️ Отказаться
events-btn-will-come = 👍 Приду
events-btn-cannot-come = 🙅 Не смогу
events-btn-open = 📅 Открыть мероприятие
events-btn-register-link = ✅ Записаться в боте
events-btn-skip = Пропустить
events-btn-publish = 📢 Опубликовать
events-btn-decline = ✖️ Отклонить
events-btn-participants = 👥 Участники
events-btn-edit = ✏️ Изменить
events-btn-checkin = 🔢 Код отметки
events-btn-cancel-event = 🚫 Отменить мероприятие
events-btn-cancel-event-sure = 🚫 Да, отменить и сообщить участникам
events-btn-keep = Не отменять
events-btn-attendance = ✅ Отметить присутствие
events-btn-xlsx = 📊 Excel (XLSX)
events-btn-csv = 📄 CSV

## Registering

events-registered = ✅ Вы записаны на { QUOTED($title) }.
    🗓 { $when }
    Напомним заранее. Файл ниже добавит мероприятие в календарь.
events-already-registered = Вы уже записаны на { QUOTED($title) }.
    🗓 { $when }
events-waitlisted = Свободных мест нет — вы в листе ожидания на { QUOTED($title) }, ваше место в очереди: { $position }. Если место освободится, бот сразу предложит его вам.
events-already-waitlisted = Вы уже в листе ожидания на { QUOTED($title) }, ваше место в очереди: { $position }.
events-ics-caption = Откройте файл, чтобы добавить мероприятие в календарь телефона.
events-cancelled-mine = Запись отменена. Если передумаете — запишитесь снова через /events.
events-offer-declined = Хорошо, место передано следующему в очереди.
events-will-come-thanks = Спасибо! Ждём вас на { QUOTED($title) }.
events-deeplink-onboard = Чтобы записаться на мероприятие, сначала зарегистрируйтесь: отправьте /start.

## /my

events-my-empty = У вас нет ни предстоящих записей, ни прошедших мероприятий. Все мероприятия — в /events.
events-my-no-upcoming = Предстоящих записей нет. Все мероприятия — в /events.
events-my-title = { $count ->
    [one] У вас { $count } предстоящая запись:
    [few] У вас { $count } предстоящие записи:
    [many] У вас { $count } предстоящих записей:
   *[other] У вас { $count } предстоящей записи:
}

## Messages sent later

events-announcement = 📢 Новое мероприятие: <b>{ $title }</b>
    { $type ->
        [seminar] Семинар
        [master_class] Мастер-класс
        [webinar] Вебинар
        [workshop] Практикум
        [methodological_association] Методическое объединение
        [conference] Конференция
        [round_table] Круглый стол
        [open_lesson] Открытый урок
       *[other] Мероприятие
    }, { $starts_at }. { $place }
    Записаться: { $link }
events-reminder = ⏰ Напоминаем: { QUOTED($title) } — { $starts_at }. { $place }
events-reminder-last = ⏰ Скоро начало: { QUOTED($title) } — { $starts_at }. { $place }
    { $link }
events-offer = 🎟 Освободилось место на { QUOTED($title) } ({ $starts_at }). Оно закреплено за вами до { $until }. Займёте?
events-offer-expired = Время на подтверждение места на { QUOTED($title) } истекло, и его предложили следующему в очереди. Записаться снова можно через /events.
events-changed = ✏️ Изменения в мероприятии { QUOTED($title) }:
    { $summary }
    { $status ->
        [registered] Напоминания перенесены автоматически. Файл календаря обновит событие у вас в календаре.
        [offered] Место всё ещё закреплено за вами — подтвердите его кнопкой в предложении. Файл календаря — с новыми данными.
       *[other] Вы в листе ожидания; если место освободится, бот предложит его вам. Файл календаря — с новыми данными.
    }
events-cancelled-notice = 🚫 Мероприятие { QUOTED($title) } ({ $starts_at }) отменено. Просим прощения. Напоминаний больше не будет. Откройте файл, чтобы убрать событие из календаря.
events-feedback-ask = Спасибо, что были на { QUOTED($title) }! Оцените, пожалуйста, мероприятие от 1 до 5:
events-proposal-new = 📝 { $school } (координатор: { $coordinator }) предлагает мероприятие { QUOTED($title) } ({ $starts_at }). Откройте, чтобы опубликовать или отклонить.
events-proposal-approved = ✅ Ваше предложение { QUOTED($title) } одобрено и опубликовано.
events-proposal-declined = ✖️ Ваше предложение { QUOTED($title) } отклонено. Причина: { $reason }

## Feedback, check-in, certificates

events-feedback-thanks = Спасибо за оценку { $score }! Если хотите, напишите пару слов: что было полезно, чего не хватило. Или нажмите «Пропустить».
events-feedback-comment-text = Напишите отзыв текстом или нажмите «Пропустить».
events-feedback-done = Спасибо за отзыв!
events-checked-in = ✅ Вы отмечены на { QUOTED($title) }. Спасибо!
events-checkin-opened = Код отметки: <b>{ $code }</b>
    Покажите его участникам: они отправляют код боту (или /checkin { $code }). Код принимается с { $opens } до { $closes }.
events-cert-heading = СЕРТИФИКАТ
events-cert-given-to = подтверждает, что
events-cert-body = принял(а) участие в мероприятии ({ $type }) { QUOTED($title) }, { $date }, в объёме { $hours ->
    [one] { $hours } часа
   *[other] { $hours } часов
}.
events-cert-caption = 📜 Сертификат участника: { QUOTED($title) }

## Staff

events-participants-choose = Выберите мероприятие:
events-participants-title = <b>{ $title }</b>
    { $count ->
        [one] Записан { $count } участник:
        [few] Записаны { $count } участника:
        [many] Записаны { $count } участников:
       *[other] Записаны { $count } участника:
    }
events-participants-offered = { $count ->
    [one] Место предложено { $count } человеку:
   *[other] Место предложено { $count } людям:
}
events-participants-waiting = { $count ->
    [one] Лист ожидания ({ $count } человек):
    [few] Лист ожидания ({ $count } человека):
    [many] Лист ожидания ({ $count } человек):
   *[other] Лист ожидания ({ $count } человека):
}
events-attendance-title = Отметьте присутствующих на { QUOTED($title) } — нажимайте на фамилии:
events-pending-empty = Черновиков и предложений нет.
events-cancel-event-ask = Отменить мероприятие? Все записавшиеся получат сообщение, напоминания будут отменены.
events-cancel-event-done = { $count ->
    [0] Мероприятие отменено. Записавшихся не было.
    [one] Мероприятие отменено, { $count } участник получит сообщение.
    [few] Мероприятие отменено, { $count } участника получат сообщение.
   *[other] Мероприятие отменено, { $count } участников получат сообщение.
}
events-decline-ask = Напишите причину отказа — её увидит координатор школы.
events-declined-done = Предложение отклонено, координатор получит сообщение.
events-edit-choose = Что изменить?
events-edit-title = Название
events-edit-when = Дата и время
events-edit-place = Место
events-edit-link = Ссылка
events-edit-capacity = Число мест
events-edit-deadline = Срок записи
events-edit-description = Описание
events-edit-ask-title = Введите новое название.
events-edit-ask-when = Введите новую дату и время, например «25.12 15:00-16:30».
events-edit-ask-place = Введите новое место проведения.
events-edit-ask-link = Отправьте новую ссылку (начинается с https://).
events-edit-ask-capacity = Введите число мест или «без ограничений».
events-edit-ask-deadline = До какого времени принимать записи? Например «24.12 18:00».
events-edit-ask-description = Отправьте новое описание.
events-edit-nothing = Ничего не изменилось.
events-edit-done = { $count ->
    [one] Сохранено { $count } изменение. Участники получат сообщение.
    [few] Сохранено { $count } изменения. Участники получат сообщение.
   *[other] Сохранено { $count } изменений. Участники получат сообщение.
}

## The wizard

events-wiz-title = Новое мероприятие. Шаг 1: как оно называется? (/cancel — выйти)
events-wiz-type = Выберите тип мероприятия:
events-wiz-topic = Выберите направление:
events-wiz-format = Формат проведения:
events-wiz-start = Когда начало? Например: «25 декабря 15:00», «в пятницу в 15:00» или сразу с концом: «завтра с 15 до 16:30».
events-wiz-end = Когда окончание? Например «16:30» (в тот же день) или «26.12 12:00».
events-wiz-place = Где проходит? Адрес и кабинет.
events-wiz-link = Ссылка для подключения (начинается с https://). Её увидят только записавшиеся.
events-wiz-capacity = Сколько мест? Введите число или нажмите «Без ограничений».
events-wiz-deadline = До какого времени принимать записи? Например «24.12 18:00». Или «Пропустить» — до начала.
events-wiz-audience = Для кого мероприятие?
events-wiz-subjects = Только для педагогов некоторых предметов? Отметьте предметы или нажмите «Готово» — для всех.
events-wiz-description = Коротко опишите мероприятие (или «Пропустить»).
events-wiz-preview = Проверьте, всё ли верно:
events-wiz-back = ◀️ Назад
events-wiz-skip = Пропустить
events-wiz-unlimited = Без ограничений
events-wiz-subjects-done = Готово
events-wiz-publish = 📢 Опубликовать и разослать
events-wiz-draft = 💾 Сохранить черновик
events-wiz-propose = 📝 Отправить на согласование
events-wiz-try-again = Попробуйте ещё раз или нажмите «Назад».
events-wiz-use-buttons = Выберите вариант кнопкой выше.
events-wiz-published = 📢 Мероприятие опубликовано, приглашения уйдут участникам. Ссылка для записи: { $link }
events-wiz-saved = 💾 Черновик сохранён. Опубликовать можно из /event_drafts.
events-wiz-proposed = 📝 Предложение отправлено методистам. Мы сообщим о решении.

## Export

events-export-sheet = Участники
events-export-col-number = №
events-export-col-name = ФИО
events-export-col-school = Школа
events-export-col-status = Статус
events-export-col-position = Место в очереди
events-export-col-registered = Записан(а)
events-export-col-attended = Присутствовал(а)
events-export-col-score = Оценка
events-export-yes = да

## Errors

error-event-title-empty = Название не может быть пустым.
error-event-title-too-long = Название слишком длинное: не больше { $max } символов.
error-event-place-empty = Укажите место проведения.
error-event-place-too-long = Слишком длинно: не больше { $max } символов.
error-event-link = Нужна ссылка, начинающаяся с https://, без пробелов.
error-event-capacity = Число мест — целое число от 1 до 10000, или «без ограничений».
error-event-capacity-below-taken = Уже занято { $taken } мест: меньше сделать нельзя.
error-event-deadline = Срок записи должен быть в будущем и не позже начала мероприятия.
error-event-description-too-long = Описание слишком длинное: не больше { $max } символов.
error-event-reason-empty = Напишите причину.
error-event-reason-too-long = Слишком длинно: не больше { $max } символов.
error-event-comment-empty = Отзыв пустой. Напишите текст или нажмите «Пропустить».
error-event-comment-too-long = Слишком длинно: не больше { $max } символов.
error-event-not-found = Мероприятие не найдено. Возможно, его отменили. Список — в /events.
error-event-not-for-you = Это мероприятие для другой аудитории.
error-event-not-draft = Это мероприятие уже опубликовано или закрыто.
error-event-closed = Мероприятие уже прошло или отменено.
error-event-registration-closed = Запись на это мероприятие закрыта.
error-event-deadline-passed = Срок записи истёк.
error-event-not-registered = Вы не записаны на это мероприятие.
error-event-started = Мероприятие уже началось — отменить запись нельзя.
error-event-offer-expired = Предложение места уже не действует. Записаться снова можно через /events.
error-event-checkin-code = Код не подошёл. Проверьте цифры — код из шести цифр показывают на мероприятии.
error-event-checkin-not-yet = Отметка на { QUOTED($title) } ещё не открыта: она откроется { $opens }. Отправьте код ещё раз в это время.
error-event-checkin-closed = Отметка на { QUOTED($title) } закрылась { $closed }. Если вы были на мероприятии, скажите организатору — он отметит вас в списке.
error-event-checkin-over = Отметка закрылась { $closed }. Присутствие можно поправить в списке участников.
error-event-attendance-not-yet = Отмечать присутствие можно с { $opens }.
error-event-attendance-closed = Срок исправлений прошёл: отметки можно было менять до { $until }.
error-event-certificate-not-yet = Сертификат будет готов после окончания мероприятия ({ $ends }).
error-event-checkin-not-registered = Вы не записаны на { QUOTED($title) }, поэтому отметиться нельзя. Подойдите к организатору.
error-event-attendees-only = Это доступно только участникам, которые были на мероприятии.
error-event-certificate-name = Чтобы выписать сертификат, укажите ФИО в /profile.
error-event-title = Проверьте название.
error-event-place = Проверьте место проведения.
error-event-reason = Проверьте причину.
error-event-comment = Проверьте текст отзыва.
error-event-school-unknown = Одна из выбранных школ не найдена в справочнике. Выберите школы заново.
events-wiz-schools = Только для некоторых школ? Отметьте школы или нажмите «Готово» — для всех.

## An event's phases, /my past, certificates

events-phase-upcoming = 🗓 Скоро
events-phase-today = 📍 Сегодня
events-phase-running = 🟢 Идёт сейчас
events-phase-finished = ✔️ Завершилось
events-card-proposed-by = 🏫 Предложение школы: { $by }
events-certificate-ready = 📜 Ваш сертификат участника { QUOTED($title) } готов. Нажмите кнопку — бот пришлёт PDF.
events-my-past-title = { $count ->
    [one] Прошедшее мероприятие:
   *[other] Прошедшие мероприятия (последние { $count }):
}
events-my-past-pages = Прошедшие мероприятия: { $count } (страница { $page } из { $pages }), сначала недавние:
events-my-newer = ◀️ Недавние
events-my-older = Раньше ▶️
events-my-past-item = 🗓 <b>{ $date }</b> · { $title }
    { $state }
events-my-attended = ✅ вы были
events-my-absent = ▫️ присутствие не отмечено, сертификата нет
events-my-rated = ваша оценка { $score }
events-my-not-rated = ждём вашу оценку (кнопка ⭐ ниже)
events-my-rate = ⭐ Оценить: { $title }
events-my-certificate = 📜 Сертификат: { $title }

## Cancelling one's own registration

events-cancel-ask-seat-next = Отменить запись на { QUOTED($title) }? Ваше место сразу предложат первому из листа ожидания ({ $waiting } чел.), вернуть его будет нельзя.
events-cancel-ask-seat-free = Отменить запись на { QUOTED($title) }? Ваше место освободится, и его сможет занять любой желающий.
events-cancel-ask-waitlist = Выйти из листа ожидания на { QUOTED($title) }? Ваше место в очереди ({ $position }) перейдёт следующим.
events-btn-cancel-sure = ✖️ Да, отменить запись
events-btn-leave-waitlist-sure = ✖️ Да, выйти из очереди
events-btn-keep-registration = Оставить как есть

## Staff lists and the summary

events-staff-scope-upcoming = Предстоящие
events-staff-scope-today = Сегодня
events-staff-scope-past = Прошедшие
events-staff-past-month = Прошедшие за { $month }
events-staff-title = { $scope }: { $count } (страница { $page } из { $pages }). Выберите мероприятие — списки, отметки, выгрузки и итоги:
events-staff-empty = { $scope }: мероприятий нет. Переключите вкладку ниже.
events-pending-title = Черновики и предложения: { $count } (страница { $page } из { $pages }). Нажмите, чтобы открыть.
events-pending-item = 🗓 <b>{ $date }</b> · { $status }
    { $title }
events-summary = 📊 <b>Итоги</b>: записано { $registered }, пришли { $attended }, не пришли { $no_shows }, в листе ожидания оставалось { $waiting }. Средняя оценка: { $score }, отзывов: { $comments }.

## What each step of the wizard wants (for a sticker, a photo or a misplaced text)

events-wiz-hint-title = Нужен текст: напишите название мероприятия обычным сообщением.
events-wiz-hint-type = Выберите тип мероприятия кнопкой выше (семинар, мастер-класс…).
events-wiz-hint-topic = Выберите направление кнопкой выше.
events-wiz-hint-format = Выберите формат кнопкой выше: очно, онлайн или смешанный.
events-wiz-hint-start = Напишите дату и время начала текстом, например «25.12 15:00».
events-wiz-hint-end = Напишите время окончания текстом, например «16:30».
events-wiz-hint-place = Напишите адрес и кабинет текстом.
events-wiz-hint-link = Отправьте ссылку текстом; она начинается с https://.
events-wiz-hint-capacity = Напишите число мест цифрами или нажмите «Без ограничений».
events-wiz-hint-deadline = Напишите, до какого времени принимать записи, например «24.12 18:00», или нажмите «Пропустить».
events-wiz-hint-audience = Выберите кнопкой выше, для кого мероприятие.
events-wiz-hint-subjects = Отметьте предметы кнопками выше и нажмите «Готово».
events-wiz-hint-schools = Отметьте школы кнопками выше и нажмите «Готово».
events-wiz-hint-description = Напишите описание текстом или нажмите «Пропустить».
events-wiz-hint-preview = Проверьте карточку и нажмите «Опубликовать», «Сохранить черновик» или «Назад».
events-hint-edit-value = Нужен текст: напишите новое значение обычным сообщением (или /cancel).
events-hint-decline-reason = Напишите причину отказа текстом (или /cancel).
events-guest-hint = Чтобы записаться, познакомьтесь с ботом: отправьте /start — после знакомства я верну вас к этому мероприятию.
events-btn-materials = 📚 Материалы мероприятия
