## Reports and monitoring (/stats, /export)

menu-reports = 📊 Reports
cmd-stats = reports and monitoring indicators
cmd-export = export a report to Excel or CSV

reports-period-range = { $first } – { $last }
reports-scope-network = the whole network
reports-title = <b>📊 Report for { $period }</b>
reports-title-school = <b>📊 Report for { $period }</b>
    School: { $school }

reports-people-title = <b>People in the bot</b> (now)
reports-people-line = • { $role }: { $count }
reports-people-none = • nobody yet
reports-schools-title = <b>By school</b>
reports-school-line = • { $school }: { $teachers ->
    [one] { $teachers } teacher
   *[other] { $teachers } teachers
    }, { $parents ->
    [one] { $parents } parent
   *[other] { $parents } parents
    }
reports-schools-more = …and { $count ->
    [one] { $count } more school
   *[other] { $count } more schools
    }: the full list is in the export.
reports-events-title = <b>Events</b>: { $count } held
reports-events-none = No events in this period.
reports-count-line = • { $name }: { $count }
reports-by-type = By type:
reports-by-topic = By direction:
reports-attendance-title = <b>Registrations and attendance</b>
reports-attendance =
    Registrations: { $registered }, on the waiting list: { $waitlisted }
    Came: { $attended } of { $due } ({ $rate })
    Did not come: { $no_shows }
reports-attendance-note = Attendance counts events that have ended.
reports-feedback = Average rating: { NUMBER($average, maximumFractionDigits: 1) } of 5 ({ $count ->
    [one] { $count } rating
   *[other] { $count } ratings
    })
reports-feedback-none = No ratings in this period yet.

reports-percent = { NUMBER($value, maximumFractionDigits: 1) }%
reports-no-share = —

reports-indicators-title = <b>📈 Monitoring indicators for { $period }</b>
reports-indicators-school = School: { $school }
reports-indicator-head = <b>{ $name }</b>
reports-indicator-line = { $category }: { $share } ({ $numerator } of { $denominator })
reports-indicators-note = "—" means there is nobody to count (the denominator is zero).

reports-indicator-partner_schools = Share of partner schools involved in network events
reports-indicator-teachers_participated = Share of teachers who took part in at least one network event
reports-indicator-teachers_associations = Share of teachers who took part in methodological associations
reports-indicator-teachers_diagnosed = Share of teachers who took the difficulties diagnostics
reports-indicator-risk_supported = Share of "risk group" teachers who attended an event on their difficulty
reports-indicator-line-hidden = { $category }: hidden (fewer than 5 people)
reports-indicator-mentoring_young = Mentoring: share of young specialists (under 3 years) with a mentor
reports-indicator-mentoring_risk = Mentoring: share of "risk group" teachers with a mentor
reports-indicator-mentoring_started = Mentoring: pairs started in the period (of all pairs started)
reports-indicator-mentoring_active = Mentoring: active pairs (of all pairs started)
reports-indicator-mentoring_finished = Mentoring: pairs finished in the period (of all that ended in it)
reports-indicator-mentoring_ended_early = Mentoring: pairs ended early (of all that ended in the period)
reports-indicator-mentoring_plan_done = Mentoring: development plans' completion (confirmed steps of all steps)
reports-indicator-mentoring_met = Mentoring: pairs that met in the period (of those working in it)
reports-indicator-mentoring_improved = Mentoring: topics whose difficulty went down (end self-assessment against the start diagnosis)

reports-category-all = whole network
reports-category-low_results = low results (ШНРО)
reports-category-unfavourable = unfavourable conditions (ШФНСУ)
reports-category-own-school = the school
reports-category-other = others

reports-type-seminar = seminars
reports-type-master_class = master classes
reports-type-webinar = webinars
reports-type-workshop = workshops
reports-type-methodological_association = methodological associations
reports-type-conference = conferences
reports-type-round_table = round tables
reports-type-open_lesson = open lessons

reports-format-in_person = in person
reports-format-online = online
reports-format-hybrid = hybrid

