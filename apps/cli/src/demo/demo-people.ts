import type { RouteInput } from '@parley/protocol';

type Role = RouteInput<'createStaff'>['body']['roles'][number];

/** Demo staff, one or two per role: enough people for every two-person rule. */
export const demoStaff = [
  { key: 'quinn', name: 'Quinn Okafor', roles: ['policy_admin'] },
  { key: 'hana', name: 'Hana Sato', roles: ['human_rights_lead'] },
  { key: 'ines', name: 'Inés Romero', roles: ['intake'] },
  { key: 'lena', name: 'Lena Fischer', roles: ['legal_reviewer'] },
  { key: 'marc', name: 'Marc Dubois', roles: ['legal_reviewer'] },
  { key: 'audrey', name: 'Audrey Lin', roles: ['auditor'] },
] as const satisfies readonly Readonly<{ key: string; name: string; roles: readonly Role[] }>[];

export type StaffKey = (typeof demoStaff)[number]['key'];

type AgencyBody = RouteInput<'createAgency'>['body'];

/** Demo agencies; `officer` is null for the one left waiting for approval. */
export const demoAgencies = [
  {
    key: 'hkpf',
    agency: {
      name: 'Hong Kong Police Force',
      kind: 'police',
      jurisdiction: 'HK',
      emailDomains: ['police.gov.hk'],
      callbackNumber: '+852 2860 2000',
      callbackSource: 'Hong Kong government telephone directory',
    },
    officer: { email: 'inspector.wong@police.gov.hk', name: 'Inspector K. Wong' },
  },
  {
    key: 'fbi',
    agency: {
      name: 'Federal Bureau of Investigation',
      kind: 'police',
      jurisdiction: 'US',
      emailDomains: ['fbi.gov'],
      callbackNumber: '+1 202 324 3000',
      callbackSource: 'fbi.gov contact page, confirmed by phone',
    },
    officer: { email: 'agent.smith@fbi.gov', name: 'Special Agent J. Smith' },
  },
  {
    key: 'bka',
    agency: {
      name: 'Bundeskriminalamt',
      kind: 'police',
      jurisdiction: 'DE',
      emailDomains: ['bka.bund.de'],
      callbackNumber: '+49 611 550',
      callbackSource: 'bka.de Impressum',
    },
    officer: { email: 'k.becker@bka.bund.de', name: 'KHK Katrin Becker' },
  },
  {
    key: 'met',
    agency: {
      name: 'Metropolitan Police Service',
      kind: 'police',
      jurisdiction: 'GB',
      emailDomains: ['met.police.uk'],
      callbackNumber: '+44 20 7230 1212',
      callbackSource: 'met.police.uk switchboard',
    },
    officer: { email: 'd.hughes@met.police.uk', name: 'DS Dylan Hughes' },
  },
  {
    key: 'pf',
    agency: {
      name: 'Polícia Federal',
      kind: 'police',
      jurisdiction: 'BR',
      emailDomains: ['pf.gov.br'],
      callbackNumber: '+55 61 2024 8000',
      callbackSource: 'gov.br directory',
    },
    officer: { email: 'r.almeida@pf.gov.br', name: 'Delegado R. Almeida' },
  },
  {
    key: 'garda',
    agency: {
      name: 'An Garda Síochána',
      kind: 'police',
      jurisdiction: 'IE',
      emailDomains: ['garda.ie'],
      callbackNumber: '+353 1 666 0000',
      callbackSource: 'garda.ie contact page (not yet confirmed)',
    },
    officer: null,
  },
] as const satisfies readonly Readonly<{
  key: string;
  agency: AgencyBody;
  officer: Readonly<{ email: string; name: string }> | null;
}>[];

export type AgencyKey = Exclude<(typeof demoAgencies)[number], { officer: null }>['key'];

/** Members registered through the sdk; the jurisdiction is what each declared (Parley never infers it). */
export const demoMembers = [
  { username: 'carrie', jurisdiction: 'HK' },
  { username: 'jimmy', jurisdiction: 'HK' },
  { username: 'amira', jurisdiction: 'US' },
  { username: 'ben', jurisdiction: 'US' },
  { username: 'dana', jurisdiction: 'DE' },
  { username: 'edward', jurisdiction: 'GB' },
  { username: 'fatima', jurisdiction: 'BR' },
  { username: 'gus', jurisdiction: null },
] as const;

export type MemberName = (typeof demoMembers)[number]['username'];
