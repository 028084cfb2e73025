## Staff broadcasts

menu-broadcast = 📣 Рассылка
cmd-broadcast = новая рассылка
cmd-broadcasts = рассылки и их итоги

broadcast-compose =
    Отправьте текст рассылки одним сообщением. Форматирование (жирный, курсив, ссылки) сохранится.
    Можно приложить фото или документ — тогда текст напишите подписью к нему.
    Чтобы выйти, отправьте /cancel.
expect-bc_compose = текст рассылки (можно с фото или документом).
expect-bc_audience = выбор получателей кнопками под сообщением выше.
expect-bc_time = дата и время отправки, например «25.12 10:00».

broadcast-audience =
    <b>Кому отправить?</b>
    Выбрано: { $summary }
    Получателей: { $count }

    Фильтры разных видов действуют вместе (например, «педагоги» и «СШ № 1»), несколько значений одного вида — любое из них.
broadcast-audience-everyone = все пользователи
broadcast-audience-sources = { $count ->
    [one] { $count } особый список
    [few] { $count } особых списка
    [many] { $count } особых списков
   *[other] { $count } особого списка
}
broadcast-category-low_results = ШНРО
broadcast-category-unfavourable = ШФНСУ
broadcast-filter-schools = 🏫 Школы{ $count ->
    [0] {""}
   *[other] {" "}({ $count })
}
broadcast-filter-subjects = 📚 Предметы{ $count ->
    [0] {""}
   *[other] {" "}({ $count })
}
broadcast-reset = 🔄 Всем (сбросить)
broadcast-to-preview = 👁 Предпросмотр
broadcast-cancel = ✖️ Отменить рассылку
broadcast-back = ◀️ Назад
broadcast-pick-schools = Отметьте школы, педагогам и родителям которых отправить рассылку.
broadcast-pick-subjects = Отметьте предметы: рассылку получат педагоги, которые их ведут.
broadcast-source-empty = Сейчас здесь не из чего выбрать.

broadcast-preview-title = Так рассылку увидят получатели:
broadcast-confirm = Получателей: { $count }. Отправить?
broadcast-quiet-now = Сейчас тихие часы: сообщения уйдут в { $time }.
broadcast-send-now = ✅ Отправить сейчас
broadcast-schedule = 🕒 Запланировать
broadcast-channel = Опубликовать и в канале центра
broadcast-edit-audience = ✏️ Изменить получателей
broadcast-cancelled = Рассылка отменена, ничего не отправлено.
broadcast-ask-time =
    Когда отправить? Напишите дату и время, например «25.12 10:00» или «завтра 9:30».
    Время — по часовому поясу { $zone }.
broadcast-launched = { $count ->
    [one] Рассылка запущена: { $count } получатель.
    [few] Рассылка запущена: { $count } получателя.
    [many] Рассылка запущена: { $count } получателей.
   *[other] Рассылка запущена: { $count } получателя.
}
broadcast-scheduled = Рассылка № { $id } запланирована на { $when }. Получателей: { $count }.
broadcast-stop = ⏹ Остановить
broadcast-stop-n = ⏹ Остановить № { $id }
broadcast-stopped-alert = Рассылка остановлена. Уже отправленные сообщения остаются у получателей.

broadcast-progress-running = 📣 Рассылка № { $id } идёт
broadcast-progress-scheduled = 🕒 Рассылка № { $id } запланирована
broadcast-progress-done = ✅ Рассылка № { $id } завершена
broadcast-progress-stopped = ⏹ Рассылка № { $id } остановлена
broadcast-progress-figures =
    Отправлено: { $sent } из { $total }
    Не доставлено: { $failed }
    Заблокировали бота: { $blocked }
    Осталось: { $left }
broadcast-progress-rate = Скорость: { $rate } сообщ./с
broadcast-progress-eta = До конца: { $minutes } мин { $seconds } с

broadcast-list-title = <b>Рассылки</b>
broadcast-list-newer = ◀️ Новее
broadcast-list-older = Старее ▶️
broadcast-list-page = Страница { $page } из { $pages }
broadcast-list-empty = Рассылок пока не было. Начать — /broadcast.
broadcast-list-line = № { $id } · { $state } { $when } · отправлено { $sent } из { $total }, не доставлено { $failed }, заблокировали { $blocked }, осталось { $left }
broadcast-state-scheduled = запланирована
broadcast-state-sending = идёт
broadcast-state-done = завершена
broadcast-state-cancelled = остановлена

error-broadcast-empty = Нужен текст рассылки. Если прикладываете фото или документ, напишите текст подписью к нему.
error-broadcast-too-long = Текст слишком длинный: не больше { $max } символов.
error-broadcast-nobody = Под выбранные фильтры никто не подходит. Измените получателей.
error-broadcast-time = Не удалось понять дату и время. Напишите, например: «25.12 10:00», «1 декабря в 9:30» или «завтра в 18:00».
error-broadcast-time-past = Это время уже прошло. Укажите время в будущем.