reports-btn-prev = ◀️ Earlier
reports-btn-next = Later ▶️
reports-btn-month = Month
reports-btn-quarter = Quarter
reports-btn-school_year = School year
reports-btn-custom = 📅 Custom dates
reports-btn-dashboard = 📊 Summary
reports-btn-indicators = 📈 Indicators
reports-btn-charts = 🖼 Charts
reports-btn-export = 📥 Export
reports-btn-xlsx = 📗 Excel (all sheets)
reports-btn-csv-events = 📄 CSV: events
reports-btn-csv-participants = 📄 CSV: participants
reports-btn-csv-indicators = 📄 CSV: indicators
reports-btn-back = ◀️ Back

reports-custom-ask =
    Type the first and the last day as dd.mm.yyyy–dd.mm.yyyy.
    For example: 01.09.2026–31.12.2026
    To go back without changes, send /cancel.
expect-custom_period = two dates, for example 01.09.2026–31.12.2026.

reports-export-choose = <b>📥 Export for { $period }</b>
    The Excel file has every sheet and is ready to print. CSV opens in Excel with Russian settings.
reports-preparing = ⏳ Preparing the report for { $period }…
reports-preparing-data = ⏳ Collecting the data for { $period }…
reports-preparing-file = ⏳ Building the file: { $events ->
    [one] { $events } event
   *[other] { $events } events
    }, { $people ->
    [one] { $people } participant
   *[other] { $people } participants
    }…
reports-preparing-elapsed = { $text } { $seconds } s so far.
reports-export-caption = Report for { $period } ({ $scope }).
reports-export-failed = Could not prepare the report. Please try again a little later or choose a shorter period.
reports-charts-preparing = ⏳ Drawing the charts for { $period }…
reports-chart-caption-participation = Teachers' participation in network events by school category, { $period }.
reports-chart-caption-attendance = Registrations and attendance by month.

reports-sheet-summary = Summary
reports-sheet-events = Events
reports-sheet-participants = Participants and attendance
reports-sheet-indicators = Indicators

reports-xlsx-title = Network activity report
reports-xlsx-period = Period
reports-xlsx-scope = Scope
reports-xlsx-generated = Generated
reports-xlsx-people-by-role = People in the bot by role
reports-xlsx-schools = Schools
reports-xlsx-events-by-type = Events by type
reports-xlsx-events-by-topic = Events by direction
reports-xlsx-attendance = Registrations and attendance

reports-col-date = Date and time
reports-col-title = Title
reports-col-type = Type
reports-col-topic = Direction
reports-col-format = Format
reports-col-capacity = Seats
reports-col-registered = Registered
reports-col-waitlisted = Waiting list
reports-col-attended = Came
reports-col-no-shows = Did not come
reports-col-feedback = Average rating
reports-col-feedback-count = Ratings
reports-col-person = Name
reports-col-school = School
reports-col-category = School category
reports-col-associations = Associations attended
reports-col-indicator = Indicator
reports-col-numerator = Numerator
reports-col-denominator = Denominator
reports-col-share = Share
reports-col-teachers = Teachers
reports-col-parents = Parents
reports-col-events-held = Events held
reports-col-attendance-rate = Attendance rate
reports-unlimited = unlimited
reports-person-forgotten = (data deleted on request)
reports-no-school = no school given

reports-chart-participation-title = Teachers who took part in events
reports-chart-attendance-title = Registrations and attendance by month
reports-chart-registered = registered
reports-chart-attended = came
reports-chart-category-all = Whole network
reports-chart-category-low_results = ШНРО
reports-chart-category-unfavourable = ШФНСУ
reports-chart-category-other = Others

reports-month-jan = Jan
reports-month-feb = Feb
reports-month-mar = Mar
reports-month-apr = Apr
reports-month-may = May
reports-month-jun = Jun
reports-month-jul = Jul
reports-month-aug = Aug
reports-month-sep = Sep
reports-month-oct = Oct
reports-month-nov = Nov
reports-month-dec = Dec

reports-surveys-title = <b>Surveys</b>
reports-survey-line = • { $title }: { $responded } of { $invited } answered ({ $rate })
reports-surveys-none = No surveys ran in this period.

