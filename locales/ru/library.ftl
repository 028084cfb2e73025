## The library: materials, shared practices, inline sharing

menu-library = 📚 Методическая копилка
cmd-library = методическая копилка
cmd-share = поделиться материалом
cmd-review = материалы на проверке

library-home =
    <b>Методическая копилка</b>
    Материалы сети: планы уроков, презентации, видео, статьи, программы и лучшие практики.
    Выберите направление или найдите материал по словам.
library-search-button = 🔎 Поиск
library-submit-button = ➕ Поделиться материалом
library-mine-button = 🗂 Мои материалы
library-queue-button = 📝 На проверке
library-topics-button = ◀️ К направлениям
library-cancel-button = ✖️ Отмена
library-file-button = 📎 Получить файл
library-link-button = 🔗 Открыть ссылку
library-approve-button = ✅ Одобрить
library-decline-button = ❌ Отклонить
library-change-button = ✏️ Попросить доработать
library-revise-button = ✏️ Доработать
library-open-button = Открыть материал
library-link-instead-button = 🔗 Вместо файла — ссылка

library-topic-heading = Направление: { $topic }
library-search-heading = Поиск: «{ $query }»
library-list = <b>{ $heading }</b>
    Найдено: { $total }. Страница { $page } из { $pages }.
library-list-empty = <b>{ $heading }</b>
    Материалов пока нет. Попробуйте другое направление или другие слова.
library-search-ask = Напишите слова из названия или описания материала (например, «функциональная грамотность»).
expect-lib_query = слова для поиска материала.

library-card-title = <b>{ $title }</b>
library-card-meta = { $topic } · { $kind }
library-author = Автор: { $name }
library-author-school = Автор: { $name }, { $school }
library-author-withdrew = Автор отозвал своё имя
library-card-date = Добавлен: { $date }
library-card-description = { $text }
library-card-note = Комментарий методиста: { $note }
library-card-file-broken = ⚠️ Файл больше недоступен в Telegram — нужна замена.
library-status-pending = ⏳ На проверке у методиста
library-status-changes = ✏️ Методист просит доработать
library-status-approved = ✅ Опубликован
library-status-declined = ❌ Отклонён

library-kind-lesson_plan = план урока
library-kind-presentation = презентация
library-kind-video = видео
library-kind-article = статья
library-kind-programme = программа
library-kind-best_practice = лучшая практика
library-kind-event_material = материалы мероприятия

library-no-file = У этого материала нет файла — откройте ссылку.
library-file-gone = Файл больше недоступен в Telegram. Мы сообщили методистам, материал заменят.

library-submit-topic = К какому направлению относится материал?
library-submit-kind = Что это за материал?
library-submit-title = Напишите название материала (от 3 до 200 знаков).
library-submit-description = Коротко опишите материал: для кого он и чем полезен. Если описание не нужно, отправьте «-».
library-submit-file = Пришлите файл (документ, фото или видео до 20 МБ) или нажмите «Вместо файла — ссылка».
library-submit-link = Пришлите ссылку (начинается с https://).
expect-lib_topic = выбор направления кнопками под сообщением выше.
expect-lib_kind = выбор вида материала кнопками под сообщением выше.
expect-lib_title = название материала.
expect-lib_description = описание материала или «-».
expect-lib_file = файл материала (документ, фото или видео).
expect-lib_link = ссылка на материал (https://…).
expect-lib_note = комментарий для автора.
expect-lib_revise_title = новое название материала.
expect-lib_revise_description = новое описание материала или «-».
library-cancelled = Хорошо, ничего не сохранено.
library-added = Материал «{ $title }» добавлен в копилку.
library-submitted = Спасибо! Материал «{ $title }» отправлен методистам на проверку. Мы сообщим о решении.

library-error-no-file = Нужен файл (документ, фото или видео) или ссылка.
library-error-too-large = Файл больше { $limit } МБ. Сожмите его или пришлите ссылку.
library-error-file-type = Такой тип файла не принимается. Подойдут PDF, Word, PowerPoint, Excel, OpenDocument, TXT, ZIP, фото или видео.
library-error-title = Название должно быть от { $min } до { $max } знаков.
library-error-description = Описание не длиннее { $max } знаков.
library-error-link = Это не похоже на ссылку. Пришлите адрес, начинающийся с https://.
library-error-note = Напишите комментарий для автора одним сообщением.
library-error-not-found = Материал не найден.
library-error-already-reviewed = По этому материалу уже принято решение.

library-mine = <b>Мои материалы</b>
library-mine-empty = Вы ещё не делились материалами. Нажмите «Поделиться материалом» в /library.
library-queue = <b>Материалы на проверке</b>
library-queue-empty = Материалов на проверке нет.
library-item-line = • { $title } — { $status }

library-approved-alert = Материал опубликован, автор получит уведомление.
library-decline-ask = Напишите причину отказа — автор её увидит.
library-change-ask = Напишите, что нужно доработать — автор это увидит.
library-decided-declined = Материал «{ $title }» отклонён, автор получит причину.
library-decided-changes = Автор материала «{ $title }» получит просьбу доработать.

library-notice-approved = ✅ Ваш материал «{ $title }» одобрен и опубликован в методической копилке. Спасибо!
library-notice-declined = ❌ Ваш материал «{ $title }» не принят. Причина: { $note }
library-notice-changes = ✏️ Методист просит доработать материал «{ $title }»: { $note }

library-inline-event = 📅 <b>{ $title }</b>
    Мероприятие сети — подробности и запись в боте.
library-inline-material = 📚 <b>{ $title }</b>
    { $description }
library-inline-event-button = Подробнее и запись
library-inline-material-button = Открыть в боте
library-inline-event-hint = мероприятие сети
library-inline-material-hint = материал методической копилки

library-channel-post = 📢 Мероприятие: <b>{ $title }</b>
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
    { $seats ->
        [0] Мест нет — можно встать в лист ожидания.
       *[other] Свободных мест: { $seats }
    }
library-broadcast-button = 📣 Разослать через рассылку
library-broadcast-body = 📚 <b>{ $title }</b>
    { $description }
    Открыть в методической копилке: { $link }

library-event-materials = <b>Материалы мероприятия «{ $title }»</b>
library-event-materials-empty = У мероприятия «{ $title }» пока нет материалов.
library-event-add-button = ➕ Добавить материал
library-event-send-button = 📤 Отправить пришедшим
library-event-send-all-button = 📤 Отправить всем записавшимся
library-event-sent = { $count ->
    [0] Новых получателей нет: все уже получили эти материалы.
    [one] Материалы отправляются { $count } участнику.
   *[other] Материалы отправляются участникам: { $count }.
}
library-event-materials-notice = 📚 Материалы мероприятия «{ $title }» готовы — они в методической копилке.
library-event-materials-button = Открыть материалы
library-error-event-not-finished = Мероприятие ещё не закончилось: материалы отправляются после него.
library-error-event-no-materials = Сначала добавьте материалы мероприятия.
