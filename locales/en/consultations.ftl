## Psychologist consultations: /consult for parents and teachers, /slots and /today for
## psychologists, /consult_report for staff.

menu-consult = 🧠 See a psychologist
menu-appointments = 🗓 My appointments
cmd-consult = book a school psychologist
cmd-slots = my consultation slots
cmd-today = the day's consultations
cmd-consult_report = psychologist consultations report

## Topics, formats, contacts, weekdays

consult-topic-learning = Learning difficulties
consult-topic-behaviour = Behaviour
consult-topic-emotions = Emotional state and anxiety
consult-topic-peers = Relationships with peers
consult-topic-family = Family and parenting
consult-topic-exams = Exam stress
consult-topic-career = Choosing a profile or career
consult-topic-other = Other
consult-format-in_person = In person
consult-format-online = Online
consult-contact-chat = In this chat
consult-contact-phone = Phone call
consult-wd-0 = Mon
consult-wd-1 = Tue
consult-wd-2 = Wed
consult-wd-3 = Thu
consult-wd-4 = Fri
consult-wd-5 = Sat
consult-wd-6 = Sun

## Booking

consult-home = A consultation with a school psychologist is free and confidential.
    Choose a psychologist, or "Any psychologist" to see every free slot.
consult-no-psychologists = There are no psychologists in the system yet. Please look again later.
consult-btn-psychologist = { $name } · { $count ->
        [0] no slots
        [one] { $count } slot
       *[other] { $count } slots
    }
consult-btn-any = 👥 Any psychologist
consult-btn-mine = 📋 My psychologist bookings ({ $count })
consult-btn-back = ◀️ Back
consult-btn-to-home = ← To consultations
consult-no-slots = No free slots right now. I can tell you when one opens.
consult-btn-wait = 🔔 Tell me when a slot opens
consult-waiting = Done: I will message you as soon as a slot opens.
consult-already-waiting = You are already on the waiting list; I will message you when a slot opens.
consult-choose-day = Choose a day (page { $page } of { $pages }):
consult-day-label = { $weekday } { $day }
consult-btn-day = { $day } · { $count ->
        [one] { $count } slot
       *[other] { $count } slots
    }
consult-slots-of-day = <b>Free slots: { $day }</b>
consult-slot-line = { $start }–{ $end }, { $name }
consult-btn-slot = { $time } · { $name }
consult-day-gone = No free slots are left on this day. Please choose another day.
consult-reschedule-choose = Choose the new time. Your current booking is cancelled only once the new one is made.
consult-form-slot = 🗓 { $when } · { $name }
consult-ask-topic = What would you like to talk about? Choose a topic:
consult-ask-grade = What grade is the child in?
consult-grade-preschool = Pre-school / prefer not to say
consult-ask-contact = How should the psychologist contact you?
consult-ask-phone = Send a phone number, for example +7 900 123-45-67.
consult-ask-comment = If you like, describe the situation briefly (up to { $limit } characters), or tap "Skip".
consult-btn-skip = Skip
consult-summary-title = <b>Please check your booking</b>
consult-summary-topic = Topic: { $topic }
consult-summary-grade = Grade: { $grade }
consult-summary-grade-profile = Grade: { $grade } (from your profile)
consult-btn-change-grade = ✏️ Change the grade
consult-summary-contact = Contact: { $contact }
consult-summary-comment = Comment: { $comment }
consult-who-sees = 🔒 Only the psychologist you book and an administrator will see these details. Methodists see only the total number of consultations. The comment is deleted automatically some time after the consultation.
consult-btn-confirm = ✅ Book
consult-use-buttons = Please choose with a button above. To leave, send /cancel.
consult-form-expired = This form is closed. Please start again: /consult
consult-booked = ✅ You are booked. I will remind you beforehand.
consult-rescheduled = ✅ Your booking has been moved. The previous time is free again.
consult-ics-caption = A calendar file: open it to add the consultation to your calendar.
consult-ics-summary = Consultation with a school psychologist ({ $name })
consult-btn-cancel = ❌ Cancel booking
consult-btn-reschedule = 🔁 Reschedule
consult-btn-rebook = 🗓 Choose another time
consult-btn-open = Choose a time
consult-btn-booking = { $when } · { $name }
consult-mine = Your psychologist bookings ({ $count }):
consult-mine-empty = You have no upcoming psychologist bookings.
consult-cancel-ask = Cancel your booking at { $when }?
consult-btn-cancel-yes = Yes, cancel
consult-btn-cancel-no = No, keep it
consult-cancelled = Booking cancelled. The psychologist will be told.
consult-late-cancel = The consultation starts in less than { $hours } h, so it can no longer be cancelled or moved here. Please write to the psychologist ({ $name }).
consult-late-hint = A booking can be cancelled or moved up to { $hours } h before the start.

