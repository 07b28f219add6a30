/**
 * The intake wizard's pure logic (无差别全科受理): one search over matters and 一件事 bundles,
 * the clerk's ticks of the checklist, the applicant and delivery checks, and the request body.
 */
import type { ApplicantInput, ApplicantView, BundleView, CreateCaseRequest, DeliveryInput, MaterialView, MatterView } from '../api/types';
import { isValidCreditCode, normalizeCreditCode } from './creditCode';
import { isValidIdNumber, normalizeIdNumber } from './idNumber';
import { buildMatterIndex, searchMatters, type SearchableMatter } from './matterSearch';
import { normalizePhone } from './phone';

/** Something a case can be opened for: a matter, or a bundle of matters. */
export interface IntakeTarget extends SearchableMatter {
  kind: 'matter' | 'bundle';
  /** The member matter codes (a matter: itself). */
  members: string[];
}

export function intakeTargets(matters: readonly MatterView[], bundles: readonly BundleView[], bundleLabel = '一件事'): IntakeTarget[] {
  return [
    ...bundles.map(
      (b): IntakeTarget => ({
        kind: 'bundle',
        code: b.code,
        name: b.name,
        keywords: withInitials(b.keywords, b.initials),
        department_name: bundleLabel,
        members: b.matters.map((m) => m.code),
      }),
    ),
    ...matters.map(
      (m): IntakeTarget => ({
        kind: 'matter',
        code: m.code,
        name: m.name,
        keywords: withInitials(m.keywords, m.initials),
        department_name: m.department_name,
        members: [m.code],
      }),
    ),
  ];
}

/** The server's pinyin initials of the name (lower case), searched like the ones computed here. */
const withInitials = (keywords: string[], initials: string | undefined) => (initials ? [...keywords, initials.toUpperCase()] : keywords);

/** Matters and bundles by name, code, keyword or pinyin initials (bundles first among equals). */
export function searchTargets(targets: readonly IntakeTarget[], query: string): IntakeTarget[] {
  return searchMatters(buildMatterIndex(targets), query);
}

export type Tick = 'provided' | 'missing' | 'deferred';

/** Every material starts as provided (the usual case: the clerk marks what is not there). */
export function initialTicks(materials: readonly MaterialView[]): Record<string, Tick> {
  return Object.fromEntries(materials.map((m) => [m.code, 'provided' as Tick]));
}

/** A tick the material allows: deferred only for deferrable ones. */
export function allowedTick(material: MaterialView, tick: Tick): Tick {
  return tick === 'deferred' && !material.deferrable ? 'missing' : tick;
}

export interface PersonForm {
  name: string;
  id_number: string;
  phone: string;
}
export interface OrganisationForm {
  name: string;
  credit_code: string;
  legal_representative: string;
  phone: string;
}
export interface DeliveryForm {
  method: 'window' | 'mail';
  recipient: string;
  phone: string;
  address: string;
}
export interface IntakeForm {
  matter: string;
  ticket_id: number | null;
  counter: string | null;
  applicantKind: 'person' | 'organisation';
  person: PersonForm;
  organisation: OrganisationForm;
  materials: readonly MaterialView[];
  ticks: Record<string, Tick>;
  delivery: DeliveryForm;
}

export type FieldProblem =
  | 'nameRequired'
  | 'idNumber'
  | 'creditCode'
  | 'legalRepRequired'
  | 'phone'
  | 'recipientRequired'
  | 'mailPhone'
  | 'addressRequired';

/** A mainland mobile number (as the server's `Phone::parse`). */
export function isValidPhone(raw: string): boolean {
  return normalizePhone(raw) !== null;
}
const phoneOut = (raw: string) => normalizePhone(raw) ?? raw.trim();

