// Keeps the dependency graph up to date from informer events and tells the collector what to
// look at (upstream's GraphBuilder.processGraphChanges). Events are applied one at a time, in
// order, by a single drain loop; informer handlers only append to the event list. "Virtual"
// delete events come from the collector when it learned from the API server that an object
// does not exist (or has another uid).

import type { OwnerReference } from '../../api/types/meta/v1/index.ts';
import type { KubeObject } from '../../client/rest/types.ts';
import {
  FINALIZER_FOREGROUND, FINALIZER_ORPHAN, GraphNode, identityKey, ownerIdentity, partitionDependents, referenceDiffs, sameIdentity,
  type ObjectIdentity,
} from './graph.ts';

export type GraphEvent =
  | { readonly type: 'add' | 'update'; readonly object: KubeObject; readonly old?: KubeObject; readonly identity: ObjectIdentity }
  | { readonly type: 'delete'; readonly object?: KubeObject; readonly identity: ObjectIdentity; readonly virtual: boolean };

export interface GraphSink {
  /** Look at this node: maybe delete it, or (foreground) maybe finish its deletion. */
  attemptToDelete(node: GraphNode): void;
  /** Orphan this node's dependents, then remove its `orphan` finalizer. */
  attemptToOrphan(node: GraphNode): void;
}

const ABSENT_CACHE_SIZE = 500;

function has(obj: KubeObject | undefined, finalizer: string): boolean {
  return obj?.metadata?.deletionTimestamp !== undefined && (obj.metadata.finalizers ?? []).includes(finalizer);
}

