## /start, consent and the profile questions

start-choose-language = Hello! This is the Network Coordinator.
    Выберите язык / Choose your language:
start-choose-role = Who are you? This decides what I will offer you.
role-choice-teacher = 👩‍🏫 I am a teacher
role-choice-parent = 👪 I am a parent
start-welcome-back = Welcome back! The main menu is below.
start-needs-onboarding = Let's get acquainted first: send /start.

consent-text =
    <b>Consent to the processing of personal data</b>

    { $centre } (the operator) processes your data under Federal Law No. 152-FZ “On Personal Data”.

    <b>What is kept:</b> name, role, school, subjects, experience and position (teachers), the child's grade (parents), your event and consultation bookings, survey answers, Telegram ID.
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
profile-position-set = Position: { $value }
profile-ask-grade = Which grade is your child in? It helps the psychologist. You may skip this.
grade-skip = Skip
profile-grade-set = Child's grade: { $grade }
profile-grade-skipped = No grade given; you can add it later in your profile.
onboarding-done = Done! Your profile is complete. The main menu is below; commands are in the menu next to the input field.

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
