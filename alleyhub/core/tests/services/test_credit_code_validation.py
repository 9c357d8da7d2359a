import pytest
from django.core.exceptions import ValidationError

from alleyhub.core.validators import credit_code_check_char, is_valid_credit_code, validate_credit_code


def test_standard_example_code_is_valid():
    # The worked example in GB 32100-2015.
    assert is_valid_credit_code("91350100M000100Y43")


def test_check_char_is_computed_from_the_first_17_characters():
    assert credit_code_check_char("91350100M000100Y4") == "3"


@pytest.mark.parametrize(
    "code",
    ["91350100M000100Y44", "91350100M000100Y4", "91350100M000100YI3", "913501OOM000100Y43", ""],
)
def test_wrong_codes_are_refused(code):
    if code == "":
        validate_credit_code(code)  # empty is allowed: the field is optional
        return
    with pytest.raises(ValidationError):
        validate_credit_code(code)
