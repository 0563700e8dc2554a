// Adoption and release of dependents (upstream's ControllerRefManager.ClaimObjects), shared by
// the ReplicaSet controller (pods) and the Deployment controller (ReplicaSets). Decisions are
// pure; the patches go through the given callbacks.

import { matches, type Selector } from '../../api/labels/selector.ts';
import type { OwnerReference } from '../../api/types/meta/v1/index.ts';
import type { KubeObject } from '../../client/rest/types.ts';
import { controllerRefOf } from './pod-utils.ts';

export type ClaimDecision = 'keep' | 'adopt' | 'release' | 'ignore';

/** What the owner does with one object, as ClaimObject decides. */
export function claimDecision(owner: KubeObject, selector: Selector, obj: KubeObject): ClaimDecision {
  const ref = controllerRefOf(obj);
  const ownerDeleting = owner.metadata?.deletionTimestamp !== undefined;
  const match = matches(selector, obj.metadata?.labels);
  if (ref !== undefined) {
    if (ref.uid !== owner.metadata?.uid) return 'ignore';
    if (match) return 'keep';
    return ownerDeleting ? 'ignore' : 'release';
  }
  if (ownerDeleting || !match) return 'ignore';
  if (obj.metadata?.deletionTimestamp !== undefined) return 'ignore';
  return 'adopt';
}

/** The strategic merge patch that adds `ref` (upstream's ownerRefControllerPatch). */
export function adoptPatch(ref: OwnerReference, uid: string): unknown {
  return { metadata: { ownerReferences: [ref], uid } };
}

/** The strategic merge patch that removes the owner's reference (upstream's deleteOwnerRefStrategicMergePatch). */
export function releasePatch(ownerUid: string, uid: string): unknown {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid } };
}

export interface ClaimActions<T> {
  /** Re-reads the owner from the API server: adoption only proceeds if it still exists, unchanged in UID, not being deleted. */
  canAdopt(): Promise<boolean>;
  adopt(obj: T): Promise<void>;
  release(obj: T): Promise<void>;
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 404;
}

/**
 * The objects the owner controls after adopting orphans that match and releasing owned ones
 * that stopped matching. A dependent gone meanwhile (404) is skipped; other failures throw
 * after the rest were tried.
 */
export async function claimObjects<T extends KubeObject>(owner: KubeObject, selector: Selector, objects: readonly T[], actions: ClaimActions<T>): Promise<T[]> {
  const claimed: T[] = [];
  const errors: unknown[] = [];
  let adoptable: boolean | undefined;
  for (const obj of objects) {
    const decision = claimDecision(owner, selector, obj);
    try {
      if (decision === 'keep') claimed.push(obj);
      else if (decision === 'release') await actions.release(obj);
      else if (decision === 'adopt') {
        adoptable ??= await actions.canAdopt();
        if (!adoptable) continue;
        await actions.adopt(obj);
        claimed.push(obj);
      }
    } catch (err) {
      if (!isNotFound(err)) errors.push(err);
    }
  }
  if (errors.length > 0) throw errors[0];
  return claimed;
}
