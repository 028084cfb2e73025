## Staff broadcasts

menu-broadcast = 📣 Broadcast
cmd-broadcast = new broadcast
cmd-broadcasts = broadcasts and their figures

broadcast-compose =
    Send the text of the broadcast in one message. Formatting (bold, italics, links) is kept.
    You may attach a photo or a document — then write the text as its caption.
    To leave, send /cancel.
expect-bc_compose = the text of the broadcast (a photo or document may be attached).
expect-bc_audience = choosing recipients with the buttons under the message above.
expect-bc_time = the date and time to send, e.g. “25.12 10:00”.

broadcast-audience =
    <b>Who should receive it?</b>
    Chosen: { $summary }
    Recipients: { $count }

    Filters of different kinds apply together (e.g. “teachers” and “School 1”); several values of one kind mean any of them.
broadcast-audience-everyone = everyone
broadcast-audience-sources = { $count ->
    [one] { $count } special list
   *[other] { $count } special lists
}
broadcast-category-low_results = Low-results schools
broadcast-category-unfavourable = Schools in difficult conditions
broadcast-filter-schools = 🏫 Schools{ $count ->
    [0] {""}
   *[other] {" "}({ $count })
}
broadcast-filter-subjects = 📚 Subjects{ $count ->
    [0] {""}
   *[other] {" "}({ $count })
}
broadcast-reset = 🔄 Everyone (reset)
broadcast-to-preview = 👁 Preview
broadcast-cancel = ✖️ Cancel the broadcast
broadcast-back = ◀️ Back
broadcast-pick-schools = Tick the schools whose teachers and parents should receive it.
broadcast-pick-subjects = Tick the subjects: teachers of them will receive it.
broadcast-source-empty = There is nothing to choose from here right now.

broadcast-preview-title = This is how recipients will see it:
broadcast-confirm = Recipients: { $count }. Send?
broadcast-quiet-now = Quiet hours now: the messages will go at { $time }.
broadcast-send-now = ✅ Send now
broadcast-schedule = 🕒 Schedule
broadcast-channel = Also post in the centre's channel
broadcast-edit-audience = ✏️ Change recipients
broadcast-cancelled = Broadcast cancelled, nothing was sent.
broadcast-ask-time =
    When should it go? Type a date and time, e.g. “25.12 10:00” or “tomorrow 9:30”.
    Times are in the { $zone } time zone.
broadcast-launched = { $count ->
    [one] Broadcast started: { $count } recipient.
   *[other] Broadcast started: { $count } recipients.
}
broadcast-scheduled = Broadcast No. { $id } is scheduled for { $when }. Recipients: { $count }.
broadcast-stop = ⏹ Stop
broadcast-stop-n = ⏹ Stop No. { $id }
broadcast-stopped-alert = Broadcast stopped. Messages already sent stay with their recipients.

broadcast-progress-running = 📣 Broadcast No. { $id } is running
broadcast-progress-scheduled = 🕒 Broadcast No. { $id } is scheduled
broadcast-progress-done = ✅ Broadcast No. { $id } is finished
broadcast-progress-stopped = ⏹ Broadcast No. { $id } was stopped
broadcast-progress-figures =
    Sent: { $sent } of { $total }
    Not delivered: { $failed }
    Blocked the bot: { $blocked }
    Left: { $left }
broadcast-progress-rate = Rate: { $rate } msg/s
broadcast-progress-eta = Time left: { $minutes } min { $seconds } s

broadcast-list-title = <b>Broadcasts</b>
broadcast-list-newer = ◀️ Newer
broadcast-list-older = Older ▶️
broadcast-list-page = Page { $page } of { $pages }
broadcast-list-empty = No broadcasts yet. Start one with /broadcast.
broadcast-list-line = No. { $id } · { $state } { $when } · sent { $sent } of { $total }, not delivered { $failed }, blocked { $blocked }, left { $left }
broadcast-state-scheduled = scheduled
broadcast-state-sending = running
broadcast-state-done = finished
broadcast-state-cancelled = stopped

error-broadcast-empty = The broadcast needs text. If you attach a photo or a document, write the text as its caption.
error-broadcast-too-long = The text is too long: at most { $max } characters.
error-broadcast-nobody = Nobody matches the chosen filters. Change the recipients.
error-broadcast-time = Could not read the date and time. Type, for example: “25.12 10:00”, “1 December 9:30” or “tomorrow 6pm”.
error-broadcast-time-past = That time has passed. Give a time in the future.
