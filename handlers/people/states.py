from aiogram.fsm.state import State, StatesGroup


class Onboarding(StatesGroup):
    language = State()
    role = State()
    consent = State()


class ProfileForm(StatesGroup):
    name = State()
    school = State()
    subjects = State()
    experience = State()
    position = State()
    grade = State()


class AdminForm(StatesGroup):
    find_person = State()
    school_name = State()
    school_rename = State()
    school_csv = State()
