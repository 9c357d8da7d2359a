"""Which kinds of source are matched with which kinds of target, as data.

Read by the match services (what to compute), the selectors (who may see which matches) and the
pages (the order of a source's groups). Nothing here touches the database."""

from __future__ import annotations

from .models import DocumentKind

# What each kind of source is matched against, in the order its groups are shown.
PAIRINGS: dict[str, tuple[str, ...]] = {
    DocumentKind.DEMAND: (DocumentKind.OUTCOME, DocumentKind.EXPERT),
    DocumentKind.OUTCOME: (DocumentKind.DEMAND, DocumentKind.ORGANIZATION),
    DocumentKind.ORGANIZATION: (DocumentKind.INVESTOR, DocumentKind.SERVICE),
    DocumentKind.REQUEST: (DocumentKind.SPACE,),
}

# Which sources a document of each kind can be a match for (the reverse of PAIRINGS).
REVERSE_PAIRINGS: dict[str, tuple[str, ...]] = {
    target: tuple(source for source, targets in PAIRINGS.items() if target in targets)
    for target in {t for targets in PAIRINGS.values() for t in targets}
}

# Organisations take part in matching as enterprises only (a start-up's funding need, an
# outcome's possible buyers); institutes, investors etc. are found through their listings.
MATCHED_ORG_KINDS = ("enterprise",)

# The checks that mean something for a target kind; others (a budget against an expert) are left
# out of stored explanations. Kinds not listed keep every check.
RELEVANT_CHECKS: dict[str, frozenset[str]] = {
    DocumentKind.EXPERT: frozenset({"industry_overlap"}),
    DocumentKind.ORGANIZATION: frozenset({"industry_overlap", "stage_fits", "subdistrict_is"}),
    DocumentKind.INVESTOR: frozenset({"industry_overlap", "stage_fits", "ticket_fits"}),
    DocumentKind.SERVICE: frozenset({"stage_fits", "category_is", "industry_overlap"}),
}
