// POST pods/{name}/eviction: a delete that respects PodDisruptionBudgets (upstream's
// EvictionREST). A pod covered by a budget with no disruptions left is refused with 429; else
// the budget's disruptionsAllowed goes down by one (and the pod is noted in disruptedPods)
// before the pod is deleted. Answers 201 with a Success Status.

import { fromLabelSelector, matches } from '../../api/labels/selector.ts';
import { formatTime } from '../../api/schema/decode.ts';
import { badRequest, internalError, StatusError } from '../../api/status.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { Eviction, type PodDisruptionBudget } from '../../api/types/policy/v1/index.ts';
import type { ApiRequest, ApiResponse } from '../http/types.ts';
import type { GenericStore, RequestScope } from '../registry/generic-store.ts';
import type { ApiObject, DeleteOptionsLike } from '../registry/resource.ts';
import { fieldValidationOf, parseBody, typedObject } from './codec.ts';
import { listObjects } from '../registry/generic-read.ts';
import { EVERYTHING as ALL_FIELDS } from '../../api/fields/selector.ts';
import { EVERYTHING as ALL_LABELS } from '../../api/labels/selector.ts';
import { bodyType, negotiateOutput } from './negotiation.ts';
import type { ResourceContext } from './resources.ts';
import { writeObject } from './respond.ts';

function tooManyRequests(message: string): StatusError {
  return new StatusError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'TooManyRequests', code: 429,
    details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget needs more healthy pods and the budget is exhausted.' }] },
  });
}

export async function serveEviction(ctx: ResourceContext, pods: GenericStore<Pod>, scope: RequestScope, name: string, req: ApiRequest, res: ApiResponse): Promise<void> {
  const output = negotiateOutput(req.headers['accept'], { protobuf: true });
  const format = bodyType(req.headers['content-type'], ['json', 'yaml', 'protobuf']) as 'json' | 'yaml' | 'protobuf';
  const parsed = parseBody(await req.body(), format, ctx.registry.shape);
  const { object: eviction } = typedObject(parsed, { apiVersion: 'policy/v1', kind: 'Eviction', shape: Eviction }, fieldValidationOf(req.query));
  if ((eviction.metadata?.name ?? '') !== name) throw badRequest('name in URL does not match name in Eviction object');
  const pod = await pods.get(scope, name);
  const deleteOptions = (eviction.deleteOptions ?? {}) as DeleteOptionsLike;
  const phase = pod.status?.phase;
  // Pods that are done, or not yet running, cost no availability: evicted without a budget check.
  const exempt = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata?.deletionTimestamp !== undefined;
  if (!exempt) await takeDisruption(ctx, scope, pod);
  if (!scope.dryRun) await pods.delete(scope, name, deleteOptions);
  writeObject(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }, output.format, ctx.registry.shape);
}

async function takeDisruption(ctx: ResourceContext, scope: RequestScope, pod: Pod): Promise<void> {
  const budgets = ctx.registry.find('policy', 'v1', 'poddisruptionbudgets') as GenericStore<PodDisruptionBudget & ApiObject> | undefined;
  if (budgets === undefined) return;
  for (let attempt = 0; ; attempt++) {
    const page = await listObjects(budgets, scope, { labels: ALL_LABELS, fields: ALL_FIELDS, limit: 0, continue: undefined, resourceVersion: undefined, resourceVersionMatch: undefined });
    const covering = page.items.filter((pdb) => {
      const selector = fromLabelSelector(pdb.spec?.selector as Parameters<typeof fromLabelSelector>[0]);
      return selector.ok && matches(selector.value, pod.metadata?.labels ?? {});
    });
    if (covering.length === 0) return;
    if (covering.length > 1) throw internalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    const pdb = covering[0] as PodDisruptionBudget & ApiObject;
    if ((pdb.status?.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 0)) {
      throw tooManyRequests('Cannot evict pod as it would violate the pod\'s disruption budget. The disruption budget is still being processed by the server.');
    }
    const allowed = pdb.status?.disruptionsAllowed ?? 0;
    if (allowed <= 0) throw tooManyRequests(`Cannot evict pod as it would violate the pod's disruption budget.`);
    if (scope.dryRun) return;
    const status = { ...pdb.status, disruptionsAllowed: allowed - 1, disruptedPods: { ...pdb.status?.disruptedPods, [pod.metadata?.name ?? '']: formatTime(ctx.now()) } };
    try {
      await budgets.update(scope, pdb.metadata?.name ?? '', { ...pdb, status } as PodDisruptionBudget & ApiObject, { subresource: 'status' });
      return;
    } catch (error) {
      if (!(error instanceof StatusError && error.reason === 'Conflict') || attempt >= 5) throw error;
    }
  }
}
