## Daily digest for staff

digest-title = <b>Сводка за { $day }</b>
digest-new-people = Новые пользователи за сутки: педагогов — { $teachers }, родителей — { $parents }.
digest-failures = Не доставлено сообщений за сутки: { $failed }, заблокировали бота: { $blocked }.