export class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  /** Owners known to be absent (identity keys), so dependents need not ask the API again; bounded, oldest dropped first. */
  readonly #absent = new Set<string>();
  readonly #sink: GraphSink;

  constructor(sink: GraphSink) {
    this.#sink = sink;
  }

  isAbsent(identity: ObjectIdentity): boolean {
    return this.#absent.has(identityKey(identity));
  }

  markAbsent(identity: ObjectIdentity): void {
    const key = identityKey(identity);
    this.#absent.delete(key);
    this.#absent.add(key);
    if (this.#absent.size > ABSENT_CACHE_SIZE) this.#absent.delete(this.#absent.values().next().value as string);
  }

  process(event: GraphEvent): void {
    const uid = event.identity.uid;
    let existing = this.nodes.get(uid);
    // The first informer event for a node that was virtual: it is real now, under the identity seen.
    if (existing !== undefined && existing.virtual && !(event.type === 'delete' && event.virtual)) {
      if (!sameIdentity(existing.identity, event.identity)) {
        const [, invalid] = partitionDependents(existing.dependents, event.identity);
        for (const d of invalid) this.#sink.attemptToDelete(d);
        existing = this.#replace(existing, existing.withIdentity(event.identity));
      }
      existing.virtual = false;
    }
    if (event.type === 'delete') {
      if (existing !== undefined) this.#delete(existing, event.identity, event.virtual);
      return;
    }
    const meta = event.object.metadata ?? {};
    const owners = [...(meta.ownerReferences ?? [])];
    if (existing === undefined) {
      const node = new GraphNode(event.identity, owners, false);
      node.beingDeleted = meta.deletionTimestamp !== undefined;
      node.deletingDependents = has(event.object, FINALIZER_FOREGROUND);
      this.nodes.set(uid, node);
      this.#addToOwners(node, owners);
      this.#transitions(event.old, event.object, node);
      return;
    }
    const diff = referenceDiffs(existing.owners, owners);
    if (diff.added.length + diff.removed.length + diff.changed.length > 0) {
      // An owner waiting in the foreground may have lost its last blocking dependent.
      const unblocked = [...diff.removed.filter((r) => r.blockOwnerDeletion === true),
        ...diff.changed.filter((c) => c.old.blockOwnerDeletion === true && c.next.blockOwnerDeletion !== true).map((c) => c.old)];
      for (const ref of unblocked) {
        const owner = this.nodes.get(ref.uid);
        if (owner?.deletingDependents === true) this.#sink.attemptToDelete(owner);
      }
      existing.owners = owners;
      this.#addToOwners(existing, diff.added);
      this.#removeFromOwners(existing, diff.removed);
    }
    if (meta.deletionTimestamp !== undefined) existing.beingDeleted = true;
    this.#transitions(event.old, event.object, existing);
  }

  #replace(old: GraphNode, next: GraphNode): GraphNode {
    this.nodes.set(next.identity.uid, next);
    for (const ref of next.owners) {
      const owner = this.nodes.get(ref.uid);
      if (owner !== undefined && owner.dependents.delete(old)) owner.dependents.add(next);
    }
    return next;
  }

  /** Starts orphaning or foreground deletion when the object newly asks for it. */
  #transitions(old: KubeObject | undefined, obj: KubeObject, node: GraphNode): void {
    if (has(obj, FINALIZER_ORPHAN) && !has(old, FINALIZER_ORPHAN)) {
      this.#sink.attemptToOrphan(node);
      return;
    }
    if (has(obj, FINALIZER_FOREGROUND) && !has(old, FINALIZER_FOREGROUND)) {
      node.deletingDependents = true;
      for (const d of node.dependents) this.#sink.attemptToDelete(d);
      this.#sink.attemptToDelete(node);
    }
  }

  #addToOwners(node: GraphNode, refs: readonly OwnerReference[]): void {
    for (const ref of refs) {
      let owner = this.nodes.get(ref.uid);
      if (owner === undefined) {
        // Not seen yet: a virtual owner, which the collector checks against the API server.
        owner = new GraphNode(ownerIdentity(ref, node.identity.namespace), [], true);
        this.nodes.set(ref.uid, owner);
        owner.dependents.add(node);
        this.#sink.attemptToDelete(owner);
      } else {
        owner.dependents.add(node);
      }
    }
  }

  #removeFromOwners(node: GraphNode, refs: readonly OwnerReference[]): void {
    for (const ref of refs) this.nodes.get(ref.uid)?.dependents.delete(node);
  }

  #delete(existing: GraphNode, deleted: ObjectIdentity, virtual: boolean): void {
    if (virtual) {
      if (existing.virtual) {
        const [matching, other] = partitionDependents(existing.dependents, deleted);
        if (other.length > 0) {
          // Dependents disagree on who this owner is: keep the node for the others.
          if (matching.length > 0) {
            this.markAbsent(deleted);
            for (const d of matching) this.#sink.attemptToDelete(d);
          }
          if (sameIdentity(existing.identity, deleted)) {
            const alt = other[0]?.owners.find((o) => o.uid === deleted.uid);
            if (alt !== undefined && other[0] !== undefined) {
              const replacement = this.#replace(existing, existing.withIdentity(ownerIdentity(alt, other[0].identity.namespace)));
              this.#sink.attemptToDelete(replacement);
            }
          }
          return;
        }
      } else if (!sameIdentity(existing.identity, deleted)) {
        // A real node is never removed by a virtual delete of other coordinates.
        const [, invalid] = partitionDependents(existing.dependents, deleted);
        if (invalid.length > 0) {
          this.markAbsent(deleted);
          for (const d of invalid) this.#sink.attemptToDelete(d);
        }
        return;
      }
    }
    this.nodes.delete(existing.identity.uid);
    this.#removeFromOwners(existing, existing.owners);
    if (existing.dependents.size > 0) this.markAbsent(deleted);
    for (const d of existing.dependents) this.#sink.attemptToDelete(d);
    for (const ref of existing.owners) {
      const owner = this.nodes.get(ref.uid);
      // A foreground owner may be waiting for exactly this dependent.
      if (owner?.deletingDependents === true) this.#sink.attemptToDelete(owner);
    }
  }
}
