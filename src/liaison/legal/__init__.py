"""Legal requests: extradition, mutual legal assistance, verification and transfer of sentenced persons, each on
its treaty basis (treaty terms kept per agreement of the cooperation registry, or reciprocity), with its deadlines
and refusal grounds (docs/decisions/0041-legal-requests.md).

Public functions other apps call (citizens abroad, issue 19):

- ``liaison.legal.queries.transfer_eligibility(*, person, nationality, sentence_days, served_days, judgment_final,
  consent, dual_criminality, partner_agency, actor) -> Eligibility(eligible, failed, treaty)``
- ``liaison.legal.actions.do_start_transfer_request(*, person, partner_agency, actor, court=, judgment_reference=,
  judgment_date=, judgment_final=, sentence_days=, served_days=, consent=, facts=) -> LegalRequest`` (a draft)
"""
