## Mentoring: /mentoring for teachers (mentors and mentees), methodists, coordinators and
## admins.

menu-mentoring = 🤝 Mentoring
cmd-mentoring = mentoring: pairs, plan, meetings

## Vocabularies

mentoring-form-individual = individual mentoring ("teacher to teacher")
mentoring-form-group = group mentoring
mentoring-status-requested = requested, no mentor yet
mentoring-status-proposed = waiting for agreement
mentoring-status-active = in progress
mentoring-status-finished = finished
mentoring-status-ended_early = ended early
mentoring-status-declined = declined
mentoring-side-mentor = you mentor
mentoring-side-mentee = you are mentored
mentoring-reason-young = young specialist (under 3 years)
mentoring-reason-difficulty = a serious difficulty in the diagnosis
mentoring-format-in_person = in person
mentoring-format-online = online
mentoring-format-lesson_visit = lesson visit
mentoring-format-open_lesson = open lesson
mentoring-level-none = No difficulty
mentoring-level-some = Some difficulty
mentoring-level-serious = Serious difficulty
mentoring-step-open_lesson = Attend the mentor's open lesson
mentoring-step-lesson_visit = The mentor visits a lesson
mentoring-step-lesson_plan = Prepare a lesson plan together
mentoring-step-network_event = Take part in a network event
mentoring-step-self_assessment = Self-assessment on the plan's topics
mentoring-step-custom = Plan step
mentoring-step-on-topic = { $step } — topic: { $topic }

## Home and card

mentoring-home-empty = You have no mentoring yet.
mentoring-home-staff = <b>🤝 Mentoring</b>
    Find a mentor for a teacher or open the current pairs.
mentoring-home-title = <b>🤝 Mentoring</b>
mentoring-pair-line = • { $role }: { $name } — { $status }, plan { $done } of { $total }
mentoring-pair-names = { $mentor } → { $mentee }
mentoring-ask-hint = You may ask for a mentor: the methodists will get your request.
mentoring-card-title = <b>🤝 { $form }</b>
mentoring-card-mentor = Mentor: { $name }
mentoring-card-mentee = Mentee: { $name }
mentoring-card-status = Status: { $status }
mentoring-card-goals = Goals (difficulty topics): { $topics }
mentoring-card-declined = Reason for declining: { $reason }
mentoring-card-ended-early = Reason for ending early: { $reason }
mentoring-card-progress = Plan: { $done } of { $total } done
mentoring-card-next-step = Next step: { $step } — by { $due }
mentoring-card-last-meeting = Last meeting: { $date }, { $format }
mentoring-card-next-meeting = Next meeting: { $date }, { $format }
mentoring-card-hand-over = 🔁 Hand-over: once the new mentor agrees, the pairing goes on with them, its plan and meetings kept.
mentoring-card-conclusion = Mentor's conclusion: { $text }
mentoring-my-title = <b>🤝 Mentoring</b>
mentoring-my-as-mentee = • Your mentor: { $name } — { $status }
mentoring-my-as-mentor = • You mentor: { $name } — { $status }
mentoring-my-requested = • You asked for a mentor: the methodists are finding one
mentoring-my-progress = { "  " }Plan: { $done } of { $total } done
mentoring-my-next-step = { "  " }Next step: { $step } — by { $due }
mentoring-my-next-meeting = { "  " }Next meeting: { $date }, { $format }
mentoring-my-no-meeting-last = { "  " }No next meeting planned (the last was on { $date })
mentoring-my-no-meeting = { "  " }No meetings yet, none planned
mentoring-my-more = …and { $count } more in /mentoring
mentoring-my-open = The plan, meetings and the rest: /mentoring

## Plan and meetings

mentoring-plan-title = <b>📋 Individual development plan</b> ({ $done } of { $total } confirmed)
mentoring-plan-step = { $mark } { $position }. { $step } — by { $due }
mentoring-plan-legend = ▫️ not done · ☑️ marked by the mentee · ✅ confirmed by the mentor
mentoring-meetings-title = <b>Meetings ({ $count })</b>
mentoring-meeting-line = • { $date }, { $format } { $extra }
mentoring-meeting-group = (group meeting)
mentoring-meeting-planned = (planned)
mentoring-step-marked = Step marked done. The mentor will confirm it.
mentoring-step-confirmed = Step confirmed.
mentoring-step-already = Already marked.
mentoring-step-removed = Step removed from the plan.
mentoring-step-title-ask = Type the new plan step (up to 300 characters). Cancel: /cancel.
mentoring-step-due-ask = Due by which day? E.g. 15.12, "in a week", "25 December". Cancel: /cancel.
mentoring-step-added = Step added; the mentee will get reminders.
mentoring-step-moved = The step's due date is changed.
mentoring-step-reminder = ⏰ Mentoring plan reminder, the step is due { $due }:
mentoring-step-custom-title = { $title }
mentoring-meet-day-ask = When was the meeting? E.g. today, yesterday, 20.11. Cancel: /cancel.
mentoring-meet-format-ask = The meeting's format:
mentoring-meet-note-ask = A short note (up to 1000 characters): only your pair, the responsible methodist and admins see it. Or without a note:
mentoring-meet-saved = Meeting logged.
mentoring-meet-planned = Meeting planned: it shows in /my and on the pairing's card.
mentoring-meet-ahead-ask = When will you meet? E.g. tomorrow, 05.12, "in a week" (at most 60 days ahead). Cancel: /cancel.
mentoring-meet-note-ask-group = A short note (up to 1000 characters): only the group's members, the responsible methodist and admins see it. Or without a note:
mentoring-meet-saved-group = Group meeting logged: every member sees it in their plan.
## Finding a mentor and agreeing