/** What stops the applicant step, field by field. */
export function applicantProblems(form: Pick<IntakeForm, 'applicantKind' | 'person' | 'organisation'>): Partial<Record<string, FieldProblem>> {
  const out: Partial<Record<string, FieldProblem>> = {};
  if (form.applicantKind === 'person') {
    const p = form.person;
    if (!p.name.trim()) out.name = 'nameRequired';
    if (!isValidIdNumber(p.id_number)) out.id_number = 'idNumber';
    if (!isValidPhone(p.phone)) out.phone = 'phone';
  } else {
    const o = form.organisation;
    if (!o.name.trim()) out.name = 'nameRequired';
    if (!isValidCreditCode(o.credit_code)) out.credit_code = 'creditCode';
    if (!o.legal_representative.trim()) out.legal_representative = 'legalRepRequired';
    if (!isValidPhone(o.phone)) out.phone = 'phone';
  }
  return out;
}

export function deliveryProblems(d: DeliveryForm): Partial<Record<string, FieldProblem>> {
  const out: Partial<Record<string, FieldProblem>> = {};
  if (d.method === 'mail') {
    if (!d.recipient.trim()) out.recipient = 'recipientRequired';
    if (!isValidPhone(d.phone)) out.phone = 'mailPhone';
    if (!d.address.trim()) out.address = 'addressRequired';
  }
  return out;
}

export function applicantInput(form: Pick<IntakeForm, 'applicantKind' | 'person' | 'organisation'>): ApplicantInput {
  if (form.applicantKind === 'person') {
    const p = form.person;
    return { kind: 'person', name: p.name.trim(), id_number: normalizeIdNumber(p.id_number), phone: phoneOut(p.phone) };
  }
  const o = form.organisation;
  return {
    kind: 'organisation',
    name: o.name.trim(),
    credit_code: normalizeCreditCode(o.credit_code),
    legal_representative: o.legal_representative.trim(),
    phone: phoneOut(o.phone),
  };
}

export function deliveryInput(d: DeliveryForm): DeliveryInput {
  if (d.method === 'window') return { method: 'window' };
  return { method: 'mail', recipient: d.recipient.trim(), phone: phoneOut(d.phone), address: d.address.trim() };
}

/** The body of `POST /api/v1/cases`: every checklist material with its tick. */
export function caseRequest(form: IntakeForm): CreateCaseRequest {
  const body: CreateCaseRequest = {
    matter: form.matter,
    applicant: applicantInput(form),
    materials: form.materials.map((m) => ({ code: m.code, state: allowedTick(m, form.ticks[m.code] ?? 'missing') })),
    delivery: deliveryInput(form.delivery),
  };
  if (form.ticket_id !== null) body.ticket_id = form.ticket_id;
  if (form.counter) body.counter = form.counter;
  return body;
}

/** What the ticks amount to, before the server decides: 受理, 容缺受理 or 一次性告知. */
export function expectedOutcome(materials: readonly MaterialView[], ticks: Record<string, Tick>): 'accept' | 'pledge' | 'notice' {
  let pledge = false;
  for (const m of materials) {
    if (!m.required) continue;
    const tick = allowedTick(m, ticks[m.code] ?? 'missing');
    if (tick === 'provided') continue;
    if (m.deferrable) pledge = true;
    else return 'notice';
  }
  return pledge ? 'pledge' : 'accept';
}

/** Fen → "¥12.50"; 0 → null (free). */
export function feeYuan(fen: number): string | null {
  return fen > 0 ? `¥${(fen / 100).toFixed(2)}` : null;
}

/** The applicant part of the form from a kiosk draft (or an earlier case): what it carries. */
export function applicantFromView(a: ApplicantView): Pick<IntakeForm, 'applicantKind' | 'person' | 'organisation'> {
  const kind = a.kind === 'organisation' ? 'organisation' : 'person';
  return {
    applicantKind: kind,
    person: kind === 'person' ? { name: a.name, id_number: a.id_number ?? '', phone: a.phone } : { name: '', id_number: '', phone: '' },
    organisation:
      kind === 'organisation'
        ? { name: a.name, credit_code: a.credit_code ?? '', legal_representative: a.legal_representative ?? '', phone: a.phone }
        : { name: '', credit_code: '', legal_representative: '', phone: '' },
  };
}
