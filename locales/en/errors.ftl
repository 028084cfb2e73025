## Errors every feature may raise

error-generic = That did not work. Please try again.
error-unexpected = Something went wrong on our side. We know about it. Please try again a little later or send /menu.
error-unavailable = I cannot reach the database right now; this is temporary. Nothing was saved or changed. Please try again in a minute.
error-access-denied = You do not have the right to do this. If you need it for your work, ask the centre's administrator to grant you the role (your Telegram ID is in /profile).
error-not-found = I could not find that; it may have been deleted.
error-invalid-input = I did not understand that. Try again or send /cancel.
error-conflict = This action is not possible right now.
error-needs-onboarding = Let's get acquainted first: send /start.
error-stale-button = This button is outdated. Open the section again from the menu.
error-name-empty = The text is empty. Please write it in words.
error-name-too-long = Too long: at most { $max } characters.
error-name-letters = A name must contain letters.
error-subjects-empty = Tick at least one subject.
error-grade-range = A grade is a number from 1 to 11.
error-search-too-short = Type at least two letters of a name, or a Telegram ID.
error-coordinator-needs-school = A coordinator needs a school.
error-revoke-own-admin = You cannot remove your own administrator role.
error-school-exists = A school with this name already exists.
error-file-too-big = The file is too big: at most { $max_kb } KB.
error-csv-empty = The file is empty.
error-csv-encoding = Could not read the file: save it as UTF-8 or Windows-1251.
error-csv-header = The first row has no “name” column. The columns are: { $columns }.
error-csv-row-no-name = the school has no name.
error-csv-row-too-long = the value in column { $column } is too long.
error-csv-row-duplicate = this school already appeared above in the file.
error-csv-row-flag = column { $column } has “{ $value }”, but it must be yes or no.
error-csv-row-columns = the row has { $found } { $found ->
    [one] column
   *[other] columns
}, the header has { $needed }.
