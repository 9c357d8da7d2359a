"""The demo district (`manage.py demo_district`): the seed's real entities, generated records in
Chinese and English, and one demo account per role. Each app makes its own part in its `demo`
hook (`alleyhub.core.demo_context` documents the contract); loader.py orchestrates them, and
selectors.demo_accounts() feeds the login page."""
