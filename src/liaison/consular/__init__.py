"""Citizens abroad: consular cases, deadlines, visits, imprisonment and transfer eligibility (issue 19)."""
