"""Spreadsheet builders for the sheets tests: every bad file is generated here, none is checked in."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile

from alleyhub.catalogue.tests.factories import ServiceOfferingFactory  # noqa: F401 - for the tests
from alleyhub.directory.tests.factories import AffiliationFactory, PersonFactory  # noqa: F401
from alleyhub.listings.tests.factories import (  # noqa: F401
    IndustryFactory,
    InvestorProfileFactory,
    MembershipFactory,
    OperatorFactory,
    OrganizationFactory,
    TechDemandFactory,
    TechOutcomeFactory,
    UserFactory,
)
from alleyhub.spaces.tests.factories import BuildingFactory, SpaceUnitFactory  # noqa: F401


def xlsx_bytes(
    sheets: dict[str, list[list[Any]]], *, merge_header: bool = False, formulas: bool = False
) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"strings_to_numbers": False, "strings_to_formulas": False})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if formulas and isinstance(value, str) and value.startswith("=") and r > 0:
                    sheet.write_formula(r, c, value, None, 7)
                else:
                    sheet.write(r, c, value)
        if merge_header:
            sheet.merge_range(0, 0, 0, 1, rows[0][0])
    book.close()
    return out.getvalue()


def upload(data: bytes, name: str = "data.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)
