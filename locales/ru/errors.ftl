## Errors every feature may raise

error-generic = Не получилось выполнить действие. Попробуйте ещё раз.
error-unexpected = Что-то пошло не так на нашей стороне. Мы уже знаем об ошибке. Попробуйте ещё раз чуть позже или отправьте /menu.
error-unavailable = Сейчас не получается обратиться к базе данных — это временно. Ничего не сохранено и не изменено, попробуйте ещё раз через минуту.
error-access-denied = У вас нет прав на это действие. Если они нужны вам для работы, попросите администратора центра выдать роль (ваш Telegram ID — в /profile).
error-not-found = Не нашёл этого — возможно, запись уже удалена.
error-invalid-input = Не понял ввод. Попробуйте ещё раз или отправьте /cancel.
error-conflict = Это действие сейчас невозможно.
error-needs-onboarding = Сначала давайте познакомимся: отправьте /start.
error-stale-button = Эта кнопка устарела. Откройте раздел заново через меню.
error-name-empty = Пустой текст. Напишите, пожалуйста, словами.
error-name-too-long = Слишком длинно: не больше { $max } символов.
error-name-letters = В имени должны быть буквы.
error-subjects-empty = Отметьте хотя бы один предмет.
error-grade-range = Класс — число от 1 до 11.
error-search-too-short = Напишите хотя бы две буквы имени или Telegram ID.
error-coordinator-needs-school = Для координатора нужно выбрать школу.
error-revoke-own-admin = Нельзя снять роль администратора с самого себя.
error-school-exists = Школа с таким названием уже есть.
error-file-too-big = Файл слишком большой: не больше { $max_kb } КБ.
error-csv-empty = Файл пустой.
error-csv-encoding = Не удалось прочитать файл: сохраните его в UTF-8 или Windows-1251.
error-csv-header = В первой строке нет столбца name. Нужные столбцы: { $columns }.
error-csv-row-no-name = нет названия школы.
error-csv-row-too-long = слишком длинное значение в столбце { $column }.
error-csv-row-duplicate = эта школа уже встречалась выше в файле.
error-csv-row-flag = в столбце { $column } значение «{ $value }», а нужно «да» или «нет».
error-csv-row-columns = в строке { $found } { $found ->
    [one] столбец
    [few] столбца
   *[many] столбцов
}, а в заголовке { $needed }.