## Messages sent later

consult-reminder = 🔔 Reminder: your consultation with a school psychologist is at { $when }. { $place }
consult-notice-booked = 🆕 New consultation booking: { $when }, { $name }. The day's schedule with the details: the button below.
consult-notice-rescheduled = 🔁 A booking was moved to { $when } ({ $name }). The day's schedule with the details: the button below.
consult-btn-open-day = 📅 Open that day
consult-notice-cancelled = ❌ The booking at { $when } was cancelled. The slot is free again.
consult-slot-opened = 🔔 A psychologist ({ $name }) has a free slot now. Book it while it lasts!
consult-notice-psy-cancelled = ❌ Sorry, your consultation at { $when } is cancelled: the psychologist ({ $name }) cannot see you then. Please choose another time.
consult-notice-psy-cancelled-reason = ❌ Sorry, your consultation at { $when } is cancelled: the psychologist ({ $name }) cannot see you then.
    Reason: { $reason }
    Please choose another time.

## Errors

consult-error-not-booker = Parents and teachers can book consultations.
consult-error-slot-taken = Someone has just taken this time. Please choose another slot.
consult-slot-gone = This time is taken already.
consult-slot-gone-race = Someone has just taken this time. Your answers are kept: choose another time and only the confirmation is left.
consult-error-limit = You already hold { $limit ->
        [one] { $limit } active booking
       *[other] { $limit } active bookings
    }, which is the maximum. Cancel one to book again.
consult-error-too-soon = Bookings close { $hours } h before the start. Please choose a later time.
consult-error-too-far = You can book at most { $days ->
        [one] { $days } day
       *[other] { $days } days
    } ahead.
consult-error-late-cancel = The consultation starts in less than { $hours } h, so it can no longer be cancelled or moved here. Please write to the psychologist.
consult-error-not-active = This booking is no longer active.
consult-error-phone = That does not look like a phone number. Send 10–15 digits, for example +7 900 123-45-67.
consult-error-comment-long = The comment is too long: at most { $limit } characters, please.
consult-error-grade = The grade is a number from 1 to 11.
consult-error-overlap = This time overlaps your slot { $start }–{ $end }. Please choose another time.
consult-error-length = The length is from { $low } to { $high } minutes.
consult-error-break = The break is from 0 to 120 minutes.
consult-error-place-long = Too long: at most { $limit } characters.
consult-error-day = I could not read the date. Write, for example: “25.12”, “25 December” or “tomorrow”.
consult-error-range = Write the period with a dash, for example "01.12-20.12".
consult-error-range-order = The period ends before it starts. Please check the dates.
consult-error-range-long = The period is too long: at most { $days } days.
consult-error-no-weekdays = Tick at least one day of the week.
consult-error-window = Write the hours, for example "15:00-18:00".
consult-error-too-many = That makes too many slots (over { $limit }). Please shorten the period.
consult-error-slot-booked = This slot is booked, so it cannot be removed. Cancel the booking in /today first.
consult-error-already-cancelled = This booking is already cancelled.
consult-error-outcome-marked = The outcome of this consultation is already marked, so it cannot be cancelled.
consult-error-psy-cancel-past = The consultation has already started or is over, so it cannot be cancelled. Mark the outcome instead: ✅ or 🚫.
consult-error-reason-long = The reason is too long: at most { $limit } characters, please.
consult-error-not-started = The consultation has not started yet; mark the outcome after the start.
consult-error-note-empty = The note is empty. Write some text or send /cancel.
consult-error-note-long = The note is too long: at most { $limit } characters.

## Psychologists: /slots

slots-title = <b>My consultation slots</b>
    Free: { $free }, booked: { $booked }
slots-empty = No slots yet. Add one slot or a weekly pattern.
slots-form-expired = This step is closed. Please start again: /slots
slots-line = { $day } { $start }–{ $end } · { $status } · { $format }
slots-line-blocked = { $day } · day off
slots-status-free = free
slots-status-booked = booked
slots-status-blocked = closed
slots-status-removed = withdrawn
slots-btn-add = ➕ Slot
slots-btn-pattern = 🔁 Weekly pattern
slots-btn-remove = 🗑 Remove a slot
slots-btn-block = ⛔ Day off
slots-btn-today = 📅 Today
slots-btn-weekdays-done = Done
slots-btn-create = ✅ Create the slots
slots-ask-when = When? Send a date and time, for example "25 December 15:00", "friday 10am" or "tomorrow 15:00-15:45".
slots-ask-length = How long is a consultation?
slots-minutes = { $minutes } min
slots-ask-format = Format of the consultation:
slots-ask-place = Where will it take place? Send the room and address, or how the call happens (for example, "Telegram call").
slots-ask-range = For which period? For example "01.12-20.12" or "1 December to 20 December".
slots-ask-weekdays = On which days of the week? Tick them and tap "Done".
slots-ask-window = At what hours? For example "15:00-18:00" or "3pm to 6pm".
slots-ask-break = Break between consultations:
slots-pattern-summary = <b>Pattern</b>
    Period: { $first } — { $last }
    Days: { $days }
    Hours: { $window }
    Consultation { $length } min, break { $pause } min
    Place: { $place }
