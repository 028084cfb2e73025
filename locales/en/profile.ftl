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
    • Telegram ID: to reply to you.

    Centre staff see the data within their duties; consultation details are seen only by you, your psychologist and the administrator.
    To withdraw consent and delete your data: /forget.
privacy-consent-given = Consent (version { $version }) given on { $date }.

forget-nothing = I have no data about you.
forget-ask =
    Delete your data? Your name, school, subjects and contacts will be erased; your bookings will remain only as anonymous figures in reports. This cannot be undone.
forget-confirm = 🗑 Yes, delete my data
forget-keep = No, keep it
forget-kept = All right, nothing was deleted.
forget-done = Your data is deleted and your consent withdrawn.
forget-bye = If you want to come back, send /start.
