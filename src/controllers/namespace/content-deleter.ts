// Empties a Terminating namespace (upstream's namespacedResourcesDeleter.deleteAllContent):
// every namespaced resource the server serves and can delete is deleted — by deletecollection
// where supported, otherwise list and delete one by one — then listed again to learn what is
// left and which finalizers hold it. Pods go first and everything else waits until they are
// gone (upstream's OrderedNamespaceDeletion, on by default since 1.33), so no workload keeps
// running with its Secrets or ConfigMaps already deleted.

import { isMethodNotSupported, isNotFound } from '../../api/status-predicates.ts';
import type { RestClient } from '../../client/rest/client.ts';
import type { KubeObject } from '../../client/rest/types.ts';
import { discoverResources, supportsVerbs, type DiscoveredResource } from '../manager/discovery.ts';
import type { DeletionReport } from './conditions.ts';

const BACKGROUND = { propagationPolicy: 'Background' } as const;

function describe(r: DiscoveredResource): string {
  return r.group === '' ? r.resource : `${r.resource}.${r.group}`;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

interface Tally {
  remaining: Map<string, number>;
  finalizers: Map<string, number>;
  contentErrors: string[];
}

/** Deletes what can be deleted in one resource, then counts what is left. */
async function deleteResource(client: RestClient, r: DiscoveredResource, namespace: string, tally: Tally, signal: AbortSignal): Promise<void> {
  const rc = client.resource<KubeObject>(r).namespace(namespace);
  try {
    if (supportsVerbs(r, 'deletecollection')) {
      await rc.deleteCollection({ body: BACKGROUND, signal });
    } else if (supportsVerbs(r, 'list')) {
      const list = await rc.list({ signal });
      for (const item of list.items) {
        const name = item.metadata?.name;
        if (name === undefined || item.metadata?.deletionTimestamp !== undefined) continue;
        try {
          await rc.delete(name, { body: BACKGROUND, signal });
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
    }
  } catch (err) {
    if (signal.aborted) throw err;
    if (!isNotFound(err) && !isMethodNotSupported(err)) tally.contentErrors.push(`${describe(r)}: ${message(err)}`);
  }
  if (!supportsVerbs(r, 'list')) return;
  try {
    const left = await rc.list({ signal });
    if (left.items.length === 0) return;
    tally.remaining.set(describe(r), left.items.length);
    for (const item of left.items) {
      for (const f of item.metadata?.finalizers ?? []) tally.finalizers.set(f, (tally.finalizers.get(f) ?? 0) + 1);
    }
  } catch (err) {
    if (signal.aborted) throw err;
    if (!isNotFound(err)) tally.contentErrors.push(`${describe(r)}: ${message(err)}`);
  }
}

/** One pass over the namespace's content; the namespace is empty when the report shows nothing remaining and no errors. */
export async function deleteAllContent(client: RestClient, namespace: string, signal: AbortSignal): Promise<DeletionReport> {
  const discovery = await discoverResources(client, signal);
  const discoveryErrors = [...discovery.failures].map(([gv, err]) => `${gv}: ${message(err)}`);
  const deletable = discovery.resources.filter((r) => r.preferred && r.namespaced && supportsVerbs(r, 'delete'));
  const tally: Tally = { remaining: new Map(), finalizers: new Map(), contentErrors: [] };
  const pods = deletable.filter((r) => r.group === '' && r.resource === 'pods');
  const rest = deletable.filter((r) => !pods.includes(r));
  for (const r of pods) await deleteResource(client, r, namespace, tally, signal);
  // Until the pods are gone, the rest waits (and is not counted: it has not been asked to go).
  if (tally.remaining.size === 0) {
    await Promise.all(rest.map((r) => deleteResource(client, r, namespace, tally, signal)));
  }
  return { discoveryErrors, parsingErrors: [], contentErrors: tally.contentErrors, remaining: tally.remaining, finalizers: tally.finalizers };
}

/** Whether the report allows the `kubernetes` finalizer to be removed. */
export function isEmpty(report: DeletionReport): boolean {
  return report.discoveryErrors.length === 0 && report.contentErrors.length === 0 && report.remaining.size === 0;
}
