## Surveys: answering (/survey), staff tools (/surveys), file format errors

menu-surveys = 📋 Surveys
menu-surveys-staff = 📋 Surveys: manage
cmd-survey = take a survey
cmd-surveys = surveys: launch, results, export

survey-invite =
    📋 <b>{ $title_en }</b>

    Please take this survey: { $questions ->
        [one] { $questions } question
       *[other] { $questions } questions
    }, answered with buttons. You can stop and continue later.
survey-invite-button = ▶️ Take the survey
survey-reminder =
    ⏰ Reminder: the survey "{ $title_en }" closes { $closes }. If you have a couple of minutes, we would be grateful for your answers.

survey-support-offer = 🎯 Targeted support: in the survey you reported a serious difficulty with this topic. An event on exactly this is coming up: "{ $title }", { $starts_at }.
survey-support-open = 📅 Open the event

survey-list-title = <b>Open surveys</b>
survey-list-line = • { $title } — { $count ->
        [one] { $count } question
       *[other] { $count } questions
    }{ $until }
survey-list-until = , until { $date }
survey-list-start = ▶️ Start
survey-list-continue = ⏯ Continue ({ $answered }/{ $total })
survey-none-open = There are no surveys for you right now. I will send an invitation when there is one.
survey-offers-standing = There are upcoming events on the topics you marked as difficult:
survey-intro =
    📋 <b>{ $title }</b>

    { $intro }
survey-question-head = <b>{ $title }</b>
    Question { $index }/{ $total }
survey-question-body = { $text }
survey-hint-multi = <i>Tick the options that apply and press "Done".</i>
survey-hint-multi-max = <i>Tick up to { $max } and press "Done".</i>
survey-hint-scale = <i>Rate from 1 (not at all) to 5 (completely).</i>
survey-hint-text = <i>Write your answer in one message (up to { $max } characters).</i>
survey-given-text = Your answer now: "{ $text }". Send a new text to replace it.
survey-done = ✅ Done
survey-skip = ⏭ Skip
survey-back = ◀️ Back
survey-pause = ⏸ Pause
survey-paused = Your answers are saved. Continue any time: /survey or the "📋 Surveys" button.
survey-text-expected = A text answer is needed here. Write it in a message or press "⏸ Pause".
survey-buttons-expected = The survey is waiting for an answer with the buttons under the question: here it is again. Your answers are saved: if now is not a good time, the survey will wait; continue any time with /survey or the "📋 Surveys" button.
cancel-survey_buttons = ⏸ The survey is paused, your answers are saved. Continue any time: /survey or the "📋 Surveys" button.
cancel-survey_text = ⏸ The survey is paused, your answers are saved. Continue any time: /survey or the "📋 Surveys" button.
survey-finished = 🙏 Thank you! The survey "{ $title }" is complete and your answers are saved.
survey-offers = You reported serious difficulties with: { $topics }. Here are the network's upcoming events on these topics — you can register right now:
survey-offers-later = You reported serious difficulties with: { $topics }. I will let you know as soon as there are events on these topics.
survey-materials-offered = 📚 The library has materials on these topics: see the buttons below.

broadcast-source-survey = 📋 Survey non-respondents
survey-staff-title = <b>Surveys</b>
survey-staff-line = • { $title } — { $status }, { $respondents } of { $audience } answered
survey-staff-empty = No surveys yet.
survey-status-draft = draft
survey-status-open = collecting answers
survey-status-closed = closed
survey-card-title = 📋 <b>{ $title }</b>
survey-card-questions = { $count ->
        [one] { $count } question
       *[other] { $count } questions
    }
survey-card-figures = Answered: { $respondents } of { $audience }
survey-card-wave = Wave: { $wave }
survey-card-anonymous = 🕶 Anonymous: answers are not linked to people
survey-card-closes = Closes: { $date }
survey-btn-launch = 🚀 Launch and send invitations
survey-btn-new-wave = 🔁 New wave (repeat diagnosis)
survey-btn-launch-sure = ✅ Yes, send
survey-btn-cancel = ✖️ Cancel
survey-btn-open = ▶️ Accept answers
survey-btn-close = ⏹ Close the survey
survey-btn-report = 📊 Results
survey-btn-xlsx = 📥 XLSX export
survey-btn-upload = 📄 Upload a file
survey-btn-wizard = 🧩 Create in chat
survey-launch-confirm = Launch "{ $title }"? { $audience ->
        [one] { $audience } person
       *[other] { $audience } people
    } in its audience will get an invitation; two days before it closes, those who have not answered get one reminder.
