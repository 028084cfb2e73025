## Dates and times as people type them, and the reading shown back

date-reading = { $weekday }, { $date }, { $time } ({ $zone })
date-understood = I read it as: { $reading }. Is that right?
date-which = This can be read more than one way. Which did you mean?
date-btn-yes = Yes, that's right
date-btn-change = Change
date-weekday-0 = Monday
date-weekday-1 = Tuesday
date-weekday-2 = Wednesday
date-weekday-3 = Thursday
date-weekday-4 = Friday
date-weekday-5 = Saturday
date-weekday-6 = Sunday
error-date-no-time = Add the time too, for example: “25 December 15:00” or “friday 3pm”.
error-date-dot-ambiguous = Is “{ $typed }” a time or a date? Write a time with a colon (“12:01”) and a date with its time (“12.01 15:00” or “12 January 15:00”).
error-date-ambiguous = This can be read more than one way. Write the date in numbers, for example “07.12 15:00”.
error-date-unparseable = Could not read the date and time. Write, for example: “25 December 15:00”, “friday 3pm” or “tomorrow 10:00-11:30”.
error-date-bad-date = There is no such date. Check the day and month.
error-date-bad-time = There is no such time. Hours 0–23, minutes 00–59.
error-date-past = That time has passed. Give a date in the future.
error-date-end-before-start = The end must be after the start.
