// Names, label keys and values, annotations (upstream's pkg/util/validation,
// pkg/api/validation/objectmeta.go and generic.go, meta/v1/validation). The is* checks return
// the list of rules a value breaks, in upstream's words; the validate* functions turn them
// into field errors. Lengths are UTF-8 bytes, as Go's len() counts them.

import { invalid, tooLong, withOrigin, type FieldError, type Path } from '../field-errors.ts';
import { truncateUtf8, utf8Length } from '../go-format.ts';

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const DNS1035_LABEL_MAX_LENGTH = 63;
export const QUALIFIED_NAME_MAX_LENGTH = 63;
export const LABEL_VALUE_MAX_LENGTH = 63;
/** Keys plus values of all annotations of one object, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

export function emptyError(): string {
  return 'must be non-empty';
}

/** Upstream's RegexError: the message, then examples and the regex in parentheses. */
export function regexError(message: string, regex: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${regex}')`;
  const listed = examples.map((e, i) => (i > 0 ? ' or ' : '') + `'${e}', `).join('');
  return `${message} (e.g. ${listed}regex used for validation is '${regex}')`;
}

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123LabelRe = new RegExp(`^${dns1123LabelFmt}$`);
const dns1123LabelMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainRe = new RegExp(`^${dns1123SubdomainFmt}$`);
const dns1123SubdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const dns1035LabelRe = new RegExp(`^${dns1035LabelFmt}$`);
const dns1035LabelMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const qualifiedNameRe = new RegExp(`^${qualifiedNameFmt}$`);
const qualifiedNameMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const labelValueFmt = `(${qualifiedNameFmt})?`;
const labelValueRe = new RegExp(`^${labelValueFmt}$`);
const labelValueMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** RFC 1123 label: namespace names, most DNS-facing names. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123LabelRe.test(value)) {
    errs.push(dns1123SubdomainRe.test(value)
      ? 'must not contain dots'
      : regexError(dns1123LabelMsg, dns1123LabelFmt, 'my-name', '123-abc'));
  }
  return errs;
}

/** RFC 1123 subdomain: the names of most objects. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123SubdomainRe.test(value)) errs.push(regexError(dns1123SubdomainMsg, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

/** RFC 1035 label: Service names, which become DNS names that must start with a letter. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!dns1035LabelRe.test(value)) errs.push(regexError(dns1035LabelMsg, dns1035LabelFmt, 'my-name', 'abc-123'));
  return errs;
}

/** A qualified name ("name" or "dns.prefix/name"): label keys, annotation keys, finalizers. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix === '') errs.push('prefix part ' + emptyError());
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => 'prefix part ' + m));
  } else {
    return [
      'a qualified name ' + regexError(qualifiedNameMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')
        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name === '') errs.push('name part ' + emptyError());
  else if (utf8Length(name) > QUALIFIED_NAME_MAX_LENGTH) errs.push('name part ' + maxLenError(QUALIFIED_NAME_MAX_LENGTH));
  if (!qualifiedNameRe.test(name)) {
    errs.push('name part ' + regexError(qualifiedNameMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc'));
  }
  return errs;
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!labelValueRe.test(value)) errs.push(regexError(labelValueMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  return errs;
}

/**
 * Validates a name, or with prefix=true a generateName that will get a random suffix.
 * Resource strategies pick one of the three below.
 */
export type ValidateNameFunc = (name: string, prefix: boolean) => string[];

// A generateName may end in '-' since the suffix follows it. Upstream masks that by replacing
// the last two characters with "a" (not just the dash); kept as is so results agree.
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, -2) + 'a' : name;
}

export const nameIsDNSSubdomain: ValidateNameFunc = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

export const nameIsDNSLabel: ValidateNameFunc = (name, prefix) =>
  isDNS1123Label(prefix ? maskTrailingDash(name) : name);

export const nameIsDNS1035Label: ValidateNameFunc = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);

export function validateLabelName(name: string, at: Path): FieldError[] {
  return withOrigin(isQualifiedName(name).map((m) => invalid(at, name, m)), 'labelKey');
}

/** Keys must be qualified names, values valid label values; errors are reported at `at`. */
export function validateLabels(labels: Readonly<Record<string, string>> | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, at));
    errs.push(...isValidLabelValue(v).map((m) => invalid(at, v, m)));
  }
  return errs;
}

/** Keys are qualified names in any case; keys and values together stay within 256 KiB. */
export function validateAnnotations(annotations: Readonly<Record<string, string>> | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    errs.push(...isQualifiedName(k.toLowerCase()).map((m) => invalid(at, k, m)));
    total += utf8Length(k) + utf8Length(v);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(at, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

const maxNameLength = 63;
const randomLength = 5;
/** The longest generateName kept whole; longer ones are cut to leave room for the suffix. */
export const MAX_GENERATED_NAME_LENGTH = maxNameLength - randomLength;

// No vowels, so generated names never spell words; no 0/1/3 that look like letters.
const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

/** Random bytes drawn a pool at a time: one call into the system's generator per 4 KiB, not per name. */
const randomPool = new Uint8Array(4096);
let randomPoolAt = randomPool.length;

function randomByte(): number {
  if (randomPoolAt === randomPool.length) {
    crypto.getRandomValues(randomPool);
    randomPoolAt = 0;
  }
  return randomPool[randomPoolAt++] as number;
}

/** n random characters from upstream's name-suffix alphabet. */
export function randomSuffix(n: number): string {
  let out = '';
  while (out.length < n) {
    const b = randomByte();
    // 27 letters: take bytes below 243 (9 × 27) so every letter is equally likely.
    if (b < 243) out += alphanums[b % alphanums.length];
  }
  return out;
}

/**
 * The name for an object created with metadata.generateName: the base, cut to 58 bytes, plus
 * 5 random characters. The caller validates the result and retries on AlreadyExists.
 */
export function nameFromGenerateName(base: string, random: (n: number) => string = randomSuffix): string {
  return truncateUtf8(base, MAX_GENERATED_NAME_LENGTH) + random(randomLength);
}
