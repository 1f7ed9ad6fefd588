PAGES = [
    dict(name="volunteers.shifts", path="/volunteers/n/binjiang/", user="resident"),
]
