// The garbage collector's dependency graph (upstream's graph.go) and the pure decisions made on
// it. A node is one object, known by uid; `owners` are its ownerReferences as last observed;
// `dependents` are the nodes whose ownerReferences name it. A node is "virtual" until an
// informer has shown the object: it was created because a dependent named it as an owner, and
// the collector must ask the API server whether it exists.

import type { OwnerReference } from '../../api/types/meta/v1/index.ts';

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

export interface ObjectIdentity {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  /** "" for cluster-scoped objects (and for virtual owners of cluster-scoped dependents). */
  readonly namespace: string;
}

export function identityKey(i: ObjectIdentity): string {
  return `${i.apiVersion}|${i.kind}|${i.namespace}|${i.name}|${i.uid}`;
}

export function sameIdentity(a: ObjectIdentity, b: ObjectIdentity): boolean {
  return identityKey(a) === identityKey(b);
}

export class GraphNode {
  identity: ObjectIdentity;
  owners: OwnerReference[];
  readonly dependents = new Set<GraphNode>();
  virtual: boolean;
  /** The object has a deletionTimestamp. */
  beingDeleted = false;
  /** The object is being deleted in the foreground: it waits for its blocking dependents. */
  deletingDependents = false;

  constructor(identity: ObjectIdentity, owners: OwnerReference[], virtual: boolean) {
    this.identity = identity;
    this.owners = owners;
    this.virtual = virtual;
  }

  /** A copy under another identity, keeping the dependents (upstream's clone on a changed identity). */
  withIdentity(identity: ObjectIdentity): GraphNode {
    const copy = new GraphNode(identity, this.owners, this.virtual);
    for (const d of this.dependents) copy.dependents.add(d);
    copy.beingDeleted = this.beingDeleted;
    copy.deletingDependents = this.deletingDependents;
    return copy;
  }

  /** Dependents whose reference to this node has blockOwnerDeletion: a foreground deletion waits for them. */
  blockingDependents(): GraphNode[] {
    return [...this.dependents].filter((d) => d.owners.some((o) => o.uid === this.identity.uid && o.blockOwnerDeletion === true));
  }
}

/** The identity an owner reference names, in the namespace of the dependent. */
export function ownerIdentity(ref: OwnerReference, dependentNamespace: string): ObjectIdentity {
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace: dependentNamespace };
}

/** Splits dependents into those whose reference agrees with `identity` and those that do not. */
export function partitionDependents(dependents: Iterable<GraphNode>, identity: ObjectIdentity): [GraphNode[], GraphNode[]] {
  const matching: GraphNode[] = [];
  const other: GraphNode[] = [];
  for (const d of dependents) {
    const ref = d.owners.find((o) => o.uid === identity.uid);
    const agrees = ref !== undefined && sameIdentity(ownerIdentity(ref, identity.namespace === '' ? '' : d.identity.namespace), identity);
    (agrees ? matching : other).push(d);
  }
  return [matching, other];
}

/** Equal field by field, as upstream's reflect.DeepEqual of two references (an absent flag is not false). */
function sameReference(a: OwnerReference, b: OwnerReference): boolean {
  return a.uid === b.uid && a.name === b.name && a.kind === b.kind && a.apiVersion === b.apiVersion
    && a.controller === b.controller && a.blockOwnerDeletion === b.blockOwnerDeletion;
}

/** Owner references added, removed, and changed (same uid, other fields) between two lists. */
export function referenceDiffs(old: readonly OwnerReference[], next: readonly OwnerReference[]): {
  added: OwnerReference[]; removed: OwnerReference[]; changed: Array<{ old: OwnerReference; next: OwnerReference }>;
} {
  // Almost every update of a dependent leaves its references as they were.
  if (old.length === next.length && old.every((r, i) => next[i] !== undefined && sameReference(r, next[i]))) return { added: [], removed: [], changed: [] };
  const oldByUid = new Map(old.map((r) => [r.uid, r]));
  const added: OwnerReference[] = [];
  const changed: Array<{ old: OwnerReference; next: OwnerReference }> = [];
  for (const r of next) {
    const before = oldByUid.get(r.uid);
    if (before === undefined) added.push(r);
    else if (!sameReference(before, r)) changed.push({ old: before, next: r });
    oldByUid.delete(r.uid);
  }
  return { added, removed: [...oldByUid.values()], changed };
}

/** What the collector learned about one owner of an item (classifyReferences). */
export type OwnerState =
  /** Gone, or a different object (uid) now under that name. */
  | 'dangling'
  /** Being deleted in the foreground: it waits for this dependent. */
  | 'waiting'
  /** Exists and keeps the item alive. */
  | 'solid';

export type ItemDecision =
  | { readonly action: 'keep' }
  /** Solid owners remain: drop only the references to dangling or waiting owners. */
  | { readonly action: 'removeReferences'; readonly uids: readonly string[] }
  /** No solid owner: delete the item. `unblock`: first clear blockOwnerDeletion on its references (a cycle). */
  | { readonly action: 'delete'; readonly policy: 'Background' | 'Foreground' | 'Orphan'; readonly unblock: boolean };

export interface ItemFacts {
  readonly owners: readonly OwnerReference[];
  readonly finalizers: readonly string[];
  readonly hasDependents: boolean;
  /** Some dependent of the item is itself deleting its dependents (a possible cycle). */
  readonly dependentDeletingDependents: boolean;
}

/** Upstream's attemptToDeleteItem switch, given the state of every owner of the item. */
export function decideItem(item: ItemFacts, states: ReadonlyMap<string, OwnerState>): ItemDecision {
  if (item.owners.length === 0) return { action: 'keep' };
  const of = (s: OwnerState): string[] => item.owners.filter((o) => states.get(o.uid) === s).map((o) => o.uid);
  const solid = of('solid');
  const dangling = of('dangling');
  const waiting = of('waiting');
  if (solid.length > 0) {
    if (dangling.length === 0 && waiting.length === 0) return { action: 'keep' };
    return { action: 'removeReferences', uids: [...dangling, ...waiting] };
  }
  if (waiting.length > 0 && item.hasDependents) {
    // The owner waits for this item, and this item must first delete its own dependents.
    return { action: 'delete', policy: 'Foreground', unblock: item.dependentDeletingDependents };
  }
  const policy = item.finalizers.includes(FINALIZER_ORPHAN) ? 'Orphan'
    : item.finalizers.includes(FINALIZER_FOREGROUND) ? 'Foreground' : 'Background';
  return { action: 'delete', policy, unblock: false };
}

/** What a node being deleted in the foreground does next (processDeletingDependentsItem). */
export function decideDeletingDependents(node: GraphNode): { readonly removeFinalizer: true } | { readonly removeFinalizer: false; readonly waitFor: GraphNode[] } {
  const blocking = node.blockingDependents();
  if (blocking.length === 0) return { removeFinalizer: true };
  return { removeFinalizer: false, waitFor: blocking.filter((d) => !d.deletingDependents) };
}
