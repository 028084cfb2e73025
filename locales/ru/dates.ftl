## Dates and times as people type them, and the reading shown back

date-reading = { $weekday }, { $date }, { $time } ({ $zone ->
    [MSK] МСК
   *[other] { $zone }
})
date-understood = Понял так: { $reading }. Верно?
date-which = Это можно понять по-разному. Что вы имели в виду?
date-btn-yes = Да, верно
date-btn-change = Изменить
date-weekday-0 = понедельник
date-weekday-1 = вторник
date-weekday-2 = среда
date-weekday-3 = четверг
date-weekday-4 = пятница
date-weekday-5 = суббота
date-weekday-6 = воскресенье
error-date-no-time = Укажите ещё и время, например: «25 декабря 15:00» или «в пятницу в 15:00».
error-date-dot-ambiguous = «{ $typed }» — это время или дата? Время напишите через двоеточие («12:01»), дату — вместе со временем («12.01 15:00» или «12 января 15:00»).
error-date-ambiguous = Это можно понять по-разному. Напишите дату числом, например «07.12 15:00».
error-date-unparseable = Не удалось понять дату и время. Напишите, например: «25 декабря 15:00», «в пятницу в 15:00» или «завтра с 10 до 11:30».
error-date-bad-date = Такой даты нет. Проверьте день и месяц.
error-date-bad-time = Такого времени нет. Часы — от 0 до 23, минуты — от 00 до 59.
error-date-past = Это время уже прошло. Укажите дату в будущем.
error-date-end-before-start = Окончание должно быть позже начала.
