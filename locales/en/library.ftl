## The library: materials, shared practices, inline sharing

menu-library = 📚 Library
cmd-library = methodical library
cmd-share = share a material
cmd-review = materials awaiting review

library-home =
    <b>Methodical library</b>
    Materials of the network: lesson plans, presentations, videos, articles, programmes and best practices.
    Choose a direction or search by words.
library-search-button = 🔎 Search
library-submit-button = ➕ Share a material
library-mine-button = 🗂 My materials
library-queue-button = 📝 Awaiting review
library-topics-button = ◀️ Back to directions
library-cancel-button = ✖️ Cancel
library-file-button = 📎 Get the file
library-link-button = 🔗 Open the link
library-approve-button = ✅ Approve
library-decline-button = ❌ Decline
library-change-button = ✏️ Ask for a change
library-revise-button = ✏️ Revise
library-open-button = Open the material
library-link-instead-button = 🔗 A link instead of a file

library-topic-heading = Direction: { $topic }
library-search-heading = Search: “{ $query }”
library-list = <b>{ $heading }</b>
    Found: { $total }. Page { $page } of { $pages }.
library-list-empty = <b>{ $heading }</b>
    No materials yet. Try another direction or other words.
library-search-ask = Type words from the material's title or description (for example, “functional literacy”).
expect-lib_query = words to search materials by.

library-card-title = <b>{ $title }</b>
library-card-meta = { $topic } · { $kind }
library-author = Author: { $name }
library-author-school = Author: { $name }, { $school }
library-author-withdrew = The author withdrew their name
library-card-date = Added: { $date }
library-card-description = { $text }
library-card-note = Methodist's comment: { $note }
library-card-file-broken = ⚠️ The file is no longer available in Telegram and needs replacing.
library-status-pending = ⏳ Awaiting a methodist's review
library-status-changes = ✏️ The methodist asks for a change
library-status-approved = ✅ Published
library-status-declined = ❌ Declined

library-kind-lesson_plan = lesson plan
library-kind-presentation = presentation
library-kind-video = video
library-kind-article = article
library-kind-programme = programme
library-kind-best_practice = best practice
library-kind-event_material = event materials

library-no-file = This material has no file: open its link.
library-file-gone = The file is no longer available in Telegram. The methodists have been told and will replace it.

library-submit-topic = Which direction is the material about?
library-submit-kind = What kind of material is it?
library-submit-title = Type the material's title (3 to 200 characters).
library-submit-description = Describe the material briefly: who it is for and how it helps. Send “-” to skip.
library-submit-file = Send the file (a document, photo or video up to 20 MB) or tap “A link instead of a file”.
library-submit-link = Send the link (starting with https://).
expect-lib_topic = a direction chosen with the buttons above.
expect-lib_kind = a kind of material chosen with the buttons above.
expect-lib_title = the material's title.
expect-lib_description = the material's description or “-”.
expect-lib_file = the material's file (a document, photo or video).
expect-lib_link = a link to the material (https://…).
expect-lib_note = a comment for the author.
expect-lib_revise_title = the material's new title.
expect-lib_revise_description = the material's new description or “-”.
library-cancelled = All right, nothing was saved.
library-added = The material “{ $title }” is in the library.
library-submitted = Thank you! The material “{ $title }” went to the methodists for review. You will hear of their decision.

library-error-no-file = A file (a document, photo or video) or a link is needed.
library-error-too-large = The file is larger than { $limit } MB. Compress it or send a link.
library-error-file-type = This file type is not accepted. PDF, Word, PowerPoint, Excel, OpenDocument, TXT, ZIP, photos and videos are.
library-error-title = The title must be { $min } to { $max } characters long.
library-error-description = The description may be at most { $max } characters long.
library-error-link = That does not look like a link. Send an address starting with https://.
library-error-note = Type a comment for the author in one message.
library-error-not-found = Material not found.
library-error-already-reviewed = This material has already been decided on.

library-mine = <b>My materials</b>
library-mine-empty = You have not shared any materials yet. Tap “Share a material” in /library.
library-queue = <b>Materials awaiting review</b>
library-queue-empty = No materials await review.
library-item-line = • { $title } — { $status }

library-approved-alert = Published; the author will be told.
library-decline-ask = Type the reason for declining; the author will see it.
library-change-ask = Type what needs changing; the author will see it.
library-decided-declined = The material “{ $title }” is declined; the author will get the reason.
library-decided-changes = The author of “{ $title }” will be asked for a change.

library-notice-approved = ✅ Your material “{ $title }” is approved and published in the library. Thank you!
library-notice-declined = ❌ Your material “{ $title }” was not accepted. Reason: { $note }
library-notice-changes = ✏️ A methodist asks you to revise “{ $title }”: { $note }

library-inline-event = 📅 <b>{ $title }</b>
    A network event: details and registration in the bot.
library-inline-material = 📚 <b>{ $title }</b>
    { $description }
library-inline-event-button = Details and registration
library-inline-material-button = Open in the bot
library-inline-event-hint = network event
library-inline-material-hint = library material

library-channel-post = 📢 Event: <b>{ $title }</b>
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
    { $seats ->
        [0] No seats left: you can join the waiting list.
       *[other] Seats left: { $seats }
    }
library-broadcast-button = 📣 Send through a broadcast
library-broadcast-body = 📚 <b>{ $title }</b>
    { $description }
    Open in the library: { $link }

library-event-materials = <b>Materials of “{ $title }”</b>
library-event-materials-empty = “{ $title }” has no materials yet.
library-event-add-button = ➕ Add a material
library-event-send-button = 📤 Send to those who came
library-event-send-all-button = 📤 Send to everyone registered
library-event-sent = { $count ->
    [0] Nobody new to send to: everyone already has these materials.
    [one] The materials are going to { $count } participant.
   *[other] The materials are going to { $count } participants.
}
library-event-materials-notice = 📚 The materials of “{ $title }” are ready in the library.
library-event-materials-button = Open the materials
library-error-event-not-finished = The event has not ended yet: materials go out after it.
library-error-event-no-materials = Add the event's materials first.