mentoring-btn-find = 🔎 Find a mentor
mentoring-btn-pairs = 👥 Pairs
mentoring-find-empty = Nobody needs a mentor now (young specialists and the risk group without one).
mentoring-find-title = <b>Who needs a mentor</b> (teachers' own requests first):
mentoring-find-request = 📨 { $name }, { $school } — request: { $reason }
mentoring-find-line = • { $name }, { $school } — { $reason }
mentoring-suggest-empty = No suitable mentor has a free place.
mentoring-suggest-title = <b>Suggested mentors</b> (best first):
mentoring-suggest-line = { $number }. { $name }, { $school }; { $subjects }; experience { $experience } — { $why }; mentees: { $load } of { $limit }
mentoring-why-subject = same subject
mentoring-why-experience = 10+ years
mentoring-why-clear = no difficulty on the mentee's topics
mentoring-why-school = leading/partner school
mentoring-btn-propose = { $number }. { $name }
mentoring-btn-propose-group = { $number }. to a group
mentoring-proposed = The mentor is invited. The pairing starts when both agree.
mentoring-pairs-title = <b>Pairs ({ $count })</b>
mentoring-pairs-empty = No active or pending pairs.
mentoring-btn-ask = 🙋 Ask for a mentor
mentoring-btn-ask-yes = Yes, send the request
mentoring-ask-confirm = Send the methodists a request for a mentor? Reason: { $reason }.
mentoring-asked = Request sent to the methodists. You will hear when a mentor agrees.
mentoring-btn-accept = ✅ I agree
mentoring-btn-decline = ✖️ Decline
mentoring-accepted = Your agreement is recorded. Waiting for the other side.
mentoring-started = Mentoring has started: the development plan is ready.
mentoring-decline-ask = Briefly, why do you decline (3 to 300 characters)? Cancel: /cancel.
mentoring-declined = Recorded; the other side and the methodist will be told.

## Buttons

mentoring-btn-pair = Pairing no. { $number }
mentoring-btn-home = ⬅️ To mentoring
mentoring-btn-back = ⬅️ Back
mentoring-btn-open = 🤝 Open
mentoring-btn-plan = 📋 Plan
mentoring-btn-meet = 🗓 Log a meeting
mentoring-btn-done = ☑️ Done: { $step }
mentoring-btn-confirm = ✅ { $step }
mentoring-btn-move = 📅 Due
mentoring-btn-remove = 🗑
mentoring-btn-add-step = ➕ Add a step
mentoring-btn-no-note = No note
mentoring-btn-finish = 🏁 Finish
mentoring-btn-end-early = ⏹ End early
mentoring-btn-assess = 📝 Self-assessment
mentoring-btn-conclude = 📝 Conclusion
mentoring-btn-thanks = 📄 Letter of thanks
mentoring-btn-certificate = 📄 Certificate

## The end

mentoring-finished = Mentoring finished.
mentoring-end-reason-ask = Why does it end early (3 to 300 characters)? Cancel: /cancel.
mentoring-ended-early = Mentoring ended early.
mentoring-assess-ask = How difficult is each of the plan's topics for you now (the diagnostics' scale)?
mentoring-assess-saved = Saved.
mentoring-conclusion-ask = Write a short mentor's conclusion (up to 1000 characters). Cancel: /cancel.
mentoring-conclusion-saved = Conclusion saved.
mentoring-paper-caption = Your mentoring document.
mentoring-pdf-centre = Municipal methodological centre
mentoring-pdf-thanks-heading = Letter of thanks
mentoring-pdf-thanks-body = for mentoring in { $period } on: { $topics }.
mentoring-pdf-certificate-heading = Certificate
mentoring-pdf-certificate-body = of completing a mentoring programme in { $period } on: { $topics }.

## Notices (sent by the bot)

