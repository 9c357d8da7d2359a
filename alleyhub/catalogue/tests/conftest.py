from alleyhub.listings.tests.conftest import member, operator, other_member, outsider, owner_org  # noqa: F401
