/**
 * 智能自助 at the kiosk: what the citizen fills in on their ticket while waiting (the matter and
 * the applicant), checked as the counter's intake checks it, and the `PUT /tickets/{id}/draft` body.
 */
import type { ApplicantView, TicketDraftRequest } from '../api/types';
import { applicantInput, applicantProblems, type FieldProblem, type OrganisationForm, type PersonForm } from './intake';

export interface KioskDraftForm {
  /** A matter (or bundle) code; null until one is picked. */
  matter: string | null;
  applicantKind: 'person' | 'organisation';
  person: PersonForm;
  organisation: OrganisationForm;
}

export type DraftProblem = FieldProblem | 'matterRequired';

/** A blank form, the matter already chosen when the ticket was taken for one. */
export function emptyDraftForm(matter: string | null = null): KioskDraftForm {
  return {
    matter,
    applicantKind: 'person',
    person: { name: '', id_number: '', phone: '' },
    organisation: { name: '', credit_code: '', legal_representative: '', phone: '' },
  };
}

/** What stops saving, field by field (`matter` and the applicant's fields). */
export function draftProblems(form: KioskDraftForm): Partial<Record<string, DraftProblem>> {
  const out: Partial<Record<string, DraftProblem>> = { ...applicantProblems(form) };
  if (!form.matter) out.matter = 'matterRequired';
  return out;
}

/** The request body: only the chosen kind's fields, trimmed and normalised. */
export function draftRequest(form: KioskDraftForm): TicketDraftRequest {
  if (!form.matter) throw new Error('no matter chosen');
  return { matter: form.matter, applicant: applicantInput(form) };
}

/** The masked applicant the server sends back, as label key + value rows for the confirmation. */
export function draftSummary(a: ApplicantView): { label: string; value: string }[] {
  const rows: { label: string; value: string }[] = [];
  if (a.kind === 'organisation') {
    rows.push({ label: 'orgName', value: a.name });
    if (a.credit_code) rows.push({ label: 'creditCode', value: a.credit_code });
    if (a.legal_representative) rows.push({ label: 'legalRep', value: a.legal_representative });
  } else {
    rows.push({ label: 'personName', value: a.name });
    if (a.id_number) rows.push({ label: 'idNumber', value: a.id_number });
  }
  rows.push({ label: 'phone', value: a.phone });
  return rows;
}