survey-launched = 🚀 The survey is launched, { $count ->
        [one] { $count } invitation sent
       *[other] { $count } invitations sent
    }.
survey-report-wait = Preparing the results…
survey-report-empty = The survey "{ $title }" has no answers yet.
survey-report-title = 📊 <b>{ $title }</b>, wave { $wave }
survey-report-rate = { $respondents } of { $audience } answered ({ $rate })
survey-report-top = <b>Top difficulties</b> (serious / some):
survey-report-top-line = • { $topic }: { $serious } / { $some }
survey-report-group-line = • { $group } ({ $count }): most of all — { $topic }, { $serious } serious
survey-report-hidden = <i>{ $count ->
        [one] { $count } answer is
       *[other] { $count } answers are
    } not shown separately: groups of fewer than 5 people.</i>
survey-report-changes = <b>Serious difficulties over time</b> (wave { $before } → { $after }):
survey-report-change-line = • { $topic }: { $before } → { $after } ({ $delta } pp)
survey-report-support = <b>Targeted support</b> (reported a serious difficulty → registered → attended):
survey-report-support-line = • { $topic }: { $serious } → { $registered } → { $attended }
survey-chart-title = Teachers' difficulty profile ({ $respondents } answered)
survey-level-some = some difficulty
survey-level-serious = serious difficulty
survey-dimension-overall = All
survey-dimension-school = By school
survey-dimension-category = By school category
survey-dimension-subject = By subject
survey-dimension-experience = By experience
survey-category-low_results = Low results (ШНРО)
survey-category-unfavourable = Unfavourable conditions (ШФНСУ)
survey-category-other = Other schools
survey-group-other = Other (small groups)
survey-group-all = All respondents

survey-xlsx-caption = Results of the survey "{ $title }"
survey-xlsx-sheet-answers = Answers
survey-xlsx-sheet-distribution = Distribution
survey-xlsx-sheet-waves = Change
survey-xlsx-sheet-support = Targeted support
survey-xlsx-response = Response no.
survey-xlsx-person = Name
survey-xlsx-school = School
survey-xlsx-subjects = Subjects
survey-xlsx-experience = Experience
survey-xlsx-completed = Completed
survey-xlsx-question = Question
survey-xlsx-option = Option
survey-xlsx-count = Answers
survey-xlsx-mean = Mean
survey-xlsx-answered = Answered
survey-xlsx-group = Group
survey-xlsx-respondents = Respondents
survey-xlsx-hidden = Not shown separately (groups under 5 people): { $count }
survey-xlsx-topic = Topic
survey-xlsx-wave = Wave { $wave }, serious, %
survey-xlsx-serious = Serious difficulty
survey-xlsx-registered = Registered for a matching event
survey-xlsx-attended = Attended

survey-upload-ask = Send the survey file in YAML or JSON (up to { $max } KB). The format is described in docs/surveys.md. /cancel to stop.
survey-upload-extension = The file must end in .yaml, .yml or .json.
survey-upload-too-big = The file is larger than { $max } KB. Shorten it and send it again.
survey-upload-expect-file = I am waiting for a survey file (.yaml or .json). /cancel to stop.
survey-upload-errors = ⚠️ The file has { $count ->
        [one] { $count } error
       *[other] { $count } errors
    }:
survey-issue-line = • line { $line }: { $problem }
survey-issue-general = • { $problem }
survey-issue-more = …and { $count } more.
survey-upload-again = Fix the file and send it again, or press /cancel.
survey-created = ✅ The survey is saved as a draft.

survey-wizard-title = What is the survey called? Send the title in one message.
survey-wizard-question = Question { $number }: write its text.
survey-wizard-type = What kind of question is it?
survey-type-single = One option
survey-type-multi = Several options
survey-type-scale = Scale 1–5
survey-type-text = Short text
survey-wizard-options = Write the answer options, one per line (2 to 10).
survey-wizard-added = { $count ->
        [one] { $count } question added.
       *[other] { $count } questions added.
    } What next?
