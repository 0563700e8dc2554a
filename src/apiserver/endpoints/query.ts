// Query parameters of resource requests, checked as upstream checks them: a bad value is a
// 400 with a message naming the parameter, never a silent default.

import { parseFieldSelector, EVERYTHING as ALL_FIELDS, type FieldSelector } from '../../api/fields/selector.ts';
import { parseSelector, EVERYTHING as ALL_LABELS, type Selector } from '../../api/labels/selector.ts';
import { badRequest } from '../../api/status.ts';
import type { IncludeObject } from '../printers/table.ts';

export function dryRunOf(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const value of values) if (value !== 'All') throw badRequest(`Invalid dryRun value: "${value}": supported values: "All"`);
  return values.length > 0;
}

export function labelSelectorOf(query: URLSearchParams): Selector {
  const text = query.get('labelSelector');
  if (text === null || text === '') return ALL_LABELS;
  const parsed = parseSelector(text);
  if (!parsed.ok) throw badRequest(`unable to parse requirement: ${parsed.error}`);
  return parsed.value;
}

export function fieldSelectorOf(query: URLSearchParams): FieldSelector {
  const text = query.get('fieldSelector');
  if (text === null || text === '') return ALL_FIELDS;
  const parsed = parseFieldSelector(text);
  if (!parsed.ok) throw badRequest(`invalid field selector: ${parsed.error}`);
  return parsed.value;
}

export function intParam(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  if (!/^-?\d+$/.test(text)) throw badRequest(`invalid value for ${name}: "${text}" is not an integer`);
  return Number(text);
}

export function boolParam(query: URLSearchParams, name: string): boolean {
  const text = query.get(name);
  if (text === null || text === '') return false;
  if (['true', '1', 'True', 'TRUE'].includes(text)) return true;
  if (['false', '0', 'False', 'FALSE'].includes(text)) return false;
  throw badRequest(`invalid value for ${name}: "${text}" is not a boolean`);
}

export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject') ?? 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  throw badRequest(`includeObject: Unsupported value: "${value}": supported values: "None", "Metadata", "Object"`);
}

export function resourceVersionMatchOf(query: URLSearchParams): 'NotOlderThan' | 'Exact' | undefined {
  const value = query.get('resourceVersionMatch');
  if (value === null || value === '') return undefined;
  if (value === 'NotOlderThan' || value === 'Exact') return value;
  throw badRequest(`resourceVersionMatch: Unsupported value: "${value}": supported values: "Exact", "NotOlderThan"`);
}

export function propagationPolicyOf(value: string | null | undefined): 'Orphan' | 'Background' | 'Foreground' | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (value === 'Orphan' || value === 'Background' || value === 'Foreground') return value;
  throw badRequest(`propagationPolicy: Unsupported value: "${value}": supported values: "Orphan", "Background", "Foreground"`);
}
