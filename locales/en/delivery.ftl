## Daily digest for staff

digest-title = <b>Summary for { $day }</b>
digest-new-people = New users in the last 24 hours: teachers { $teachers }, parents { $parents }.
digest-failures = Messages not delivered in the last 24 hours: { $failed }; blocked the bot: { $blocked }.
