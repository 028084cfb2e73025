## Menu, help, cancel, commands

menu-title = Main menu. Choose an action with the buttons below.
menu-profile = 👤 Profile
menu-help = ❓ Help
menu-roles = 🔑 Roles
menu-schools = 🏫 Schools

help-guest =
    I am the Network Coordinator: I help teachers find network events and sign up for them, and parents book consultations with psychologists.
    Send /start to begin.
help-intro = What I can do for you:

cancel-done = Cancelled. Nothing you had already saved is lost.
cancel-nothing = There is nothing to cancel right now.

cmd-start = start or return to the menu
cmd-menu = main menu
cmd-profile = my profile
cmd-language = язык / language
cmd-privacy = what data is kept and why
cmd-forget = delete my data
cmd-help = help
cmd-cancel = cancel the current action
cmd-roles = staff roles
cmd-grant = grant a role
cmd-schools = schools directory

unknown-command = There is no such command. Send /help to see what I can do.
unknown-message = I did not understand that. Choose an action in the menu below or send /help.
flow-unexpected-input =
    Right now I am waiting for something else: { $hint }
    To leave this step, send /cancel.
expect-default = an answer with the buttons under the message above.
expect-name = a name as text, for example “Maria Ivanova”.
expect-school = part of the school's name as text, or a choice with the buttons.
expect-school_name = the full name of the school as text.
expect-school_rename = the new name as text.
expect-school_csv = a CSV file sent as a document.
expect-find_person = a Telegram ID or part of the person's name.

deeplink-unknown = This link is outdated or wrong. Open the section you need from the menu.

language-name-ru = Russian
language-name-en = English
language-choose = Choose a language:
language-set = Done, I speak English now.
language-set-guest = Done. Send /start to continue.

flag-yes = yes
flag-no = no

role-teacher = teacher
role-parent = parent
role-psychologist = psychologist
role-methodist = methodist
role-coordinator = school coordinator
role-admin = administrator

topic-exam_prep = state exam preparation (OGE, EGE)
topic-low_achievers = low-achieving and unmotivated pupils
topic-individual_routes = individual learning routes
topic-disabilities = pupils with disabilities, inclusion
topic-gifted = gifted pupils
topic-activity_methods = activity-based teaching technologies
topic-assessment = assessment of learning outcomes
topic-parents = working with parents
topic-digital = digital and distance learning tools
topic-motivation = pupil motivation and anxiety
topic-work_programmes = writing work programmes
topic-functional_literacy = functional literacy
topic-mentoring = mentoring
topic-management = managing the quality of education
topic-upbringing = upbringing and extracurricular work

group-private-only = I work in private messages, so that nothing personal is said in a group. Write to me: @{ $username }
