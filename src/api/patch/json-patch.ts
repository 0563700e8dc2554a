// JSON patch (RFC 6902): add, remove, replace, move, copy and test, applied in order to a copy;
// any failing operation fails the whole patch and changes nothing.

import { jsonClone, jsonEqual } from '../json-equal.ts';

export class JsonPatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

type Container = Record<string, unknown> | unknown[];

function parsePointer(pointer: unknown): string[] {
  if (typeof pointer !== 'string') throw new JsonPatchError(`path must be a string, not ${JSON.stringify(pointer)}`);
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`path "${pointer}" must start with "/"`);
  return pointer.slice(1).split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The container holding the last token of `tokens`, and that token. */
function locate(doc: unknown, tokens: string[], pointer: string): { parent: Container; key: string } {
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    node = child(node, token, pointer);
  }
  if (typeof node !== 'object' || node === null) throw new JsonPatchError(`doc is missing path: "${pointer}"`);
  return { parent: node as Container, key: tokens.at(-1) as string };
}

function child(node: unknown, token: string, pointer: string): unknown {
  if (Array.isArray(node)) {
    const index = arrayIndex(token, node.length - 1, pointer);
    return node[index];
  }
  if (typeof node === 'object' && node !== null && Object.hasOwn(node, token)) return (node as Record<string, unknown>)[token];
  throw new JsonPatchError(`doc is missing path: "${pointer}"`);
}

function arrayIndex(token: string, max: number, pointer: string): number {
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new JsonPatchError(`invalid array index "${token}" in path "${pointer}"`);
  const index = Number(token);
  if (index > max) throw new JsonPatchError(`array index ${index} out of bounds in path "${pointer}"`);
  return index;
}

function get(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const token of parsePointer(pointer)) node = child(node, token, pointer);
  return node;
}

function add(doc: unknown, pointer: string, value: unknown): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const { parent, key } = locate(doc, tokens, pointer);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : arrayIndex(key, parent.length, pointer);
    parent.splice(index, 0, value);
  } else {
    parent[key] = value;
  }
  return doc;
}

function remove(doc: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new JsonPatchError('cannot remove the whole document');
  const { parent, key } = locate(doc, tokens, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(key, parent.length - 1, pointer), 1);
  else if (Object.hasOwn(parent, key)) delete parent[key];
  else throw new JsonPatchError(`unable to remove nonexistent key: ${key}: missing value`);
  return doc;
}

export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new JsonPatchError('a JSON patch must be a list of operations');
  let doc = jsonClone(target);
  for (const operation of patch) {
    if (typeof operation !== 'object' || operation === null) throw new JsonPatchError(`invalid operation ${JSON.stringify(operation)}`);
    const { op, path, value, from } = operation as Record<string, unknown>;
    const pointer = typeof path === 'string' ? path : '';
    parsePointer(path);
    switch (op) {
      case 'add':
        doc = add(doc, pointer, jsonClone(value));
        break;
      case 'remove':
        doc = remove(doc, pointer);
        break;
      case 'replace':
        get(doc, pointer);
        doc = add(remove(doc, pointer), pointer, jsonClone(value));
        break;
      case 'move': {
        const moved = get(doc, String(from));
        doc = add(remove(doc, String(from)), pointer, moved);
        break;
      }
      case 'copy':
        doc = add(doc, pointer, jsonClone(get(doc, String(from))));
        break;
      case 'test':
        if (!jsonEqual(get(doc, pointer), value)) throw new JsonPatchError(`testing value ${pointer} failed: test failed`);
        break;
      default:
        throw new JsonPatchError(`Unexpected kind: ${String(op)}`);
    }
  }
  return doc;
}
