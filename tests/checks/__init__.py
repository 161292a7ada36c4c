"""Checkers the suite runs over every built page.

Each checker is a plain function that takes a page (a Playwright page, a file,
or a URL) and returns the problems it found as readable strings; an empty list
means the page passes. The real tests (tests/test_*.py) and the tests of the
tests (tests/test_checkers.py, on the deliberately broken pages in
tests/fixtures/broken_pages/) call the same functions.
"""
