## Network events and registration

menu-events = 📅 Events
menu-my = 🗂 My registrations
menu-new-event = ➕ New event

cmd-events = network events
cmd-my = my event registrations
cmd-checkin = check in at an event with a code
cmd-new_event = create an event
cmd-event_drafts = drafts and school proposals
cmd-participants = event participants
cmd-propose_event = propose an event from your school

events-type-seminar = seminar
events-type-master_class = master class
events-type-webinar = webinar
events-type-workshop = workshop
events-type-methodological_association = methodological association
events-type-conference = conference
events-type-round_table = round table
events-type-open_lesson = open lesson

events-format-in_person = in person
events-format-online = online
events-format-hybrid = hybrid

events-audience-teachers = teachers
events-audience-parents = parents
events-audience-everyone = everyone

events-status-draft = draft
events-status-pending_approval = awaiting approval
events-status-published = published
events-status-declined = declined
events-status-cancelled = cancelled
events-status-finished = finished

events-period-week = this week
events-period-month = this month

events-reg-registered = registered
events-reg-waitlisted = waiting list
events-reg-offered = seat offered
events-reg-cancelled = cancelled

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

events-list-empty = No upcoming events for you yet. Check back later or reset the filters.
events-list-title = { $count ->
    [one] { $count } event found
   *[other] { $count } events found
} (page { $page } of { $pages }). Tap a title to open it.
events-list-item = 🗓 <b>{ $date }</b> · { $type }
    { $title }
    { $seats }
events-filter-type = Type ▾
events-filter-topic = Topic ▾
events-filter-format = Format ▾
events-filter-period = When ▾
events-filter-reset = ✖️ Reset filters
events-filter-any = Any
events-filter-choose = Choose a filter value:

events-seats-unlimited = Seats: unlimited
events-seats-left = { $left ->
    [0] No seats left (of { $capacity })
    [one] { $left } seat left of { $capacity }
   *[other] { $left } seats left of { $capacity }
}

## The card

events-card-title = <b>{ $title }</b>
events-card-kind = { $type } · { $topic } · { $format }
events-when-same-day = { $date }, { $start }–{ $end }
events-when-span = from { $start } to { $end }
events-card-place = 📍 { $place }
events-card-link = 🔗 { $link }
events-card-link-hidden = 🔗 Registered participants get the joining link.
events-card-deadline = Registration until { $deadline }
events-card-audience = For: { $audience }
events-card-description = { $description }
events-card-status = Status: { $status }
events-card-decline-reason = Reason for declining: { $reason }
events-card-waiting = { $count ->
    [one] { $count } person on the waiting list
   *[other] { $count } people on the waiting list
}
events-card-closed = Registration is closed.
events-mine-registered = ✅ You are registered.
events-mine-waitlisted = ⏳ You are on the waiting list, position { $position }.
events-mine-offered = 🎟 A seat is free for you! Confirm by { $until }.

events-btn-register = ✅ Register
events-btn-join-waitlist = ⏳ Join the waiting list
events-btn-cancel = ✖️ Cancel registration
events-btn-leave-waitlist = ✖️ Leave the waiting list
events-btn-ics = 📆 Add to calendar
events-btn-certificate = 📜 Get a certificate
events-btn-take-seat = ✅ Take the seat
events-btn-decline-offer = ✖️ Decline
events-btn-will-come = 👍 I will come
events-btn-cannot-come = 🙅 I cannot come
events-btn-open = 📅 Open the event
events-btn-register-link = ✅ Register in the bot
events-btn-skip = Skip
events-btn-publish = 📢 Publish
events-btn-decline = ✖️ Decline
events-btn-participants = 👥 Participants
events-btn-edit = ✏️ Edit
events-btn-checkin = 🔢 Check-in code
events-btn-cancel-event = 🚫 Cancel the event
events-btn-cancel-event-sure = 🚫 Yes, cancel and tell participants
events-btn-keep = Keep it
events-btn-attendance = ✅ Mark attendance
events-btn-xlsx = 📊 Excel (XLSX)
events-btn-csv = 📄 CSV

## Registering

events-registered = ✅ You are registered for { QUOTED($title) }.
    🗓 { $when }
    We will remind you. The file below adds the event to your calendar.
events-already-registered = You are already registered for { QUOTED($title) }.
    🗓 { $when }
events-waitlisted = No seats left — you are on the waiting list for { QUOTED($title) }, position { $position }. If a seat frees up, the bot will offer it to you at once.
events-already-waitlisted = You are already on the waiting list for { QUOTED($title) }, position { $position }.
events-ics-caption = Open the file to add the event to your phone's calendar.
events-cancelled-mine = Registration cancelled. If you change your mind, register again in /events.
events-offer-declined = All right, the seat goes to the next person in line.
events-will-come-thanks = Thank you! See you at { QUOTED($title) }.
events-deeplink-onboard = To register for an event, please sign up first: send /start.

