## People: onboarding, profile, roles and the schools directory.

## --- onboarding
## /start, consent and the profile questions

start-choose-language = Hello! This is the Network Coordinator.
    Выберите язык / Choose your language:
start-choose-role = Who are you? This decides what I will offer you.
role-choice-teacher = 👩‍🏫 I am a teacher
role-choice-parent = 👪 I am a parent
role-choice-staff = 🏛 I work at the centre (methodist, psychologist…)
start-welcome-back = Welcome back! The main menu is below.
start-needs-onboarding = Let's get acquainted first: send /start.
admin-needs-start = You are an administrator by the bot's settings (ADMIN_IDS), but you have no profile yet, and staff actions are recorded in a person's name. Send /start and choose “I work at the centre”: your name and position take a minute, then every command works.

consent-text =
    <b>Consent to the processing of personal data</b>

    { $centre } (the operator) processes your data under Federal Law No. 152-FZ “On Personal Data”.

    <b>What is kept:</b> name, role, school, subjects, experience and position (teachers), position (centre staff), the child's grade (parents), your event and consultation bookings, survey answers, mentoring (the plan, meetings and their notes, the self-assessment), materials you send to the library, Telegram ID.
    <b>Why:</b> event and consultation bookings, reminders, targeted methodical support, reports on the network's work (reports contain anonymous figures only).
    <b>For how long:</b> while you use the bot; consultation comments are deleted automatically.
    <b>How to withdraw:</b> the /forget command deletes or anonymises your data at any time.

    By pressing “I agree” you consent to this processing.
consent-accept = ✅ I agree
consent-decline = I do not agree
consent-declined = All right, I have not saved anything about you. If you change your mind, send /start.
consent-accepted = Thank you! Your consent is recorded. Let's fill in a short profile.

profile-ask-name = What is your name? Please write your full name.
profile-ask-school = Which school do you work at? Type part of its name (for example “No. 2”) or choose from the list:
profile-school-none = I could not find that school. Try another part of the name. If your school is not in the directory, write to the centre's administrator.
profile-school-found = { $count ->
    [one] Found { $count } school:
   *[other] Found { $count } schools:
}
profile-school-set = School: { $school }
profile-ask-subjects = Which subjects do you teach? Tick all that apply and press “Done”.
subjects-done = ✔️ Done
profile-subjects-set = Subjects: { $subjects }
profile-ask-experience = Your teaching experience:
profile-experience-set = Experience: { $value }
profile-ask-position = Your position:
profile-ask-staff-position = Your position at the centre:
profile-resume = Your profile is not finished yet; let's go on from where you stopped.
profile-position-set = Position: { $value }
profile-ask-grade = Which grade is your child in? It helps the psychologist. You may skip this.
grade-skip = Skip
profile-grade-set = Child's grade: { $grade }
profile-grade-skipped = No grade given; you can add it later in your profile.
onboarding-done = Done! Your profile is complete. The main menu is below; commands are in the menu next to the input field.
staff-send-id =
    Your Telegram ID: <code>{ $telegram_id }</code>

    Send it to the centre's administrator (tap the number to copy it): they will grant you your role, methodist, psychologist or another. When the role is there, I will tell you and update your menu.
staff-id-with-roles = Your Telegram ID: <code>{ $telegram_id }</code>. Your roles: { $roles }.

experience-lt3 = under 3 years
experience-3-10 = 3–10 years
experience-10-20 = 10–20 years
experience-20plus = over 20 years

position-teacher = teacher
position-primary_teacher = primary school teacher
position-deputy_head = deputy head
position-head = head teacher
position-speech_therapist = speech therapist / special educator
position-psychologist = school psychologist
position-social_pedagogue = social pedagogue
position-tutor = tutor
position-other = other
position-methodist = methodist
position-centre_head = head of the centre
position-centre_specialist = centre specialist

subject-primary = primary school
subject-russian = Russian language
subject-literature = literature
subject-math = mathematics
subject-informatics = computer science
subject-physics = physics
subject-chemistry = chemistry
subject-biology = biology
subject-geography = geography
subject-history = history
subject-social = social studies
subject-english = English
subject-foreign_other = another foreign language
subject-art = art
subject-music = music
subject-technology = technology
subject-pe = physical education
subject-safety = life safety
subject-special_needs = special needs education
subject-other = other

## --- profile
## /profile, /privacy, /forget

