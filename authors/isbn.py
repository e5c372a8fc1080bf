from django.core.exceptions import ValidationError


def normalise_isbn(value):
    return "".join(ch for ch in str(value) if ch.isdigit() or ch in "Xx").upper()


def isbn13_is_valid(value):
    digits = normalise_isbn(value)
    if len(digits) != 13 or not digits.isdigit() or not digits.startswith(("978", "979")):
        return False
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


def validate_isbn13(value):
    if not isbn13_is_valid(value):
        raise ValidationError(
            "“%(value)s” is not a valid ISBN-13: it needs 13 digits starting 978 or 979, and the last digit "
            "must match the check digit.",
            params={"value": value},
            code="invalid_isbn",
        )


def format_isbn13(value):
    digits = normalise_isbn(value)
    return f"{digits[:3]}-{digits[3:]}" if len(digits) == 13 else value
