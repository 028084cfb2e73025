## Mentoring (наставничество): /mentoring for teachers (mentors and mentees), methodists,
## coordinators and admins.

menu-mentoring = 🤝 Наставничество
cmd-mentoring = наставничество: пары, план, встречи

## Vocabularies

mentoring-form-individual = индивидуальное наставничество («педагог — педагог»)
mentoring-form-group = групповое наставничество
mentoring-status-requested = запрос, наставник ещё не подобран
mentoring-status-proposed = ждём согласия
mentoring-status-active = идёт
mentoring-status-finished = завершено
mentoring-status-ended_early = завершено досрочно
mentoring-status-declined = отклонено
mentoring-side-mentor = вы наставник
mentoring-side-mentee = вы наставляемый
mentoring-reason-young = молодой специалист (стаж до 3 лет)
mentoring-reason-difficulty = серьёзное затруднение по итогам диагностики
mentoring-format-in_person = очно
mentoring-format-online = онлайн
mentoring-format-lesson_visit = посещение урока
mentoring-format-open_lesson = открытый урок
mentoring-level-none = Затруднений нет
mentoring-level-some = Есть затруднения
mentoring-level-serious = Серьёзные затруднения
mentoring-step-open_lesson = Посетить открытый урок наставника
mentoring-step-lesson_visit = Наставник посещает урок наставляемого
mentoring-step-lesson_plan = Вместе подготовить план урока
mentoring-step-network_event = Принять участие в сетевом мероприятии
mentoring-step-self_assessment = Самооценка по темам плана
mentoring-step-custom = Шаг плана
mentoring-step-on-topic = { $step } — тема: { $topic }

## Home and card

mentoring-home-empty = У вас пока нет наставничества.
mentoring-home-staff = <b>🤝 Наставничество</b>
    Подберите наставника педагогу или откройте действующие пары.
mentoring-home-title = <b>🤝 Наставничество</b>
mentoring-pair-line = • { $role }: { $name } — { $status }, план { $done } из { $total }
mentoring-pair-names = { $mentor } → { $mentee }
mentoring-ask-hint = Вы можете попросить наставника: запрос получат методисты.
mentoring-card-title = <b>🤝 { $form }</b>
mentoring-card-mentor = Наставник: { $name }
mentoring-card-mentee = Наставляемый: { $name }
mentoring-card-status = Статус: { $status }
mentoring-card-goals = Цели (темы затруднений): { $topics }
mentoring-card-declined = Причина отказа: { $reason }
mentoring-card-ended-early = Причина досрочного завершения: { $reason }
mentoring-card-progress = План: выполнено { $done } из { $total }
mentoring-card-next-step = Следующий шаг: { $step } — до { $due }
mentoring-card-last-meeting = Последняя встреча: { $date }, { $format }
mentoring-card-next-meeting = Следующая встреча: { $date }, { $format }
mentoring-card-hand-over = 🔁 Передача наставничества: когда новый наставник согласится, пара продолжится с ним, план и встречи сохранятся.
mentoring-card-conclusion = Заключение наставника: { $text }
mentoring-my-title = <b>🤝 Наставничество</b>
mentoring-my-as-mentee = • Ваш наставник: { $name } — { $status }
mentoring-my-as-mentor = • Вы наставник: { $name } — { $status }
mentoring-my-requested = • Вы попросили наставника: методисты подбирают его
mentoring-my-progress = { "  " }План: выполнено { $done } из { $total }
mentoring-my-next-step = { "  " }Следующий шаг: { $step } — до { $due }
mentoring-my-next-meeting = { "  " }Следующая встреча: { $date }, { $format }
mentoring-my-no-meeting-last = { "  " }Следующая встреча не назначена (последняя — { $date })
mentoring-my-no-meeting = { "  " }Встреч пока не было и не назначено
mentoring-my-more = …и ещё { $count } — в /mentoring
mentoring-my-open = План, встречи и всё остальное — /mentoring

## Plan and meetings

