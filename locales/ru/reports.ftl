## Reports and monitoring (/stats, /export)

menu-reports = 📊 Отчёты
cmd-stats = отчёты и показатели мониторинга
cmd-export = выгрузить отчёт в Excel или CSV

reports-period-range = { $first } – { $last }
reports-scope-network = вся сеть
reports-title = <b>📊 Отчёт за { $period }</b>
reports-title-school = <b>📊 Отчёт за { $period }</b>
    Школа: { $school }

reports-people-title = <b>Люди в боте</b> (сейчас)
reports-people-line = • { $role }: { $count }
reports-people-none = • пока никого
reports-schools-title = <b>По школам</b>
reports-school-line = • { $school }: { $teachers ->
    [one] { $teachers } педагог
    [few] { $teachers } педагога
   *[many] { $teachers } педагогов
    }, { $parents ->
    [one] { $parents } родитель
    [few] { $parents } родителя
   *[many] { $parents } родителей
    }
reports-schools-more = …и ещё { $count ->
    [one] { $count } школа
    [few] { $count } школы
   *[many] { $count } школ
    } — полный список в выгрузке.
reports-events-title = <b>Мероприятия</b>: проведено { $count }
reports-events-none = Мероприятий за этот период не было.
reports-count-line = • { $name }: { $count }
reports-by-type = По видам:
reports-by-topic = По направлениям:
reports-attendance-title = <b>Записи и посещаемость</b>
reports-attendance =
    Записей: { $registered }, в листе ожидания: { $waitlisted }
    Пришли: { $attended } из { $due } ({ $rate })
    Не пришли: { $no_shows }
reports-attendance-note = Посещаемость считается по прошедшим мероприятиям.
reports-feedback = Средняя оценка: { NUMBER($average, maximumFractionDigits: 1) } из 5 ({ $count ->
    [one] { $count } оценка
    [few] { $count } оценки
   *[many] { $count } оценок
    })
reports-feedback-none = Оценок за этот период пока нет.

reports-percent = { NUMBER($value, maximumFractionDigits: 1) } %
reports-no-share = —

reports-indicators-title = <b>📈 Показатели мониторинга за { $period }</b>
reports-indicators-school = Школа: { $school }
reports-indicator-head = <b>{ $name }</b>
reports-indicator-line = { $category }: { $share } ({ $numerator } из { $denominator })
reports-indicators-note = «—» — не из кого считать (знаменатель равен нулю).

reports-indicator-partner_schools = Доля школ-партнёров, вовлечённых в сетевые мероприятия
reports-indicator-teachers_participated = Доля педагогов, участвовавших хотя бы в одном сетевом мероприятии
reports-indicator-teachers_associations = Доля педагогов, участвовавших в методических объединениях
reports-indicator-teachers_diagnosed = Доля педагогов, прошедших диагностику затруднений
reports-indicator-risk_supported = Доля педагогов «группы риска», посетивших мероприятие по своему затруднению
reports-indicator-line-hidden = { $category }: скрыто (меньше 5 человек)
reports-indicator-mentoring_young = Наставничество: доля молодых специалистов (стаж до 3 лет) с наставником
reports-indicator-mentoring_risk = Наставничество: доля педагогов «группы риска» с наставником
reports-indicator-mentoring_started = Наставничество: пары, начатые за период (из всех начатых пар)
reports-indicator-mentoring_active = Наставничество: действующие пары (из всех начатых пар)
reports-indicator-mentoring_finished = Наставничество: пары, завершённые за период (из всех окончившихся за период)
reports-indicator-mentoring_ended_early = Наставничество: пары, завершённые досрочно (из всех окончившихся за период)
reports-indicator-mentoring_plan_done = Наставничество: выполнение планов развития (подтверждённые шаги из всех шагов)
reports-indicator-mentoring_met = Наставничество: пары, проводившие встречи в периоде (из работавших в периоде)
reports-indicator-mentoring_improved = Наставничество: темы, по которым затруднение снизилось (самооценка в конце против диагностики в начале)

reports-category-all = вся сеть
reports-category-low_results = ШНРО
reports-category-unfavourable = ШФНСУ
reports-category-own-school = школа
reports-category-other = остальные

reports-type-seminar = семинары
reports-type-master_class = мастер-классы
reports-type-webinar = вебинары
reports-type-workshop = практикумы
reports-type-methodological_association = методические объединения
reports-type-conference = конференции
reports-type-round_table = круглые столы
reports-type-open_lesson = открытые уроки

reports-format-in_person = очно
reports-format-online = онлайн
reports-format-hybrid = смешанный

