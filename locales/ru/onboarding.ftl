## /start, consent and the profile questions

start-choose-language = Здравствуйте! Это Сетевой координатор.
    Выберите язык / Choose your language:
start-choose-role = Кто вы? От этого зависит, что я буду вам предлагать.
role-choice-teacher = 👩‍🏫 Я педагог
role-choice-parent = 👪 Я родитель
start-welcome-back = С возвращением! Главное меню — внизу.
start-needs-onboarding = Сначала давайте познакомимся: отправьте /start.

consent-text =
    <b>Согласие на обработку персональных данных</b>

    { $centre } (оператор) обрабатывает ваши данные по Федеральному закону № 152-ФЗ «О персональных данных».

    <b>Что хранится:</b> имя, роль, школа, предметы, стаж и должность (для педагогов), класс ребёнка (для родителей), ваши записи на мероприятия и консультации, ответы на опросы, Telegram ID.
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
profile-position-set = Должность: { $value }
profile-ask-grade = В каком классе учится ваш ребёнок? Это поможет психологу. Можно пропустить.
grade-skip = Пропустить
profile-grade-set = Класс ребёнка: { $grade }
profile-grade-skipped = Класс не указан — его можно добавить позже в профиле.
onboarding-done = Готово! Профиль заполнен. Главное меню — внизу, команды — в меню слева от поля ввода.

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
