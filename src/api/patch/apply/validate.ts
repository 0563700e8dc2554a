// Checking an applied configuration against the schema before merging, as upstream does when it
// builds the "typed patch object": unknown fields, values of the wrong type, list items without
// their keys, and duplicate keys are errors. Messages and the error aggregate are upstream's
// (including Go's rendering of the offending values).

import { compareGoStrings, goFormatFloat, goQuote } from '../../go-format.ts';
import { isObject } from './go-json.ts';
import { listItemElement } from './list-items.ts';
import { elementToString, indexElement } from './path-element.ts';
import { childNode, type TypeNode } from './type-node.ts';

interface ValidationError {
  readonly path: string;
  readonly message: string;
}

/** Upstream's ValidationErrors text, or undefined when the value is valid. */
export function validateConfig(node: TypeNode, value: unknown): string | undefined {
  const errors: ValidationError[] = [];
  validate(node, value, '', errors);
  if (errors.length === 0) return undefined;
  const text = (e: ValidationError): string => (e.path === '' ? e.message : `${e.path}: ${e.message}`);
  if (errors.length === 1) return text(errors[0] as ValidationError);
  return ['errors:', ...errors.map((e) => '  ' + text(e))].join('\n');
}

function validate(node: TypeNode, value: unknown, path: string, errors: ValidationError[]): void {
  if (value === null || value === undefined) return;
  switch (node.kind) {
    case 'deduced':
      return;
    case 'scalar': {
      const message = scalarError(node.scalar, value);
      if (message !== undefined) errors.push({ path, message });
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) {
        errors.push({ path, message: `expected list, got ${goPointerV(value)}` });
        return;
      }
      const seen = new Set<string>();
      for (let i = 0; i < value.length; i++) {
        let pe = indexElement(i);
        if (!node.atomic) {
          const keyed = listItemElement(node, value[i]);
          if (!keyed.ok) {
            errors.push({ path, message: `element ${i}: ${keyed.error}` });
            return;
          }
          pe = keyed.value;
          if (seen.has(pe.token)) errors.push({ path, message: `duplicate entries for key ${elementToString(pe)}` });
          seen.add(pe.token);
        }
        validate(node.item, value[i], path + elementToString(pe), errors);
      }
      return;
    }
    case 'map':
    case 'struct': {
      if (!isObject(value)) {
        errors.push({ path, message: `expected map, got ${goPointerV(value)}` });
        return;
      }
      for (const key of Object.keys(value)) {
        const child = childNode(node, key);
        if (child === undefined) {
          // Upstream stops at the first unknown field of a map.
          errors.push({ path: `${path}.${key}`, message: 'field not declared in schema' });
          return;
        }
        validate(child, value[key], `${path}.${key}`, errors);
      }
      return;
    }
  }
}

function scalarError(scalar: string, v: unknown): string | undefined {
  switch (scalar) {
    case 'int32':
    case 'int64':
    case 'double':
      return typeof v === 'number' ? undefined : `expected numeric (int or float), got ${goTypeName(v)}`;
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `expected boolean, got ${goPointerV(v)}`;
    case 'quantity':
    case 'intOrString':
      return typeof v === 'object' ? `expected any scalar, got ${goPointerV(v)}` : undefined;
    default:
      return typeof v === 'string' ? undefined : `expected string, got &value.valueUnstructured{Value:${goSharpV(v)}}`;
  }
}

function goTypeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

function sortedEntries(obj: Record<string, unknown>): [string, unknown][] {
  return Object.entries(obj).sort(([a], [b]) => compareGoStrings(a, b));
}

/** Go's %v of an unstructured value. */
function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFormatFloat(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return '[' + v.map(goV).join(' ') + ']';
  return 'map[' + sortedEntries(v as Record<string, unknown>).map(([k, x]) => `${k}:${goV(x)}`).join(' ') + ']';
}

/** Go's %v of a pointer to a struct holding the value: `&{...}`. */
function goPointerV(v: unknown): string {
  return `&{${goV(v)}}`;
}

/** Go's %#v of an unstructured value. */
function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFormatFloat(v);
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[]interface {}{' + v.map(goSharpV).join(', ') + '}';
  return 'map[string]interface {}{' + sortedEntries(v as Record<string, unknown>).map(([k, x]) => `${goQuote(k)}:${goSharpV(x)}`).join(', ') + '}';
}