survey-wizard-more = ➕ Another question
survey-wizard-save = 💾 Save the survey
expect-survey_title = Write the survey title.
expect-survey_question = Write the question text.
expect-survey_qtype = Choose the question type with a button.
expect-survey_options = Write the answer options, one per line.
expect-survey_next = Press "Another question" or "Save the survey".
expect-survey_file = Send the survey file (.yaml or .json).

error-survey-not-open = This survey is not accepting answers now.
error-survey-not-for-you = This survey is meant for a different audience.
error-survey-already-answered = You have already completed this survey — thank you!
error-survey-not-started = Open the survey again: /survey
error-survey-stale-question = That question is already behind you. Continue from the current one: /survey
error-survey-too-many-choices = You can choose at most { $max }. Untick one of the options first.
error-survey-choose-one = Tick at least one option.
error-survey-use-buttons = This question is answered with the buttons below it.
error-survey-text-empty-answer = The answer is empty. Write it in a message.
error-survey-answer-too-long = The answer is longer than { $max } characters (yours has { $length }). Please shorten it and send it again.
error-survey-not-optional = This question needs an answer.
error-survey-closes-passed = The closing date has passed — no new answers can be collected.
error-survey-already-launched = The survey is already launched. New waves are only possible for surveys with "repeat: true".
error-survey-wizard-title = The title must not be empty or longer than { $max } characters.
error-survey-wizard-question = The question must not be empty or longer than { $max } characters.
error-survey-wizard-too-many = A survey made in chat can have at most { $max } questions. Save it; for a longer survey upload a file.
error-survey-wizard-options = Give { $low } to { $high } options, one per line.
error-survey-wizard-option-long = An option must not be longer than { $max } characters.

error-survey-file = The survey file has errors.
error-survey-too-big = the file is larger than { $max } bytes
error-survey-encoding = the file must be UTF-8
error-survey-syntax = the file cannot be read ({ $problem })
error-survey-empty = the file is empty
error-survey-not-mapping = "{ $field }" must be a set of "name: value" fields
error-survey-duplicate-key = the field "{ $field }" appears twice
error-survey-unknown-field = unknown field "{ $field }"
error-survey-not-text = "{ $field }" must be a text or a value
error-survey-not-boolean = "{ $field }" must be true or false
error-survey-number-range = "{ $field }" must be a whole number from { $low } to { $high }
error-survey-text-empty = "{ $field }": a Russian text (ru) is required
error-survey-text-too-long = "{ $field }" is longer than { $max } characters
error-survey-not-list = "{ $field }" must be a list (lines starting with "- ")
error-survey-date = "{ $field }": a date as YYYY-MM-DD or YYYY-MM-DD HH:MM
error-survey-closes-before-opens = the closing date is before the opening date
error-survey-bad-value = "{ $field }": "{ $value }" is not allowed
error-survey-missing = the field "{ $field }" is missing
error-survey-no-questions = the survey has no questions
error-survey-too-many = "{ $field }" has more than { $max } items
error-survey-bad-id = the id "{ $value }": lower-case Latin letters, digits and "_" only, up to 32 characters
error-survey-duplicate-id = the id "{ $value }" is already used
error-survey-bad-type = the question type "{ $value }" is not supported; allowed: { $allowed }
error-survey-options-not-allowed = a question of type "{ $type }" has no options
error-survey-field-for-type = the field "{ $field }" is only allowed on questions of type "{ $type }"
error-survey-topic-levels = a question with a topic must be of type single with the options { $levels }
error-survey-option-count = give { $low } to { $high } options
error-survey-unknown-school = the school "{ $value }" is not in the directory

expect-survey_text = Write your answer in a message or press "⏸ Pause".
expect-survey_buttons = an answer with the buttons under the survey's question. Your answers are saved; you can also continue the survey later: /survey.
survey-list-prev = ◀️ Back
survey-list-next = Next ▶️
survey-list-page = Page { $page } of { $pages }