mentoring-notice-request = 📨 A teacher asks for a mentor. Open to find one.
mentoring-notice-asked-mentor = 🤝 You are invited to be a mentor. Open to agree or decline.
mentoring-notice-asked-mentee = 🤝 A mentor is proposed to you. Open to agree or decline.
mentoring-notice-declined-mentor = The mentor declined. Open to see why.
mentoring-notice-declined-mentee = The mentee declined. Open to see why.
mentoring-notice-started = 🤝 Mentoring has started: open the development plan.
mentoring-notice-ended-mentee = 🏁 Mentoring finished. Please assess your difficulties on the plan's topics.
mentoring-notice-ended-mentor = 🏁 Mentoring finished. Please write a short conclusion.

## Errors

mentoring-error-not-found = Mentoring not found. Open /mentoring.
mentoring-error-not-yours = This mentoring is not open to you.
mentoring-error-staff-only = This is for methodists, coordinators and admins.
mentoring-error-already = The teacher already has a mentoring or a request.
mentoring-error-cannot-ask = Young specialists (under 3 years) and teachers with a serious difficulty in the diagnosis may ask for a mentor.
mentoring-error-full = This mentor has no free place. Choose another.
mentoring-error-self = Nobody can mentor themselves.
mentoring-error-not-teacher = Only a teacher can be a mentor.
mentoring-error-decided = This mentoring is already decided.
mentoring-error-reason = The reason takes 3 to 300 characters. Type again or /cancel.
mentoring-error-conclusion = The conclusion takes 3 to 1000 characters. Type again or /cancel.
mentoring-error-not-active = This mentoring is not in progress. Open /mentoring.
mentoring-error-not-ended = This is possible once the mentoring has ended.
mentoring-error-not-finished = The document is given once the mentoring has finished.
mentoring-error-step-title = A step takes 1 to 300 characters. Type again or /cancel.
mentoring-error-due-past = The due date must be in the future. Type another day or /cancel.
mentoring-error-meeting-far = A meeting can be planned at most 60 days ahead. Type another day or /cancel.
mentoring-error-same-mentor = That is the pairing's mentor already. Pick another one.
mentoring-error-hand-over-pending = A hand-over of this pairing is already waiting for a mentor's answer.
mentoring-error-group-closed = Nobody is in this group any more: it takes no one new.
mentoring-error-note-long = A note takes up to 1000 characters. Shorten it or /cancel.
mentoring-error-topic = This topic is not in the plan.

## Groups

mentoring-btn-group = 👥 Group No. { $number }
mentoring-btn-group-meet = 🗓 Group meeting
mentoring-btn-group-add = ➕ Add a mentee
mentoring-group-title = <b>👥 Group No. { $number }</b>
mentoring-group-members = Mentees now: { $count }
mentoring-group-member = • { $name } — { $status }, plan { $done } of { $total }
mentoring-group-next-step = { "  " }next step: { $step } — by { $due }
mentoring-group-meetings = <b>Group meetings ({ $count })</b>
mentoring-group-add-title = <b>Whom to add to the group</b>: the mentor and the teacher are invited and must both agree.
mentoring-proposed-group = The invitation to the group went to the mentor and the teacher. The teacher joins once both agree.
mentoring-notice-group-meeting = 🗓 Your mentor logged a group meeting. Open the plan to see it.

## Another mentor

mentoring-btn-reassign = 🔁 Another mentor
mentoring-btn-hand-over = 🔁 { $number }. { $name }
mentoring-btn-replace = ⏹ { $number }. anew
mentoring-btn-meet-ahead = 📅 Plan a meeting
mentoring-reassign-title = <b>Another mentor</b> for: { $mentee } (now: { $mentor })
mentoring-reassign-legend = 🔁 — hand the pairing over: the new mentor goes on with the same plan once they agree; until then the pairing goes on as it is.
    ⏹ — end the pairing early (you give the reason) and propose a new one: a new plan, and both the mentor and the teacher must agree.
mentoring-hand-over-sent = The new mentor is invited. The pairing goes on with the present mentor until the new one agrees.
mentoring-replace-reason-ask = Why does the present pairing end early (3 to 300 characters)? Cancel: /cancel.
mentoring-replaced = The pairing ended early. The new mentor and the teacher are invited.
mentoring-handed-over = You took the mentoring over: the pairing's plan and meetings are kept.
mentoring-notice-hand-over-asked = 🔁 You are asked to take a mentoring over from its mentor (the plan goes on). Open it to agree or decline.
mentoring-notice-hand-over-mentee = 🔁 Another mentor was proposed to you. Once they agree, your plan goes on with them.
mentoring-notice-handed-over-old = 🔁 Your mentee has moved to another mentor. Thank you for your work!
mentoring-notice-hand-over-declined = The mentor did not take the pairing over: it goes on with the present mentor. Open it to see why.
mentoring-notice-handed-over = 🔁 The mentoring goes on with a new mentor: its plan and meetings are kept.