## /my

events-my-empty = You have neither upcoming registrations nor past events. All events are in /events.
events-my-no-upcoming = No upcoming registrations. All events are in /events.
events-my-title = { $count ->
    [one] You have { $count } upcoming registration:
   *[other] You have { $count } upcoming registrations:
}

## Messages sent later

events-announcement = 📢 New event: <b>{ $title }</b>
    { $type ->
        [seminar] Seminar
        [master_class] Master class
        [webinar] Webinar
        [workshop] Workshop
        [methodological_association] Methodological association
        [conference] Conference
        [round_table] Round table
        [open_lesson] Open lesson
       *[other] Event
    }, { $starts_at }. { $place }
    Register: { $link }
events-reminder = ⏰ Reminder: { QUOTED($title) } — { $starts_at }. { $place }
events-reminder-last = ⏰ Starting soon: { QUOTED($title) } — { $starts_at }. { $place }
    { $link }
events-offer = 🎟 A seat is free at { QUOTED($title) } ({ $starts_at }). It is held for you until { $until }. Will you take it?
events-offer-expired = The time to confirm your seat at { QUOTED($title) } has run out, and it was offered to the next person. You can register again in /events.
events-changed = ✏️ Changes to { QUOTED($title) }:
    { $summary }
    { $status ->
        [registered] Your reminders were moved automatically. The calendar file updates the entry in your calendar.
        [offered] The seat is still held for you — confirm it with the button in the offer. The calendar file has the new details.
       *[other] You are on the waiting list; if a seat frees up, the bot will offer it to you. The calendar file has the new details.
    }
events-cancelled-notice = 🚫 The event { QUOTED($title) } ({ $starts_at }) is cancelled. We apologise. There will be no more reminders. Open the file to remove the entry from your calendar.
events-feedback-ask = Thank you for coming to { QUOTED($title) }! Please rate the event from 1 to 5:
events-proposal-new = 📝 { $school } (coordinator: { $coordinator }) proposes the event { QUOTED($title) } ({ $starts_at }). Open it to publish or decline.
events-proposal-approved = ✅ Your proposal { QUOTED($title) } was approved and published.
events-proposal-declined = ✖️ Your proposal { QUOTED($title) } was declined. Reason: { $reason }

## Feedback, check-in, certificates

events-feedback-thanks = Thank you for the score { $score }! If you like, write a few words: what was useful, what was missing. Or tap “Skip”.
events-feedback-comment-text = Write your feedback as text or tap “Skip”.
events-feedback-done = Thank you for your feedback!
events-checked-in = ✅ You are checked in at { QUOTED($title) }. Thank you!
events-checkin-opened = Check-in code: <b>{ $code }</b>
    Show it to participants: they send the code to the bot (or /checkin { $code }). It is accepted from { $opens } to { $closes }.
events-cert-heading = CERTIFICATE
events-cert-given-to = certifies that
events-cert-body = took part in the { $type } { QUOTED($title) }, { $date }, { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
}.
events-cert-caption = 📜 Certificate of participation: { QUOTED($title) }

## Staff

events-participants-choose = Choose an event:
events-participants-title = <b>{ $title }</b>
    { $count ->
        [one] { $count } participant registered:
       *[other] { $count } participants registered:
    }