slots-pattern-created = ✅ { $count ->
        [0] No new slots were created.
        [one] Created { $count } slot.
       *[other] Created { $count } slots.
    }
slots-pattern-skipped = Skipped { $count ->
        [one] { $count } slot
       *[other] { $count } slots
    }: in the past or overlapping existing ones.
slots-added = ✅ Slot added.
slots-remove-choose = Which slot should go? Booked slots are not removed here: cancel the booking in /today first.
slots-remove-none = No free slots.
slots-removed = Slot removed.
slots-ask-block-day = Which day is off? For example "25.12". Its free slots will be removed; I will show its bookings so that you can cancel them.
slots-blocked = { $day } is closed. No bookings on that day.
slots-blocked-with-bookings = { $day } is closed. { $count ->
        [one] { $count } booking remains on that day:
       *[other] { $count } bookings remain on that day:
    }
slots-btn-cancel-all = ❌ Cancel them all and tell the people
slots-btn-keep-all = Keep them
slots-cancel-all-ask = Cancel { $count ->
        [one] the booking
       *[other] all { $count } bookings
    } on { $day }? Each person will be told and offered another time; the slots will be withdrawn.
    If you like, type a short reason (up to { $limit } characters) for the message, or tap "Cancel without a reason".
slots-cancel-all-none = No bookings on that day are left to cancel.
slots-cancelled-all = { $count ->
        [0] Nothing to cancel: no upcoming bookings on that day.
        [one] { $count } booking cancelled. The person will be told.
       *[other] { $count } bookings cancelled. The people will be told.
    }
slots-kept-all = The bookings stay. You can cancel any of them later in /today.

## Psychologists: the day

today-title = <b>Consultations: { $weekday } { $day }</b>
today-empty = No slots on this day.
today-free = { $start }–{ $end } · free
today-booking = <b>{ $start }–{ $end }</b> · { $name } · { $status }
today-forgotten = (data erased)
today-status-booked = booked
today-status-cancelled = cancelled
today-status-done = held
today-status-no_show = no-show
today-note = 📝 Note: { $note }
today-btn-done = ✅ { $time }
today-btn-no-show = 🚫 { $time }
today-btn-note = 📝 { $time }
today-btn-cancel = ❌ Cancel consultation { $time }
today-cancel-line = • { $start } — { $name }
today-cancel-ask = Cancel the consultation at { $when } ({ $name })? The person will be told and offered another time.
    If you like, type a short reason (up to { $limit } characters) for the message, or tap "Cancel without a reason".
today-btn-cancel-no-reason = Cancel without a reason
today-btn-cancel-keep = Don't cancel
today-cancel-kept = The booking stays.
today-cancelled = Consultation cancelled; the person will be told. The slot is free again.
today-cancelled-removed = Consultation cancelled; the person will be told. The slot is withdrawn: this is your day off.
today-marked-done = Marked as held.
today-marked-no_show = Marked as a no-show.
today-ask-note = Write a note (up to { $limit } characters). Only you will see it.
today-note-saved = Note saved.

## Staff report

consult-report-title = <b>Psychologist consultations: { $first } — { $last }</b>
consult-report-total = Total
consult-report-by-psychologist = <b>By psychologist</b>
consult-report-by-topic = <b>By topic</b>
consult-report-counts = held { $held }, no-shows { $noshow }, cancelled { $cancelled } (by the psychologist { $by_psychologist })
consult-report-empty = No consultations in this period.
consult-report-col-held = Held
consult-report-col-no-show = No-shows
consult-report-col-cancelled = Cancelled
consult-report-col-cancelled-by-psychologist = of them by the psychologist
consult-report-col-booked = Upcoming
consult-report-chart-title = Consultations by topic
consult-report-bad-period = I could not read the period. Write, for example: /consult_report 01.11.2026-30.11.2026
consult-btn-chart = 📊 Chart
consult-btn-xlsx = 📄 XLSX
consult-btn-prev-month = ◀ Previous month
consult-report-sheet-psychologists = By psychologist
consult-report-sheet-topics = By topic

# A slot's format and its place or call details, e.g. "In person: room 12".
consult-slot-place = { $kind }: { $place }