mentoring-plan-title = <b>📋 Индивидуальный план развития</b> (подтверждено { $done } из { $total })
mentoring-plan-step = { $mark } { $position }. { $step } — до { $due }
mentoring-plan-legend = ▫️ не выполнено · ☑️ отмечено наставляемым · ✅ подтверждено наставником
mentoring-meetings-title = <b>Встречи ({ $count })</b>
mentoring-meeting-line = • { $date }, { $format } { $extra }
mentoring-meeting-group = (встреча группы)
mentoring-meeting-planned = (запланирована)
mentoring-step-marked = Шаг отмечен выполненным. Наставник подтвердит его.
mentoring-step-confirmed = Шаг подтверждён.
mentoring-step-already = Это уже отмечено.
mentoring-step-removed = Шаг удалён из плана.
mentoring-step-title-ask = Напишите новый шаг плана (до 300 знаков). Отмена — /cancel.
mentoring-step-due-ask = До какого дня? Например: 15.12, «через неделю», «25 декабря». Отмена — /cancel.
mentoring-step-added = Шаг добавлен в план, напоминания придут наставляемому.
mentoring-step-moved = Срок шага изменён.
mentoring-step-reminder = ⏰ Напоминание по плану наставничества, срок шага — { $due }:
mentoring-step-custom-title = { $title }
mentoring-meet-day-ask = Когда прошла встреча? Например: сегодня, вчера, 20.11. Отмена — /cancel.
mentoring-meet-format-ask = Формат встречи:
mentoring-meet-note-ask = Коротко о встрече (до 1000 знаков) — заметку увидят только ваша пара, ответственный методист и администраторы. Или без заметки:
mentoring-meet-saved = Встреча записана.
mentoring-meet-planned = Встреча запланирована: она появится в /my и в карточке пары.
mentoring-meet-ahead-ask = Когда будет встреча? Например: завтра, 05.12, «через неделю» (не дальше 60 дней). Отмена — /cancel.
mentoring-meet-note-ask-group = Коротко о встрече (до 1000 знаков) — заметку увидят участники группы, ответственный методист и администраторы. Или без заметки:
mentoring-meet-saved-group = Встреча группы записана: каждый участник увидит её в своём плане.
## Finding a mentor and agreeing

mentoring-btn-find = 🔎 Подобрать наставника
mentoring-btn-pairs = 👥 Пары
mentoring-find-empty = Нет педагогов, которым сейчас нужен наставник (молодых специалистов и «группы риска» без наставника).
mentoring-find-title = <b>Кому нужен наставник</b> (сначала — запросы самих педагогов):
mentoring-find-request = 📨 { $name }, { $school } — запрос: { $reason }
mentoring-find-line = • { $name }, { $school } — { $reason }
mentoring-suggest-empty = Подходящих наставников со свободными местами нет.
mentoring-suggest-title = <b>Предлагаемые наставники</b> (лучшие — первыми):
mentoring-suggest-line = { $number }. { $name }, { $school }; { $subjects }; стаж { $experience } — { $why }; наставляемых: { $load } из { $limit }
mentoring-why-subject = тот же предмет
mentoring-why-experience = стаж 10+ лет
mentoring-why-clear = нет затруднений по темам наставляемого
mentoring-why-school = ведущая/партнёрская школа
mentoring-btn-propose = { $number }. { $name }
mentoring-btn-propose-group = { $number }. в группу
mentoring-proposed = Наставнику отправлено приглашение. Пара начнётся, когда согласятся оба.
mentoring-pairs-title = <b>Пары ({ $count })</b>
mentoring-pairs-empty = Действующих и ожидающих пар нет.
mentoring-btn-ask = 🙋 Попросить наставника
mentoring-btn-ask-yes = Да, отправить запрос
mentoring-ask-confirm = Отправить методистам запрос на наставника? Причина: { $reason }.
mentoring-asked = Запрос отправлен методистам. Когда наставник согласится, вы получите сообщение.
mentoring-btn-accept = ✅ Согласен(на)
mentoring-btn-decline = ✖️ Отказаться
mentoring-accepted = Согласие записано. Ждём вторую сторону.
mentoring-started = Наставничество началось: план развития составлен.
mentoring-decline-ask = Напишите коротко причину отказа (от 3 до 300 знаков). Отмена — /cancel.
mentoring-declined = Отказ записан, другая сторона и методист узнают о нём.

