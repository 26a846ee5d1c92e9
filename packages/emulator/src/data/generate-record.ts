import { hash32 } from './hash.js';
import { formatDateTime } from './time-format.js';
import {
  ACCOUNT_NAMES,
  CITIES,
  COMPANIES,
  COUNTRIES,
  DESCRIPTIONS,
  FIRST_NAMES,
  LAST_NAMES,
  PRODUCT_NAMES,
  STATES,
  STREETS,
  TITLES,
} from './word-lists.js';

/** Inputs every generated value depends on. */
export interface GenerationContext {
  readonly seed: number;
  /** Number of generated Accounts and the crmid of the first one. */
  readonly accountCount: number;
  readonly firstAccountCrmid: number;
}

/** Computes one field of generated record `index`. */
export type FieldGenerator = (
  index: number,
  context: GenerationContext,
) => string;

/** 2024-01-01 00:00:00 UTC: createdtime of every module's first record. */
const BASE_TIME = 1_704_067_200;
/** Seconds between the createdtime of two consecutive generated records. */
export const CREATED_STEP = 60;
/** Generated records were last modified at most this long after creation. */
export const MAX_MODIFY_DELAY = 30 * 86_400;

const LEAD_SOURCES = [
  'Cold Call',
  'Existing Customer',
  'Employee',
  'Partner',
  'Web Site',
  'Trade Show',
  '',
];
const INDUSTRIES = [
  'Banking',
  'Energy',
  'Food & Beverage',
  'Retail',
  'Technology',
  'Healthcare',
  '',
];
const LEAD_STATUSES = [
  'Attempted to Contact',
  'Cold',
  'Contact in Future',
  'Contacted',
  'Hot',
  'Junk Lead',
  'Lost Lead',
  'Not Contacted',
  'Pre Qualified',
  'Qualified',
  'Warm',
  '',
];
const SALUTATIONS = ['', '', 'Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'];

function salted(field: string): number {
  let h = 0;
  for (let i = 0; i < field.length; i++)
    h = Math.imul(h ^ field.charCodeAt(i), 16777619);
  return h >>> 0;
}

