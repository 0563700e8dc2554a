// The schema catalogue behind the documents: every kind the paths answer with or take, by
// definition name, and the definitions a document needs for a set of paths (every struct
// reachable from the kinds its operations name, the scalar definitions those use, Patch).

import { collectStructs, type StructShape } from '../../api/schema/shape.ts';
import type { ResourceDef } from '../registry/resource.ts';
import { kindIndex, META_KINDS, subresourcesOf, type Gvk, type ShapeLookup } from './kinds.ts';
import type { PathEntry } from './routes.ts';
import { PATCH_DEFINITION, SCALAR_DEFINITIONS } from './scalar-definitions.ts';
import { scalarDefinitionsUsed, structSchema, type Flavor, type JsonObject } from './schemas.ts';

export interface SchemaCatalogue {
  /** Definitions of the structs reachable from these paths' operations, sorted by name. */
  definitionsFor(paths: readonly PathEntry[], flavor: Flavor): JsonObject;
}

export function schemaCatalogue(defs: readonly ResourceDef[], lookup: ShapeLookup): SchemaCatalogue {
  const kinds: Map<string, Gvk[]> = kindIndex(defs, lookup);
  const known = new Map<string, StructShape>();
  const know = (shape: StructShape | undefined): void => {
    if (shape !== undefined) known.set(shape.name, shape);
  };
  for (const shape of Object.values(META_KINDS)) know(shape as StructShape);
  for (const def of defs) {
    know(def.shape as StructShape);
    know(def.listShape);
    for (const sub of subresourcesOf(def, lookup)) know(sub.shape);
  }
  // A struct's definition is the same in every document: build it once per flavor.
  const built: Record<Flavor, Map<string, JsonObject>> = { v2: new Map(), v3: new Map() };
  const definition = (shape: StructShape, flavor: Flavor): JsonObject => {
    let schema = built[flavor].get(shape.name);
    if (schema === undefined) {
      schema = structSchema(shape, flavor, kinds.get(shape.name));
      built[flavor].set(shape.name, schema);
    }
    return schema;
  };

  return {
    definitionsFor(paths, flavor) {
      const roots: StructShape[] = [];
      let patch = false;
      for (const entry of paths) {
        for (const op of entry.operations) {
          const names = [op.body?.schema, ...op.replies.map((r) => r.schema)];
          for (const name of names) {
            if (name === PATCH_DEFINITION.name) patch = true;
            const shape = name === undefined ? undefined : known.get(name);
            if (shape !== undefined) roots.push(shape);
          }
        }
      }
      const structs = collectStructs(roots);
      const out: Array<[string, JsonObject]> = [...structs.values()].map((s) => [s.name, definition(s, flavor)]);
      for (const kind of scalarDefinitionsUsed(structs.values())) {
        const scalar = SCALAR_DEFINITIONS[kind];
        out.push([scalar.name, scalar.schema(flavor)]);
      }
      if (patch) out.push([PATCH_DEFINITION.name, PATCH_DEFINITION.schema]);
      out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(out);
    },
  };
}