## Buttons

mentoring-btn-pair = Пара № { $number }
mentoring-btn-home = ⬅️ К наставничеству
mentoring-btn-back = ⬅️ Назад
mentoring-btn-open = 🤝 Открыть
mentoring-btn-plan = 📋 План
mentoring-btn-meet = 🗓 Записать встречу
mentoring-btn-done = ☑️ Выполнено: { $step }
mentoring-btn-confirm = ✅ { $step }
mentoring-btn-move = 📅 Срок
mentoring-btn-remove = 🗑
mentoring-btn-add-step = ➕ Добавить шаг
mentoring-btn-no-note = Без заметки
mentoring-btn-finish = 🏁 Завершить
mentoring-btn-end-early = ⏹ Досрочно
mentoring-btn-assess = 📝 Самооценка
mentoring-btn-conclude = 📝 Заключение
mentoring-btn-thanks = 📄 Благодарственное письмо
mentoring-btn-certificate = 📄 Сертификат

## The end

mentoring-finished = Наставничество завершено.
mentoring-end-reason-ask = Причина досрочного завершения (от 3 до 300 знаков)? Отмена — /cancel.
mentoring-ended-early = Наставничество завершено досрочно.
mentoring-assess-ask = Оцените, насколько вам трудно сейчас по каждой теме плана (шкала диагностики):
mentoring-assess-saved = Оценка сохранена.
mentoring-conclusion-ask = Напишите короткое заключение наставника (до 1000 знаков). Отмена — /cancel.
mentoring-conclusion-saved = Заключение сохранено.
mentoring-paper-caption = Документ о наставничестве.
mentoring-pdf-centre = Муниципальный методический центр
mentoring-pdf-thanks-heading = Благодарственное письмо
mentoring-pdf-thanks-body = за наставничество в период { $period } по темам: { $topics }.
mentoring-pdf-certificate-heading = Сертификат
mentoring-pdf-certificate-body = о прохождении программы наставничества в период { $period } по темам: { $topics }.

## Notices (sent by the bot)

mentoring-notice-request = 📨 Педагог просит наставника. Откройте, чтобы подобрать.
mentoring-notice-asked-mentor = 🤝 Вам предлагают стать наставником. Откройте, чтобы согласиться или отказаться.
mentoring-notice-asked-mentee = 🤝 Вам предлагают наставника. Откройте, чтобы согласиться или отказаться.
mentoring-notice-declined-mentor = Наставник отказался от наставничества. Откройте, чтобы узнать причину.
mentoring-notice-declined-mentee = Наставляемый отказался от наставничества. Откройте, чтобы узнать причину.
mentoring-notice-started = 🤝 Наставничество началось: откройте план развития.
mentoring-notice-ended-mentee = 🏁 Наставничество завершено. Оцените, пожалуйста, свои затруднения по темам плана.
mentoring-notice-ended-mentor = 🏁 Наставничество завершено. Напишите, пожалуйста, короткое заключение.

## Errors

