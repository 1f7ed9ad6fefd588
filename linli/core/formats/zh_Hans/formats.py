from django.conf.locale.zh_Hans import formats as django

DATE_INPUT_FORMATS = ["%Y-%m-%d", *(f for f in django.DATE_INPUT_FORMATS if f != "%Y-%m-%d")]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M",
    *(f for f in django.DATETIME_INPUT_FORMATS if f != "%Y-%m-%d %H:%M"),
]