reports-sheet-surveys = Surveys
reports-sheet-difficulties = Teachers' difficulties
reports-btn-csv-surveys = 📄 CSV: surveys
reports-btn-csv-difficulties = 📄 CSV: difficulties
reports-col-survey = Survey
reports-col-wave = Wave
reports-col-launched = Launched
reports-col-closes = Closes
reports-col-invited = Invited
reports-col-responded = Answered
reports-col-response-rate = Response rate
reports-col-completed-in-period = Answers in the period
reports-col-answered = Answers
reports-col-some = Some difficulty
reports-col-serious = Serious difficulty
reports-col-serious-share = Serious share

reports-chart-difficulties-title = Teachers' main difficulties (diagnostics)
reports-chart-some = some difficulty
reports-chart-serious = serious
reports-chart-caption-difficulties = Difficulties from the diagnostics, { $period }: shares answering "some" and "serious".

reports-consultations-title = <b>Psychologists' consultations</b>
reports-consultations = Held: { $held }, did not come: { $no_show }, cancelled: { $cancelled } (by the psychologist { $by_psychologist }), booked (upcoming or not marked): { $booked }
reports-consultations-none = No consultations in this period.
reports-sheet-consultations = Consultations
reports-btn-csv-consultations = 📄 CSV: consultations
reports-col-consult-topic = Topic
reports-col-held = Held
reports-col-cancelled = Cancelled
reports-col-cancelled-by-psychologist = Of them by the psychologist
reports-col-booked = Booked
reports-total = Total
reports-consult-topic-learning = learning
reports-consult-topic-behaviour = behaviour
reports-consult-topic-emotions = emotional state
reports-consult-topic-peers = relations with peers
reports-consult-topic-family = family relations
reports-consult-topic-exams = exams and stress
reports-consult-topic-career = career guidance
reports-consult-topic-other = other

reports-cli-done = Report saved: { $path }. Events: { $events }, participants: { $people }.
reports-cli-bad-dates = Dates: { $problem }

error-report-period-bad = This button is outdated. Open the reports again: /stats.
error-report-dates-format = I could not read the dates. Type them, for example: “01.09.2026–31.12.2026” or “from 1 September to 31 December”.
error-report-dates-impossible = There is no such date in the calendar. Check the day and the month.
error-report-dates-order = The end is before the start. Type the first day first.
error-report-dates-too-long = The period is too long: at most { $years ->
    [one] { $years } year
   *[other] { $years } years
    }.
error-report-no-school = Your coordinator role is not tied to a school. Ask an administrator to set it.

reports-library-title = <b>Methodical library</b>
reports-library-added = Materials added: { $count }
reports-library-practices = Best practices by school: { $schools }
reports-library-categories = By school category: { $categories }
reports-library-requested = Most requested: “{ $title }”, opened { $opened }, file received { $sent }
reports-library-category-low_results = low-results schools
reports-library-category-unfavourable = schools in unfavourable conditions
reports-library-category-other = other schools
reports-sheet-library = Library
reports-btn-csv-library = 📄 CSV: library
reports-col-library-what = Figure
reports-col-library-name = School, category or material
reports-col-library-count = Count (opened)
reports-col-library-sent = File received
reports-library-row-added = Materials added
reports-library-row-school = Best practices of a school
reports-library-row-category = Best practices of a category
reports-library-row-requested = Requested material

## Mentoring meetings per month (/stats and the export's own sheet)
reports-meetings-title = <b>Mentoring: meetings per pair per month</b> (meetings / pairs working that month)
reports-meetings-line = { $category }: { $rate } ({ $meetings } / { $pairs })
reports-meetings-line-hidden = { $category }: hidden (fewer than 5 pairs)
reports-meetings-none = { $category }: —
reports-meetings-months = By month (whole network): { $months }
reports-meetings-month = { $month } — { $rate }
reports-rate = { NUMBER($value, maximumFractionDigits: 1) }
reports-meetings-whole-period = whole period
reports-sheet-mentoring-meetings = Mentoring meetings
reports-btn-csv-mentoring_meetings = 📄 CSV: mentoring meetings
reports-col-month = Month
reports-col-meetings = Meetings
reports-col-pair-months = Pairs in the month (pair-months for the period)
reports-col-meetings-per-pair = Meetings per pair per month
