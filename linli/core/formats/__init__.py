"""Linli's changes to Django's date formats (settings.FORMAT_MODULE_PATH); Django's own
formats fill in everything not set here.

- Inputs: a form writes its value in the first input format. `<input type="date">` and
  `datetime-local` take only ISO values (2026-12-05, 2026-12-05 14:30); Django's Chinese
  formats start with 2026/12/05, which the browser drops, leaving the field empty.
- English times: Django's "P" writes "3 p.m.", and a sentence ending in a time then ends in
  "p.m..". Linli writes "3:00 PM".
"""