reports-btn-prev = ◀️ Раньше
reports-btn-next = Позже ▶️
reports-btn-month = Месяц
reports-btn-quarter = Квартал
reports-btn-school_year = Учебный год
reports-btn-custom = 📅 Свои даты
reports-btn-dashboard = 📊 Сводка
reports-btn-indicators = 📈 Показатели
reports-btn-charts = 🖼 Графики
reports-btn-export = 📥 Выгрузка
reports-btn-xlsx = 📗 Excel (все листы)
reports-btn-csv-events = 📄 CSV: мероприятия
reports-btn-csv-participants = 📄 CSV: участники
reports-btn-csv-indicators = 📄 CSV: показатели
reports-btn-back = ◀️ Назад

reports-custom-ask =
    Напишите начало и конец периода в формате дд.мм.гггг–дд.мм.гггг.
    Например: 01.09.2026–31.12.2026
    Чтобы вернуться без изменений, отправьте /cancel.
expect-custom_period = две даты, например 01.09.2026–31.12.2026.

reports-export-choose = <b>📥 Выгрузка за { $period }</b>
    Excel-файл — все листы сразу, готов к печати. CSV открывается в Excel по-русски.
reports-preparing = ⏳ Готовлю отчёт за { $period }…
reports-preparing-data = ⏳ Собираю данные за { $period }…
reports-preparing-file = ⏳ Формирую файл: { $events ->
    [one] { $events } мероприятие
    [few] { $events } мероприятия
   *[many] { $events } мероприятий
    }, { $people ->
    [one] { $people } участник
    [few] { $people } участника
   *[many] { $people } участников
    }…
reports-preparing-elapsed = { $text } Прошло { $seconds } с.
reports-export-caption = Отчёт за { $period } ({ $scope }).
reports-export-failed = Не получилось подготовить отчёт. Попробуйте ещё раз чуть позже или выберите период короче.
reports-charts-preparing = ⏳ Рисую графики за { $period }…
reports-chart-caption-participation = Участие педагогов в сетевых мероприятиях по категориям школ, { $period }.
reports-chart-caption-attendance = Записи и посещаемость по месяцам.

reports-sheet-summary = Сводка
reports-sheet-events = Мероприятия
reports-sheet-participants = Участники и посещаемость
reports-sheet-indicators = Показатели

reports-xlsx-title = Отчёт о сетевой деятельности
reports-xlsx-period = Период
reports-xlsx-scope = Охват
reports-xlsx-generated = Сформирован
reports-xlsx-people-by-role = Люди в боте по ролям
reports-xlsx-schools = Школы
reports-xlsx-events-by-type = Мероприятия по видам
reports-xlsx-events-by-topic = Мероприятия по направлениям
reports-xlsx-attendance = Записи и посещаемость

reports-col-date = Дата и время
reports-col-title = Название
reports-col-type = Вид
reports-col-topic = Направление
reports-col-format = Формат
reports-col-capacity = Мест
reports-col-registered = Записались
reports-col-waitlisted = В листе ожидания
reports-col-attended = Пришли
reports-col-no-shows = Не пришли
reports-col-feedback = Средняя оценка
reports-col-feedback-count = Оценок
reports-col-person = ФИО
reports-col-school = Школа
reports-col-category = Категория школы
reports-col-associations = Посещено МО
reports-col-indicator = Показатель
reports-col-numerator = Числитель
reports-col-denominator = Знаменатель
reports-col-share = Доля
reports-col-teachers = Педагогов
reports-col-parents = Родителей
reports-col-events-held = Проведено мероприятий
reports-col-attendance-rate = Доля пришедших
reports-unlimited = без ограничений
reports-person-forgotten = (данные удалены по просьбе)
reports-no-school = школа не указана

reports-chart-participation-title = Педагоги, участвовавшие в мероприятиях
reports-chart-attendance-title = Записи и посещаемость по месяцам
reports-chart-registered = записались
reports-chart-attended = пришли
reports-chart-category-all = Вся сеть
reports-chart-category-low_results = ШНРО
reports-chart-category-unfavourable = ШФНСУ
reports-chart-category-other = Остальные

reports-month-jan = янв
reports-month-feb = фев
reports-month-mar = мар
reports-month-apr = апр
reports-month-may = май
reports-month-jun = июн
reports-month-jul = июл
reports-month-aug = авг
reports-month-sep = сен
reports-month-oct = окт
reports-month-nov = ноя
reports-month-dec = дек

reports-surveys-title = <b>Опросы</b>
reports-survey-line = • { $title }: ответили { $responded } из { $invited } ({ $rate })
reports-surveys-none = Опросов за этот период не было.