function pick<T>(
  list: readonly T[],
  index: number,
  seed: number,
  salt: number,
): T {
  return list[hash32(seed, index, salt) % list.length] as T;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Results of {@link asciiPart}, whose inputs all come from the word lists. */
const ASCII_PARTS = new Map<string, string>();

function asciiPart(text: string): string {
  let part = ASCII_PARTS.get(text);
  if (part === undefined) {
    part = text.toLowerCase().replace(/[^a-z]/g, '');
    ASCII_PARTS.set(text, part);
  }
  return part;
}

/** Seconds since the epoch at which generated record `index` was created. */
export function createdAt(index: number): number {
  return BASE_TIME + index * CREATED_STEP;
}

/** Seconds since the epoch at which generated record `index` was last modified. */
export function modifiedAt(index: number, seed: number): number {
  return createdAt(index) + (hash32(seed, index, 0x4d0d) % MAX_MODIFY_DELAY);
}

const S = {
  first: salted('firstname'),
  last: salted('lastname'),
  company: salted('company'),
  city: salted('city'),
  email: salted('email'),
  phone: salted('phone'),
  money: salted('money'),
  staff: salted('staff'),
  text: salted('description'),
  misc: salted('misc'),
  account: salted('account'),
  date: salted('birthday'),
};

function firstName(index: number, seed: number): string {
  return pick(FIRST_NAMES, index, seed, S.first);
}

function email(index: number, seed: number, last: string): string {
  if (hash32(seed, index, S.email) % 10 === 0) return '';
  const first = asciiPart(firstName(index, seed)) || 'x';
  return `${first}.${asciiPart(last) || 'x'}.${index}@example.com`;
}

function phone(index: number, seed: number, salt: number): string {
  const h = hash32(seed, index, salt);
  return h % 5 === 0 ? '' : `+1-555-${pad(h % 10000, 4)}`;
}

function currency(index: number, seed: number): string {
  const h = hash32(seed, index, S.money);
  if (h % 4 === 0) return '0.00000000';
  const cents = ['00', '50', '25', '99'][h % 4] as string;
  return `${(h >>> 4) % 1_000_000}.${cents}000000`;
}

function staffCount(index: number, seed: number): string {
  const h = hash32(seed, index, S.staff);
  return h % 5 === 0 ? '0' : String(h % 5000);
}

function date(index: number, seed: number, salt: number): string {
  const h = hash32(seed, index, salt);
  if (h % 3 === 0) return '';
  const day = new Date(Date.UTC(1950, 0, 1) + (h % 18_250) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

const COMMON: Record<string, FieldGenerator> = {
  assigned_user_id: () => '19x1',
  modifiedby: () => '19x1',
  source: () => 'WEBSERVICE',
  createdtime: (index) => formatDateTime(createdAt(index)),
  modifiedtime: (index, { seed }) => formatDateTime(modifiedAt(index, seed)),
  description: (index, { seed }) => pick(DESCRIPTIONS, index, seed, S.text),
  emailoptout: (index, { seed }) =>
    hash32(seed, index, S.misc) % 10 === 0 ? '1' : '0',
};

function lastName(index: number, seed: number): string {
  return pick(LAST_NAMES, index, seed, S.last);
}

const LEADS: Record<string, FieldGenerator> = {
  ...COMMON,
  salutationtype: (index, { seed }) => pick(SALUTATIONS, index, seed, S.misc),
  firstname: (index, { seed }) => firstName(index, seed),
  lead_no: (index) => `LEA${index + 1}`,
  phone: (index, { seed }) => phone(index, seed, S.phone),
  lastname: (index, { seed }) => `${lastName(index, seed)} ${pad(index, 4)}`,
  mobile: (index, { seed }) => phone(index, seed, S.phone + 1),
  company: (index, { seed }) => pick(COMPANIES, index, seed, S.company),
  designation: (index, { seed }) => pick(TITLES, index, seed, S.misc + 1),
  email: (index, { seed }) => email(index, seed, lastName(index, seed)),
  leadsource: (index, { seed }) => pick(LEAD_SOURCES, index, seed, S.misc + 2),
  website: (index, { seed }) =>
    hash32(seed, index, S.misc + 3) % 3 === 0
      ? `https://lead${index}.example.com`
      : '',
  industry: (index, { seed }) => pick(INDUSTRIES, index, seed, S.misc + 4),
  leadstatus: (index, { seed }) => pick(LEAD_STATUSES, index, seed, S.misc + 5),
  annualrevenue: (index, { seed }) => currency(index, seed),
  noofemployees: (index, { seed }) => staffCount(index, seed),
  lane: (index, { seed }) => pick(STREETS, index, seed, S.misc + 6),
  code: (index, { seed }) => pad(hash32(seed, index, S.misc + 7) % 100_000, 5),
  city: (index, { seed }) => pick(CITIES, index, seed, S.city),
  country: (index, { seed }) => pick(COUNTRIES, index, seed, S.city + 1),
  state: (index, { seed }) => pick(STATES, index, seed, S.city + 2),
};

const CONTACTS: Record<string, FieldGenerator> = {
  ...COMMON,
  salutationtype: LEADS.salutationtype as FieldGenerator,
  firstname: LEADS.firstname as FieldGenerator,
  contact_no: (index) => `CON${index + 1}`,
  phone: LEADS.phone as FieldGenerator,
  lastname: (index, { seed }) => `${lastName(index, seed)} C${pad(index, 3)}`,
  mobile: (index, { seed }) => {
    const h = hash32(seed, index, S.phone + 1);
    return h % 3 === 0 ? '' : `+44 7700 9${pad(h % 100_000, 5)}`;
  },
  account_id: (index, { seed, accountCount, firstAccountCrmid }) => {
    const h = hash32(seed, index, S.account);
    if (accountCount === 0 || h % 5 === 0) return '';
    return `11x${firstAccountCrmid + ((h >>> 3) % accountCount)}`;
  },
  leadsource: LEADS.leadsource as FieldGenerator,
  title: (index, { seed }) => pick(TITLES, index, seed, S.misc + 1),
  department: (index, { seed }) =>
    pick(['Sales', 'R&D', 'Finance; Ops', ''], index, seed, S.misc + 8),
  birthday: (index, { seed }) => date(index, seed, S.date),
  email: (index, { seed }) =>
    email(index, seed, lastName(index, seed)).replace(
      '@example.com',
      '@example.net',
    ),
  mailingstreet: LEADS.lane as FieldGenerator,
  mailingcity: LEADS.city as FieldGenerator,
  mailingstate: LEADS.state as FieldGenerator,
  mailingzip: LEADS.code as FieldGenerator,
  mailingcountry: LEADS.country as FieldGenerator,
};

const ACCOUNTS: Record<string, FieldGenerator> = {
  ...COMMON,
  accountname: (index) =>
    `${ACCOUNT_NAMES[index % ACCOUNT_NAMES.length] as string} #${pad(index, 3)}`,
  account_no: (index) => `ACC${index + 1}`,
  phone: (index, { seed }) => phone(index, seed, S.phone),
  website: (index) => `https://acct${index}.example.com`,
  email1: (index, { seed }) =>
    hash32(seed, index, S.email) % 3 === 0 ? '' : `info${index}@example.org`,
  employees: (index, { seed }) => staffCount(index, seed),
  industry: (index, { seed }) => pick(INDUSTRIES, index, seed, S.misc + 4),
  annual_revenue: (index, { seed }) => currency(index, seed),
  bill_street: (index, { seed }) => pick(STREETS, index, seed, S.misc + 6),
  bill_city: (index, { seed }) => pick(CITIES, index, seed, S.city),
  bill_country: (index, { seed }) => pick(COUNTRIES, index, seed, S.city + 1),
};

const PRODUCTS: Record<string, FieldGenerator> = {
  ...COMMON,
  productname: (index) =>
    `${PRODUCT_NAMES[index % PRODUCT_NAMES.length] as string} ${pad(index, 3)}`,
  product_no: (index) => `PRO${index + 1}`,
  productcode: (index) => `SKU-${pad(index, 5)}`,
  discontinued: () => '1',
  unit_price: (index, { seed }) => currency(index, seed),
  qtyinstock: (index, { seed }) => `${hash32(seed, index, S.staff) % 500}.000`,
};

const GENERATORS: Readonly<Record<string, Record<string, FieldGenerator>>> = {
  Leads: LEADS,
  Contacts: CONTACTS,
  Accounts: ACCOUNTS,
  Products: PRODUCTS,
};

/** Returns the stored value of an empty field of this type. */
export function emptyValue(typeName: string | undefined): string {
  switch (typeName) {
    case 'boolean':
    case 'integer':
      return '0';
    case 'currency':
      return '0.00000000';
    case 'double':
      return '0.000';
    case 'owner':
      return '19x1';
    default:
      return '';
  }
}

/**
 * Returns the function that computes one field of generated records from
 * their index and the seed alone, so no generated record is kept in memory.
 */
export function fieldGenerator(
  module: string,
  field: string,
  typeName: string | undefined,
): FieldGenerator {
  const generator = GENERATORS[module]?.[field];
  if (generator !== undefined) return generator;
  const empty = emptyValue(typeName);
  return () => empty;
}