profile-title = <b>Your profile</b>
profile-not-set = not given
profile-line-name = Name: { $value }
profile-line-roles = Roles: { $value }
profile-line-school = School: { $value }
profile-line-subjects = Subjects: { $value }
profile-line-experience = Experience: { $value }
profile-line-position = Position: { $value }
profile-line-grade = Child's grade: { $value }
profile-line-language = Language: { $value }
profile-line-telegram-id = Telegram ID: <code>{ $value }</code>
role-staff-none = none yet (the centre's administrator grants them)
profile-edit-name = ✏️ Name
profile-edit-school = 🏫 School
profile-edit-subjects = 📚 Subjects
profile-edit-experience = ⏳ Experience
profile-edit-position = 💼 Position
profile-edit-grade = 🎒 Child's grade
profile-edit-language = 🌐 Language

privacy-text =
    <b>What data I keep</b>

    Operator: { $centre }.
    • Name, role, school, subjects, experience, position: to offer suitable events and support.
    • The child's grade (parents): so that the psychologist can prepare.
    • Event and consultation bookings, attendance, survey answers: for reminders, certificates and the network's reports (reports contain anonymous figures only).
    • Mentoring: the plan, meetings and their notes, the self-assessment and the conclusion, seen only by the pair (or group), the responsible methodist and the administrator.
    • Materials sent to the library, with your name as the author; after /forget unpublished ones are deleted and published ones lose your name.
    • Telegram ID: to reply to you.

    Centre staff see the data within their duties; consultation details are seen only by you, your psychologist and the administrator.
    To withdraw consent and delete your data: /forget.
privacy-consent-given = Consent (version { $version }) given on { $date }.

forget-nothing = I have no data about you.
forget-ask =
    Delete your data? Your name, school, subjects, experience, position, child's grade and contacts will be erased; your bookings will remain only as anonymous figures in reports. This cannot be undone.
forget-confirm = 🗑 Yes, delete my data
forget-keep = No, keep it
forget-kept = All right, nothing was deleted.
forget-done = Your data is deleted and your consent withdrawn.
forget-bye = If you want to come back, send /start.

## --- admin
## Roles and the schools directory (admins)

admin-staff-title = <b>Staff and their roles</b>
admin-staff-line = { $name }: { $roles }
admin-staff-empty = No roles have been granted yet.
admin-grant-hint = To grant a role: /grant with a Telegram ID or part of a name. The person must send /start first (centre staff choose “I work at the centre” and get their Telegram ID to send to you).
admin-grant-ask = Send the person's Telegram ID or part of their name.
admin-person-none = Nobody found. The person must send /start to the bot first. Try again or /cancel.
admin-person-many = Several people found, choose one:
admin-person-card =
    <b>{ $name }</b>
    Bot ID: { $user_id }, Telegram ID: <code>{ $telegram_id }</code>
    Roles: { $roles }

    Tap a role to grant or revoke it.
admin-coordinator-school = Coordinator of which school?
admin-roles-saved = Roles saved.
admin-back-to-person = ◀️ Back to the card
role-granted-notice =
    The centre's administrator granted you the role “{ $role }”.
    Now you can: { $abilities }

    Your main menu is updated: it is below, and the commands are in the “/” menu.
role-revoked-notice = The centre's administrator took away your role “{ $role }”. Your main menu and command list are updated: below and in the “/” menu.
role-abilities-methodist = create and publish events (/new_event), approve schools' proposals (/event_drafts), keep participant lists and attendance (/participants), launch surveys (/surveys), send announcements (/broadcast) and see the reports (/stats, /export).
role-abilities-psychologist = publish consultation times (/slots) and keep your day (/today).
role-abilities-coordinator = propose events from your school (/propose_event), see its participants (/participants) and its reports (/stats, /export).
role-abilities-admin = grant roles (/grant, /roles), keep the schools directory (/schools) and everything a methodist can do.

schools-title = <b>Schools directory</b>: { $count } (page { $page } of { $pages })
schools-add = ➕ Add
schools-import = 📥 Upload CSV
schools-back = ◀️ Back to the list
schools-rename = ✏️ Rename
schools-card =
    <b>{ $name }</b>
    Short name: { $short }
    Municipality: { $municipality }
    Low results (ШНРО): { $low_results }
    Unfavourable social conditions (ШФНСУ): { $unfavourable }
    Leading school: { $leading }
    Partner school: { $partner }
schools-toggle-low_results = Low results
schools-toggle-unfavourable_conditions = Unfavourable
schools-toggle-is_leading = Leading
schools-toggle-is_partner = Partner
schools-ask-name = Send the full name of the school. A short name may follow after “|”, e.g.: School No. 3 | Sch. 3
schools-ask-rename = Send the new full name (and the short one after “|” if needed).
schools-added = School added.
schools-ask-csv =
    Send a CSV file (up to 1 MB, UTF-8 or Windows-1251, separated by “;” or “,”).
    Columns: name; short_name; municipality; low_results; unfavourable; leading; partner. Flags are “yes”/“no” (or «да»/«нет»). A sample: /schools_template
schools-import-done = Upload finished: { $added } added, { $updated } updated, { $errors } rows with errors.
schools-import-error-line = Line { $line }: { $problem }
schools-import-more-errors = …and { $count } more rows with errors.
schools-template-caption = A sample file for uploading schools.
schools-csv-sample-row = Secondary School No. 1;School No. 1;Rudnya district;yes;no;no;yes

