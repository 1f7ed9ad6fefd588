PAGES = [
    dict(name="activities.calendar", path="/activities/n/binjiang/calendar/", user="resident"),
    dict(name="activities.list", path="/activities/n/binjiang/", user="resident"),
]
