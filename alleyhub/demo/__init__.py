"""The demo district (`manage.py demo_district`): the seed's real entities, generated records in
Chinese and English, and one demo account per role. loader.py runs the phases, context.py documents
the `load(ctx)` hook other apps use to add their own demo data, selectors.demo_accounts() feeds the
login page."""
