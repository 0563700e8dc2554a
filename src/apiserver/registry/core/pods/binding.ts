// The pods/binding subresource (upstream's BindingREST): how the scheduler assigns a pod to
// a node. It writes storage directly, as upstream's GuaranteedUpdate does, because the pod
// update rules forbid changing spec.nodeName; the checks here take their place.

import { realClock, type Clock } from '../../../../api/clock.ts';
import { aggregateMessage, notSupported, path, required, type FieldError } from '../../../../api/field-errors.ts';
import { formatTime } from '../../../../api/schema/decode.ts';
import { badRequest, conflict, notFound, StatusError } from '../../../../api/status.ts';
import type { Binding, Pod, PodCondition } from '../../../../api/types/core/v1/index.ts';
import { isStorageError } from '../../../../storage/errors.ts';
import type { GenericStore, RequestScope } from '../../generic-store.ts';
import { toStatusError } from '../../storage-errors.ts';

const PODS = { group: '', resource: 'pods' };
const BINDINGS = { group: '', resource: 'pods/binding' };

export function validateBinding(binding: Binding): FieldError[] {
  const errs: FieldError[] = [];
  const kind = binding.target?.kind ?? '';
  if (kind !== '' && kind !== 'Node') errs.push(notSupported(path('target', 'kind'), kind, ['Node', '<empty>']));
  if ((binding.target?.name ?? '') === '') errs.push(required(path('target', 'name')));
  return errs;
}

/** Sets or replaces a condition; the transition time moves only when the status does. */
export function setPodCondition(pod: Pod, condition: PodCondition, now: string): void {
  const status = (pod.status ??= {});
  const conditions = (status.conditions ??= []);
  const index = conditions.findIndex((c) => c.type === condition.type);
  const previous = conditions[index];
  const next: PodCondition = { ...condition, lastTransitionTime: previous?.status === condition.status ? (previous.lastTransitionTime ?? now) : now };
  if (index < 0) conditions.push(next);
  else conditions[index] = next;
}

/** Why a pod cannot be bound, or undefined if it can. */
function refusal(pod: Pod, name: string): string | undefined {
  if (pod.metadata?.deletionTimestamp !== undefined) return `pod ${name} is being deleted, cannot be assigned to a host`;
  if (pod.spec?.nodeName) return `pod ${name} is already assigned to node "${pod.spec.nodeName}"`;
  if ((pod.spec?.schedulingGates ?? []).length > 0) return `pod ${name} has non-empty .spec.schedulingGates`;
  return undefined;
}

/**
 * Binds the pod `name` to binding.target.name: sets spec.nodeName, adds the binding's
 * annotations and the PodScheduled=True condition. Throws 404 when the pod is gone, 409 when
 * it is bound already, deleted or gated, and 409 when the binding's uid or resourceVersion
 * preconditions no longer hold.
 */
export async function bindPod(store: GenericStore<Pod>, scope: RequestScope, name: string, binding: Binding, clock: Clock = realClock): Promise<void> {
  if ((binding.metadata?.name ?? '') !== name) throw badRequest('name in URL does not match name in Binding object');
  const errs = validateBinding(binding);
  if (errs.length > 0) {
    // Upstream returns these as a plain error, which the server answers with a bare 500.
    throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: aggregateMessage(errs) ?? '', code: 500 });
  }
  const key = store.key(scope.namespace, name);
  // The first attempt starts from the watch cache's copy, as the generic store's writes do;
  // anything decided on it that may be stale is decided again on the Store's pod.
  let tryCache = !scope.dryRun;
  for (;;) {
    const copy = await store.readCopy(scope, name, tryCache);
    tryCache = false;
    if (copy === undefined) throw notFound(PODS, name);
    const { object: pod, modRevision, cached: fromCache } = copy;
    const meta = pod.metadata ?? {};
    const uid = binding.metadata?.uid;
    if (uid && uid !== meta.uid) {
      if (fromCache) continue;
      throw conflict(PODS, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${meta.uid ?? ''}`);
    }
    const rv = binding.metadata?.resourceVersion;
    if (rv && rv !== meta.resourceVersion) {
      if (fromCache) continue;
      throw conflict(PODS, name, `Precondition failed: ResourceVersion in precondition: ${rv}, ResourceVersion in object meta: ${meta.resourceVersion ?? ''}`);
    }
    const reason = refusal(pod, name);
    if (reason !== undefined) {
      if (fromCache) continue;
      throw conflict(BINDINGS, name, reason);
    }
    (pod.spec ??= { containers: [] }).nodeName = binding.target.name ?? '';
    const annotations = binding.metadata?.annotations ?? {};
    if (Object.keys(annotations).length > 0) meta.annotations = { ...meta.annotations, ...annotations };
    setPodCondition(pod, { type: 'PodScheduled', status: 'True' }, formatTime(clock.now()));
    if (scope.dryRun) return;
    try {
      // The pod is a private copy with strings set in it, and is not used after: handed over.
      await store.replaceStored(key, pod, modRevision);
      return;
    } catch (error) {
      if (isStorageError(error, 'Conflict') || (fromCache && isStorageError(error, 'KeyNotFound'))) continue;
      throw toStatusError(error, PODS, name);
    }
  }
}
