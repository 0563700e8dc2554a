// The Swagger document in gnostic's protobuf form (openapi.v2.Document), which kubectl
// 1.27–1.33 ask /openapi/v2 for and parse as nothing else. Upstream produces it by running
// gnostic's compiler over the JSON document; this maps our JSON document the same way:
// `$ref` → _ref, `type` → TypeItem, `items` → ItemsItem, properties and definitions as named
// lists in document order, parameters into the body/query/path oneofs, and every `x-…` key
// into a NamedAny whose Any.yaml holds the YAML text of the value (kubectl reads the
// operations' x-kubernetes-group-version-kind and the definitions' GVK lists from there).

import { stringify } from 'yaml';
import { encodeMessage } from '../../api/codec/protobuf.ts';
import { Document, type SchemaValue } from './gnostic.ts';
import type { Json, JsonObject } from './schemas.ts';

type Yaml = { yaml: string };
type Obj = Record<string, unknown>;

/** The protobuf bytes of a Swagger 2.0 JSON document. */
export function encodeOpenApiV2(doc: JsonObject): Uint8Array {
  const yamlCache = new Map<string, Yaml>();
  const any = (value: Json): Yaml => {
    // Few distinct values recur thousands of times (defaults, patch strategies, GVKs).
    const key = JSON.stringify(value);
    let out = yamlCache.get(key);
    if (out === undefined) {
      out = { yaml: stringify(value) };
      yamlCache.set(key, out);
    }
    return out;
  };
  const extensions = (o: JsonObject): Array<{ name: string; value: Yaml }> =>
    Object.entries(o).filter(([k]) => k.startsWith('x-')).map(([name, v]) => ({ name, value: any(v) }));

  const schema = (s: JsonObject): SchemaValue => {
    const out: SchemaValue = {};
    for (const [key, v] of Object.entries(s)) {
      switch (key) {
        case '$ref': out._ref = v as string; break;
        case 'format': out.format = v as string; break;
        case 'title': out.title = v as string; break;
        case 'description': out.description = v as string; break;
        case 'pattern': out.pattern = v as string; break;
        case 'default': out.default = any(v); break;
        case 'required': out.required = v as string[]; break;
        case 'enum': out.enum = (v as Json[]).map(any); break;
        case 'uniqueItems': out.uniqueItems = v as boolean; break;
        case 'readOnly': out.readOnly = v as boolean; break;
        case 'type': out.type = { value: [v as string] }; break;
        case 'items': out.items = { schema: [schema(v as JsonObject)] }; break;
        case 'allOf': out.allOf = (v as JsonObject[]).map(schema); break;
        case 'additionalProperties':
          out.additionalProperties = typeof v === 'boolean' ? { boolean: v } : { schema: schema(v as JsonObject) };
          break;
        case 'properties':
          out.properties = { additionalProperties: Object.entries(v as JsonObject).map(([name, p]) => ({ name, value: schema(p as JsonObject) })) };
          break;
        default:
          if (key.startsWith('x-')) (out.vendorExtension ??= []).push({ name: key, value: any(v) });
      }
    }
    return out;
  };

  const parameter = (p: JsonObject): Obj => {
    if (p['in'] === 'body') {
      return { parameter: { bodyParameter: pick(p, ['description', 'name', 'in', 'required'], { schema: schema(p['schema'] as JsonObject) }) } };
    }
    const sub = pick(p, ['required', 'in', 'description', 'name', 'type', 'format', 'uniqueItems'], {});
    return { parameter: { nonBodyParameter: p['in'] === 'path' ? { pathParameterSubSchema: sub } : { queryParameterSubSchema: sub } } };
  };

  const operation = (o: JsonObject): Obj => {
    const responses = Object.entries(o['responses'] as JsonObject).map(([code, r]) => {
      const reply = r as JsonObject;
      const response: Obj = { description: reply['description'] };
      if (reply['schema'] !== undefined) response['schema'] = { schema: schema(reply['schema'] as JsonObject) };
      return { name: code, value: { response } };
    });
    return {
      ...pick(o, ['tags', 'description', 'operationId', 'produces', 'consumes', 'schemes'], {}),
      parameters: ((o['parameters'] ?? []) as JsonObject[]).map(parameter),
      responses: { responseCode: responses },
      vendorExtension: extensions(o),
    };
  };

  const paths = Object.entries(doc['paths'] as JsonObject).map(([name, item]) => {
    const value: Obj = {};
    for (const [key, v] of Object.entries(item as JsonObject)) {
      if (key === 'parameters') value['parameters'] = (v as JsonObject[]).map(parameter);
      else if (!key.startsWith('x-')) value[key] = operation(v as JsonObject);
    }
    value['vendorExtension'] = extensions(item as JsonObject);
    return { name, value };
  });

  const security = doc['securityDefinitions'] as JsonObject | undefined;
  const value = {
    swagger: doc['swagger'],
    info: doc['info'],
    paths: { path: paths },
    definitions: { additionalProperties: Object.entries(doc['definitions'] as JsonObject).map(([name, s]) => ({ name, value: schema(s as JsonObject) })) },
    ...(security === undefined ? {} : {
      securityDefinitions: { additionalProperties: Object.entries(security).map(([name, s]) => ({ name, value: { apiKeySecurity: s } })) },
    }),
    security: ((doc['security'] ?? []) as JsonObject[]).map((req) => ({
      additionalProperties: Object.entries(req).map(([name, scopes]) => ({ name, value: { value: scopes } })),
    })),
  };
  return encodeMessage(Document, value as unknown as Document);
}

/** The named keys of `from` that are set, plus `extra`. */
function pick(from: JsonObject, keys: readonly string[], extra: Obj): Obj {
  const out: Obj = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return { ...out, ...extra };
}
