// The NamespaceDeletion* conditions upstream's namespace controller keeps on a Terminating
// namespace (namespace_resources_deleter's conditionUpdater): all five are written on every
// pass, False with a "nothing wrong" reason or True with what went wrong, so `kubectl describe ns`
// explains why a namespace stays Terminating.

import type { NamespaceCondition } from '../../api/types/core/v1/index.ts';

export const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

/** What one pass over the namespace's content found. */
export interface DeletionReport {
  /** Discovery errors ("group/version: message"). */
  readonly discoveryErrors: readonly string[];
  readonly parsingErrors: readonly string[];
  /** Failed deletes or lists ("configmaps: message"). */
  readonly contentErrors: readonly string[];
  /** "configmaps" / "deployments.apps" → objects left. */
  readonly remaining: ReadonlyMap<string, number>;
  /** Finalizer → objects carrying it. */
  readonly finalizers: ReadonlyMap<string, number>;
}

type Fresh = Omit<NamespaceCondition, 'lastTransitionTime'>;

function sortedCounts(counts: ReadonlyMap<string, number>, format: (key: string, n: number) => string): string {
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, n]) => format(k, n)).join(', ');
}

/** The five conditions for a report, without times. */
export function conditionsFor(report: DeletionReport): Fresh[] {
  const c = (type: string, failed: boolean, reasonTrue: string, messageTrue: string, reasonFalse: string, messageFalse: string): Fresh =>
    failed ? { type, status: 'True', reason: reasonTrue, message: messageTrue } : { type, status: 'False', reason: reasonFalse, message: messageFalse };
  return [
    c('NamespaceDeletionDiscoveryFailure', report.discoveryErrors.length > 0, 'DiscoveryFailed',
      `Discovery failed for some groups, ${report.discoveryErrors.length} failing: ${report.discoveryErrors.join(', ')}`,
      'ResourcesDiscovered', 'All resources successfully discovered'),
    c('NamespaceDeletionGroupVersionParsingFailure', report.parsingErrors.length > 0, 'GroupVersionParsingFailed',
      `Failed to parse some group versions, ${report.parsingErrors.length} failing: ${report.parsingErrors.join(', ')}`,
      'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
    c('NamespaceDeletionContentFailure', report.contentErrors.length > 0, 'ContentDeletionFailed',
      `Failed to delete all resource types, ${report.contentErrors.length} remaining: ${report.contentErrors.join(', ')}`,
      'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'),
    c('NamespaceContentRemaining', report.remaining.size > 0, 'SomeResourcesRemain',
      `Some resources are remaining: ${sortedCounts(report.remaining, (k, n) => `${k} has ${n} resource instances`)}`,
      'ContentRemoved', 'All content successfully removed'),
    c('NamespaceFinalizersRemaining', report.finalizers.size > 0, 'SomeFinalizersRemain',
      `Some content in the namespace has finalizers remaining: ${sortedCounts(report.finalizers, (k, n) => `${k} in ${n} resource instances`)}`,
      'ContentHasNoFinalizers', 'All content-preserving finalizers finished'),
  ];
}

/**
 * The namespace's conditions with the fresh ones merged in: a condition whose status did not
 * change keeps its lastTransitionTime; others (and conditions of other types) are kept as they are.
 * Returns undefined when nothing changed, so the controller writes only when it must.
 */
export function mergeConditions(current: readonly NamespaceCondition[], fresh: readonly Fresh[], now: string): NamespaceCondition[] | undefined {
  const result = [...current];
  let changed = false;
  for (const f of fresh) {
    const i = result.findIndex((c) => c.type === f.type);
    const old = i === -1 ? undefined : result[i];
    if (old !== undefined && old.status === f.status && old.reason === f.reason && old.message === f.message) continue;
    const lastTransitionTime = old !== undefined && old.status === f.status && old.lastTransitionTime !== undefined ? old.lastTransitionTime : now;
    const next: NamespaceCondition = { ...f, lastTransitionTime };
    if (i === -1) result.push(next);
    else result[i] = next;
    changed = true;
  }
  return changed ? result : undefined;
}
