## Roles and the schools directory (admins)

admin-staff-title = <b>Staff and their roles</b>
admin-staff-line = { $name }: { $roles }
admin-staff-empty = No roles have been granted yet.
admin-grant-hint = To grant a role: /grant with a Telegram ID or part of a name. The person must send /start first.
admin-grant-ask = Send the person's Telegram ID or part of their name.
admin-person-none = Nobody found. The person must send /start to the bot first. Try again or /cancel.
admin-person-many = Several people found, choose one:
admin-person-card =
    <b>{ $name }</b>
    Bot ID: { $user_id }, Telegram ID: { $telegram_id }
    Roles: { $roles }

    Tap a role to grant or revoke it.
admin-coordinator-school = Coordinator of which school?
admin-roles-saved = Roles saved.

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
