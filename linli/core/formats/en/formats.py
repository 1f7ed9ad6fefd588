TIME_FORMAT = "g:i A"  # 3:00 PM (Django's "P" gives "3 p.m.", and "p.m.." at a sentence's end)
DATETIME_FORMAT = "N j, Y, g:i A"  # Dec. 5, 2026, 3:00 PM
SHORT_DATETIME_FORMAT = "Y-m-d g:i A"  # 2026-12-05 3:00 PM
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
]
