// Every resource the API server serves, with its generic store, in discovery order; and the
// schema of every kind it can encode (objects, lists, and the meta kinds), for protobuf.

import type { StructShape } from '../../api/schema/shape.ts';
import { GenericStore, type GenericStoreDeps } from './generic-store.ts';
import { apiVersionOf, type ApiObject, type ResourceDef } from './resource.ts';

export class ResourceRegistry {
  readonly #deps: GenericStoreDeps;
  readonly #defs: ResourceDef[] = [];
  readonly #stores = new Map<string, GenericStore>();
  readonly #shapes = new Map<string, StructShape>();

  constructor(deps: GenericStoreDeps) {
    this.#deps = deps;
  }

  get defs(): readonly ResourceDef[] {
    return this.#defs;
  }

  add<T extends ApiObject>(def: ResourceDef<T>): GenericStore<T> {
    const id = `${def.group}/${def.version}/${def.resource}`;
    if (this.#stores.has(id)) throw new Error(`resource ${id} registered twice`);
    const store = new GenericStore<T>(def, this.#deps);
    this.#defs.push(def as unknown as ResourceDef);
    this.#stores.set(id, store as unknown as GenericStore);
    this.addKind(apiVersionOf(def), def.kind, def.shape as StructShape);
    if (def.listShape !== undefined) this.addKind(apiVersionOf(def), def.listKind, def.listShape);
    return store;
  }

  /** A kind that is not a stored resource (Status, Table, DeleteOptions, Scale …). */
  addKind(apiVersion: string, kind: string, shape: StructShape): void {
    this.#shapes.set(`${apiVersion}/${kind}`, shape);
  }

  find(group: string, version: string, resource: string): GenericStore | undefined {
    return this.#stores.get(`${group}/${version}/${resource}`);
  }

  /** The schema of a kind, or undefined if it has no protobuf form here. */
  readonly shape = (apiVersion: string, kind: string): StructShape | undefined => this.#shapes.get(`${apiVersion}/${kind}`);
}