reports-sheet-surveys = Опросы
reports-sheet-difficulties = Затруднения педагогов
reports-btn-csv-surveys = 📄 CSV: опросы
reports-btn-csv-difficulties = 📄 CSV: затруднения
reports-col-survey = Опрос
reports-col-wave = Волна
reports-col-launched = Запущен
reports-col-closes = Закрывается
reports-col-invited = Приглашено
reports-col-responded = Ответили
reports-col-response-rate = Доля ответивших
reports-col-completed-in-period = Ответов за период
reports-col-answered = Ответов
reports-col-some = Есть затруднения
reports-col-serious = Серьёзные затруднения
reports-col-serious-share = Доля серьёзных

reports-chart-difficulties-title = Главные затруднения педагогов (диагностика)
reports-chart-some = есть затруднения
reports-chart-serious = серьёзные
reports-chart-caption-difficulties = Затруднения по диагностике за { $period }: доля ответивших «есть затруднения» и «серьёзные».

reports-consultations-title = <b>Консультации психологов</b>
reports-consultations = Проведено: { $held }, не пришли: { $no_show }, отменено: { $cancelled } (психологом { $by_psychologist }), записано (ещё впереди или без отметки): { $booked }
reports-consultations-none = Консультаций за этот период не было.
reports-sheet-consultations = Консультации
reports-btn-csv-consultations = 📄 CSV: консультации
reports-col-consult-topic = Тема обращения
reports-col-held = Проведено
reports-col-cancelled = Отменено
reports-col-cancelled-by-psychologist = Из них психологом
reports-col-booked = Записано
reports-total = Всего
reports-consult-topic-learning = учёба
reports-consult-topic-behaviour = поведение
reports-consult-topic-emotions = эмоциональное состояние
reports-consult-topic-peers = отношения со сверстниками
reports-consult-topic-family = семейные отношения
reports-consult-topic-exams = подготовка к экзаменам, стресс
reports-consult-topic-career = профориентация
reports-consult-topic-other = другое

reports-cli-done = Отчёт сохранён: { $path }. Мероприятий: { $events }, участников: { $people }.
reports-cli-bad-dates = Даты: { $problem }

error-report-period-bad = Эта кнопка устарела. Откройте отчёты заново: /stats.
error-report-dates-format = Не понял даты. Напишите, например: «01.09.2026–31.12.2026» или «с 1 сентября по 31 декабря».
error-report-dates-impossible = Такой даты нет в календаре. Проверьте день и месяц.
error-report-dates-order = Конец периода раньше начала. Напишите сначала начальную дату.
error-report-dates-too-long = Период слишком длинный: не больше { $years ->
    [one] { $years } года
   *[other] { $years } лет
    }.
error-report-no-school = Ваша роль координатора не привязана к школе. Попросите администратора указать школу.

reports-library-title = <b>Методическая копилка</b>
reports-library-added = Добавлено материалов: { $count }
reports-library-practices = Лучшие практики по школам: { $schools }
reports-library-categories = По категориям школ: { $categories }
reports-library-requested = Востребовано: «{ $title }» — открыли { $opened }, получили файл { $sent }
reports-library-category-low_results = ШНРО
reports-library-category-unfavourable = ШФНСУ
reports-library-category-other = другие школы
reports-sheet-library = Копилка
reports-btn-csv-library = 📄 CSV: методическая копилка
reports-col-library-what = Показатель
reports-col-library-name = Школа, категория или материал
reports-col-library-count = Количество (открытия)
reports-col-library-sent = Получили файл
reports-library-row-added = Добавлено материалов
reports-library-row-school = Лучшие практики школы
reports-library-row-category = Лучшие практики категории
reports-library-row-requested = Востребованный материал

## Mentoring meetings per month (/stats and the export's own sheet)
reports-meetings-title = <b>Наставничество: встречи в месяц на пару</b> (встречи / пары, работавшие в месяце)
reports-meetings-line = { $category }: { $rate } ({ $meetings } / { $pairs })
reports-meetings-line-hidden = { $category }: скрыто (меньше 5 пар)
reports-meetings-none = { $category }: —
reports-meetings-months = По месяцам (вся сеть): { $months }
reports-meetings-month = { $month } — { $rate }
reports-rate = { NUMBER($value, maximumFractionDigits: 1) }
reports-meetings-whole-period = за период
reports-sheet-mentoring-meetings = Встречи наставников
reports-btn-csv-mentoring_meetings = 📄 CSV: встречи наставников
reports-col-month = Месяц
reports-col-meetings = Встреч
reports-col-pair-months = Пар в месяце (пар·месяцев за период)
reports-col-meetings-per-pair = Встреч в месяц на пару