events-participants-offered = { $count ->
    [one] A seat is offered to { $count } person:
   *[other] A seat is offered to { $count } people:
}
events-participants-waiting = { $count ->
    [one] Waiting list ({ $count } person):
   *[other] Waiting list ({ $count } people):
}
events-attendance-title = Mark who is present at { QUOTED($title) } — tap the names:
events-pending-empty = No drafts or proposals.
events-cancel-event-ask = Cancel the event? Everyone registered will be told, reminders will be dropped.
events-cancel-event-done = { $count ->
    [0] The event is cancelled. Nobody was registered.
    [one] The event is cancelled, { $count } participant will be told.
   *[other] The event is cancelled, { $count } participants will be told.
}
events-decline-ask = Write the reason for declining — the school coordinator will see it.
events-declined-done = Proposal declined; the coordinator will be told.
events-edit-choose = What to change?
events-edit-title = Title
events-edit-when = Date and time
events-edit-place = Place
events-edit-link = Link
events-edit-capacity = Seats
events-edit-deadline = Registration deadline
events-edit-description = Description
events-edit-ask-title = Enter the new title.
events-edit-ask-when = Enter the new date and time, e.g. “25.12 15:00-16:30”.
events-edit-ask-place = Enter the new place.
events-edit-ask-link = Send the new link (starting with https://).
events-edit-ask-capacity = Enter the number of seats or “unlimited”.
events-edit-ask-deadline = Until when to accept registrations? E.g. “24.12 18:00”.
events-edit-ask-description = Send the new description.
events-edit-nothing = Nothing changed.
events-edit-done = { $count ->
    [one] { $count } change saved. Participants will be told.
   *[other] { $count } changes saved. Participants will be told.
}

## The wizard

events-wiz-title = New event. Step 1: what is it called? (/cancel to leave)
events-wiz-type = Choose the type of event:
events-wiz-topic = Choose the topic:
events-wiz-format = Format:
events-wiz-start = When does it start? E.g. “25 December 15:00”, “friday 3pm”, or with the end: “tomorrow 15:00-16:30”.
events-wiz-end = When does it end? E.g. “16:30” (the same day) or “26.12 12:00”.
events-wiz-place = Where is it? Address and room.
events-wiz-link = The joining link (starting with https://). Only registered participants see it.
events-wiz-capacity = How many seats? Enter a number or tap “Unlimited”.
events-wiz-deadline = Until when to accept registrations? E.g. “24.12 18:00”. Or “Skip” — until the start.
events-wiz-audience = Who is it for?
events-wiz-subjects = Only for teachers of some subjects? Tick the subjects or tap “Done” for all.
events-wiz-description = Describe the event briefly (or “Skip”).
events-wiz-preview = Check that everything is right:
events-wiz-back = ◀️ Back
events-wiz-skip = Skip
events-wiz-unlimited = Unlimited
events-wiz-subjects-done = Done
events-wiz-publish = 📢 Publish and announce
events-wiz-draft = 💾 Save as draft
events-wiz-propose = 📝 Send for approval
events-wiz-try-again = Try again or tap “Back”.
events-wiz-use-buttons = Choose an option with the buttons above.
events-wiz-published = 📢 The event is published; invitations are on their way. Registration link: { $link }
events-wiz-saved = 💾 Draft saved. Publish it from /event_drafts.
events-wiz-proposed = 📝 The proposal went to the methodists. We will tell you their decision.

## Export

events-export-sheet = Participants
events-export-col-number = No.
events-export-col-name = Full name
events-export-col-school = School
events-export-col-status = Status
events-export-col-position = Queue position
events-export-col-registered = Registered at
events-export-col-attended = Attended
events-export-col-score = Score
events-export-yes = yes

## Errors

error-event-title-empty = The title cannot be empty.
error-event-title-too-long = The title is too long: at most { $max } characters.
error-event-place-empty = Please give the place.
error-event-place-too-long = Too long: at most { $max } characters.
error-event-link = A link starting with https://, without spaces, is needed.
error-event-capacity = Seats: a whole number from 1 to 10000, or “unlimited”.
error-event-capacity-below-taken = { $taken } seats are already taken: it cannot be fewer.
error-event-deadline = The deadline must be in the future and not after the start.
error-event-description-too-long = The description is too long: at most { $max } characters.
error-event-reason-empty = Please write the reason.
error-event-reason-too-long = Too long: at most { $max } characters.
error-event-comment-empty = The feedback is empty. Write some text or tap “Skip”.
error-event-comment-too-long = Too long: at most { $max } characters.
error-event-not-found = Event not found. It may have been cancelled. See /events.
error-event-not-for-you = This event is for a different audience.
error-event-not-draft = This event is already published or closed.
error-event-closed = The event is over or cancelled.
error-event-registration-closed = Registration for this event is closed.
error-event-deadline-passed = The registration deadline has passed.
error-event-not-registered = You are not registered for this event.
error-event-started = The event has started — registration can no longer be cancelled.
error-event-offer-expired = The seat offer is no longer valid. You can register again in /events.
error-event-checkin-code = That code did not work. Check the digits — the six-digit code is shown at the event.
error-event-checkin-not-yet = Check-in for { QUOTED($title) } is not open yet: it opens at { $opens }. Please send the code again then.
error-event-checkin-closed = Check-in for { QUOTED($title) } closed at { $closed }. If you were there, tell the organiser — they will mark you in the list.
error-event-checkin-over = Check-in closed at { $closed }. Attendance can still be corrected in the participants list.
error-event-attendance-not-yet = Attendance can be marked from { $opens }.
error-event-attendance-closed = The time for corrections is over: marks could be changed until { $until }.
error-event-certificate-not-yet = The certificate will be ready after the event ends ({ $ends }).
error-event-checkin-not-registered = You are not registered for { QUOTED($title) }, so you cannot check in. Please see the organiser.
error-event-attendees-only = This is only for participants who attended the event.
error-event-certificate-name = To issue a certificate, add your full name in /profile.
error-event-title = Please check the title.
error-event-place = Please check the place.
error-event-reason = Please check the reason.
error-event-comment = Please check the feedback text.
error-event-school-unknown = One of the chosen schools is not in the directory. Please choose the schools again.
events-wiz-schools = Only for some schools? Tick the schools or tap “Done” for all.

## An event's phases, /my past, certificates

events-phase-upcoming = 🗓 Coming up
events-phase-today = 📍 Today
events-phase-running = 🟢 Running now
events-phase-finished = ✔️ Finished
events-card-proposed-by = 🏫 Proposed by a school: { $by }
events-certificate-ready = 📜 Your certificate of participation in { QUOTED($title) } is ready. Tap the button and the bot will send the PDF.
events-my-past-title = { $count ->
    [one] Past event:
   *[other] Past events (the last { $count }):
}
events-my-past-pages = Past events: { $count } (page { $page } of { $pages }), newest first:
events-my-newer = ◀️ Newer
events-my-older = Older ▶️
events-my-past-item = 🗓 <b>{ $date }</b> · { $title }
    { $state }
events-my-attended = ✅ you attended
events-my-absent = ▫️ attendance not marked, no certificate
events-my-rated = your rating { $score }
events-my-not-rated = waiting for your rating (the ⭐ button below)
events-my-rate = ⭐ Rate: { $title }
events-my-certificate = 📜 Certificate: { $title }

## Cancelling one's own registration

events-cancel-ask-seat-next = Cancel your registration for { QUOTED($title) }? Your seat will be offered at once to the first person on the waiting list ({ $waiting } waiting); you cannot get it back.
events-cancel-ask-seat-free = Cancel your registration for { QUOTED($title) }? Your seat becomes free and anyone can take it.
events-cancel-ask-waitlist = Leave the waiting list for { QUOTED($title) }? Your place in the queue ({ $position }) goes to the people behind you.
events-btn-cancel-sure = ✖️ Yes, cancel my registration
events-btn-leave-waitlist-sure = ✖️ Yes, leave the queue
events-btn-keep-registration = Keep it as it is

## Staff lists and the summary

events-staff-scope-upcoming = Upcoming
events-staff-scope-today = Today
events-staff-scope-past = Past
events-staff-past-month = Past in { $month }
events-staff-title = { $scope }: { $count } (page { $page } of { $pages }). Choose an event — lists, attendance, exports and the summary:
events-staff-empty = { $scope }: no events. Switch the tab below.
events-pending-title = Drafts and proposals: { $count } (page { $page } of { $pages }). Tap one to open it.
events-pending-item = 🗓 <b>{ $date }</b> · { $status }
    { $title }
events-summary = 📊 <b>Summary</b>: { $registered } registered, { $attended } attended, { $no_shows } did not come, { $waiting } were left on the waiting list. Average rating: { $score }, comments: { $comments }.

## What each step of the wizard wants (for a sticker, a photo or a misplaced text)

events-wiz-hint-title = Text needed: type the event's title as an ordinary message.
events-wiz-hint-type = Choose the type of event with a button above (seminar, master class…).
events-wiz-hint-topic = Choose the topic with a button above.
events-wiz-hint-format = Choose the format with a button above: in person, online or hybrid.
events-wiz-hint-start = Type the start date and time, e.g. “25.12 15:00”.
events-wiz-hint-end = Type the end time, e.g. “16:30”.
events-wiz-hint-place = Type the address and the room.
events-wiz-hint-link = Send the link as text; it starts with https://.
events-wiz-hint-capacity = Type the number of seats in digits or tap “Unlimited”.
events-wiz-hint-deadline = Type until when registrations are accepted, e.g. “24.12 18:00”, or tap “Skip”.
events-wiz-hint-audience = Choose with a button above who the event is for.
events-wiz-hint-subjects = Tick the subjects with the buttons above and tap “Done”.
events-wiz-hint-schools = Tick the schools with the buttons above and tap “Done”.
events-wiz-hint-description = Type the description or tap “Skip”.
events-wiz-hint-preview = Check the card and tap “Publish”, “Save draft” or “Back”.
events-hint-edit-value = Text needed: type the new value as an ordinary message (or /cancel).
events-hint-decline-reason = Type the reason for declining (or /cancel).
events-guest-hint = To register, get acquainted with the bot: send /start, and after that I will bring you back to this event.
events-btn-materials = 📚 Event materials