mentoring-error-not-found = Наставничество не найдено. Откройте /mentoring.
mentoring-error-not-yours = Это наставничество вам недоступно.
mentoring-error-staff-only = Это доступно методистам, координаторам и администраторам.
mentoring-error-already = У педагога уже есть наставничество или запрос.
mentoring-error-cannot-ask = Попросить наставника могут молодые специалисты (стаж до 3 лет) и педагоги с серьёзным затруднением по итогам диагностики.
mentoring-error-full = У этого наставника уже нет свободных мест. Выберите другого.
mentoring-error-self = Нельзя стать наставником самому себе.
mentoring-error-not-teacher = Наставником может быть только педагог.
mentoring-error-decided = Решение по этому наставничеству уже принято.
mentoring-error-reason = Причина — от 3 до 300 знаков. Напишите ещё раз или /cancel.
mentoring-error-conclusion = Заключение — от 3 до 1000 знаков. Напишите ещё раз или /cancel.
mentoring-error-not-active = Наставничество сейчас не идёт. Откройте /mentoring.
mentoring-error-not-ended = Это можно сделать после завершения наставничества.
mentoring-error-not-finished = Документ выдаётся после успешного завершения наставничества.
mentoring-error-step-title = Шаг — от 1 до 300 знаков. Напишите ещё раз или /cancel.
mentoring-error-due-past = Срок должен быть в будущем. Напишите другой день или /cancel.
mentoring-error-meeting-far = Встречу можно запланировать не дальше чем на 60 дней вперёд. Напишите другой день или /cancel.
mentoring-error-same-mentor = Это и есть нынешний наставник пары. Выберите другого.
mentoring-error-hand-over-pending = Передача этой пары уже ждёт ответа наставника.
mentoring-error-group-closed = В этой группе никто больше не занимается: добавить в неё нельзя.
mentoring-error-note-long = Заметка — до 1000 знаков. Сократите её или /cancel.
mentoring-error-topic = Этой темы нет в плане.

## Groups

mentoring-btn-group = 👥 Группа № { $number }
mentoring-btn-group-meet = 🗓 Встреча группы
mentoring-btn-group-add = ➕ Добавить наставляемого
mentoring-group-title = <b>👥 Группа № { $number }</b>
mentoring-group-members = Наставляемых сейчас: { $count }
mentoring-group-member = • { $name } — { $status }, план { $done } из { $total }
mentoring-group-next-step = { "  " }следующий шаг: { $step } — до { $due }
mentoring-group-meetings = <b>Встречи группы ({ $count })</b>
mentoring-group-add-title = <b>Кого добавить в группу</b> — наставник и педагог получат приглашение и должны согласиться.
mentoring-proposed-group = Приглашение в группу отправлено наставнику и педагогу. Педагог войдёт в группу, когда согласятся оба.
mentoring-notice-group-meeting = 🗓 Наставник записал встречу группы. Откройте план, чтобы её увидеть.

## Another mentor

mentoring-btn-reassign = 🔁 Другой наставник
mentoring-btn-hand-over = 🔁 { $number }. { $name }
mentoring-btn-replace = ⏹ { $number }. заново
mentoring-btn-meet-ahead = 📅 Запланировать встречу
mentoring-reassign-title = <b>Другой наставник</b> для: { $mentee } (сейчас — { $mentor })
mentoring-reassign-legend = 🔁 — передать пару: новый наставник продолжит тот же план, когда согласится; до тех пор пара идёт как шла.
    ⏹ — завершить пару досрочно (напишете причину) и предложить новую: с новым планом, согласиться должны наставник и педагог.
mentoring-hand-over-sent = Новому наставнику отправлено приглашение. Пара идёт с прежним наставником, пока новый не согласится.
mentoring-replace-reason-ask = Причина досрочного завершения нынешней пары (от 3 до 300 знаков)? Отмена — /cancel.
mentoring-replaced = Пара завершена досрочно. Новому наставнику и педагогу отправлены приглашения.
mentoring-handed-over = Вы приняли наставничество: план и встречи пары сохранены.
mentoring-notice-hand-over-asked = 🔁 Вам предлагают продолжить наставничество вместо прежнего наставника (план сохранится). Откройте, чтобы согласиться или отказаться.
mentoring-notice-hand-over-mentee = 🔁 Вам предложили другого наставника. Когда он согласится, ваш план продолжится с ним.
mentoring-notice-handed-over-old = 🔁 Ваш наставляемый перешёл к другому наставнику. Спасибо за вашу работу!
mentoring-notice-hand-over-declined = Наставник не принял передачу пары: наставничество продолжается с прежним наставником. Откройте, чтобы узнать причину.
mentoring-notice-handed-over = 🔁 Наставничество продолжается с новым наставником: план и встречи сохранены.
