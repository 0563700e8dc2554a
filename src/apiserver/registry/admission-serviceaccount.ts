// Upstream's ServiceAccount admission plugin, for pods being created: the pod's service account
// must exist (403 "error looking up service account NS/NAME: …" otherwise); unless
// automountServiceAccountToken is false on the pod or the account, every container and init
// container gets the account's API credentials — the projected volume kube-api-access-XXXXX
// (a bound token, the cluster CA, the namespace) mounted read-only at
// /var/run/secrets/kubernetes.io/serviceaccount; the account's imagePullSecrets are copied to a
// pod that names none. (The account name itself defaults to `default` in pods/defaults.ts.)
//
// The `default` account is made by the service account controller. Upstream looks for it a few
// more times (10 tries 100–200 ms apart) before refusing, to let the controller catch up with
// a new namespace. Here the refusal also needs a live controller-manager (its leader Lease is
// held): a cluster run without one (`--disable controller-manager`, tests, benchmarks) has no
// one to make the account, and its pods are admitted without the credentials volume.

import { randomInt } from 'node:crypto';
import type { Clock } from '../../api/clock.ts';
import { goQuote } from '../../api/go-format.ts';
import { forbidden } from '../../api/status.ts';
import type { Lease } from '../../api/types/coordination/v1/index.ts';
import type { Container, Pod, ServiceAccount, Volume } from '../../api/types/core/v1/index.ts';
import { nameFromGenerateName } from '../../api/validation/names.ts';
import type { WatchCache } from '../../storage/cache/watch-cache.ts';
import type { Admission } from './generic-store.ts';
import { DEFAULT_SERVICE_ACCOUNT, MIRROR_POD_ANNOTATION } from './core/pods/defaults.ts';
import { keys, type ApiObject, type ResourceDef } from './resource.ts';

export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';
export const DEFAULT_API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** Just over an hour: upstream's marker for tokens the API server may extend (and warn about). */
export const TOKEN_EXPIRATION_SECONDS = 3607;
const DEFAULT_ACCOUNT_TRIES = 10;

const SERVICE_ACCOUNTS = { group: '', resource: 'serviceaccounts', namespaced: true } as const;
const LEASES = { group: 'coordination.k8s.io', resource: 'leases', namespaced: true } as const;
const CONTROLLER_MANAGER_LEASE = { namespace: 'kube-system', name: 'kube-controller-manager' };

/** The projected volume that carries a pod's API credentials. */
export function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 0o644,
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

/** Adds the volume (reusing one already there) and a mount in every container without one at the path. */
export function mountServiceAccountToken(pod: Pod, generateName: (base: string) => string = nameFromGenerateName): void {
  const spec = (pod.spec ??= { containers: [] });
  const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX));
  const volumeName = existing?.name ?? generateName(SERVICE_ACCOUNT_VOLUME_PREFIX);
  let needed = false;
  const mount = (c: Container): void => {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) return;
    c.volumeMounts = [...(c.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: DEFAULT_API_TOKEN_MOUNT_PATH }];
    needed = true;
  };
  for (const c of spec.initContainers ?? []) mount(c);
  for (const c of spec.containers ?? []) mount(c);
  if (needed && existing === undefined) spec.volumes = [...(spec.volumes ?? []), tokenVolume(volumeName)];
}

function shouldAutomount(account: ServiceAccount | undefined, pod: Pod): boolean {
  return pod.spec?.automountServiceAccountToken ?? account?.automountServiceAccountToken ?? true;
}

function mirrorPodProblem(pod: Pod): string | undefined {
  const spec = pod.spec;
  if ((spec?.serviceAccountName ?? '') !== '') return 'a mirror pod may not reference service accounts';
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  const secrets = (spec?.volumes ?? []).some((v) => v.secret !== undefined || (v.projected?.sources ?? []).some((s) => s.secret !== undefined))
    || (spec?.imagePullSecrets ?? []).length > 0
    || containers.some((c) => (c.env ?? []).some((e) => e.valueFrom?.secretKeyRef !== undefined) || (c.envFrom ?? []).some((e) => e.secretRef !== undefined));
  if (secrets) return 'a mirror pod may not reference secrets';
  if ((spec?.volumes ?? []).some((v) => (v.projected?.sources ?? []).some((s) => s.serviceAccountToken !== undefined))) {
    return 'a mirror pod may not use ServiceAccountToken volume projections';
  }
  return undefined;
}

export function serviceAccountAdmission(cache: WatchCache, clock: Clock): Admission {
  const account = (namespace: string, name: string): ServiceAccount | undefined =>
    cache.get(keys.object(SERVICE_ACCOUNTS, namespace, name))?.object as ServiceAccount | undefined;

  const controllerManagerRunning = (): boolean => {
    const lease = cache.get(keys.object(LEASES, CONTROLLER_MANAGER_LEASE.namespace, CONTROLLER_MANAGER_LEASE.name))?.object as Lease | undefined;
    const renewed = Date.parse(lease?.spec?.renewTime ?? '');
    const seconds = lease?.spec?.leaseDurationSeconds ?? 0;
    return (lease?.spec?.holderIdentity ?? '') !== '' && Number.isFinite(renewed) && renewed + seconds * 1000 > clock.now();
  };

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => { clock.after(ms, resolve); });

  /** The account, or undefined when it does not exist and no one could make it (see above). */
  const lookUp = async (pod: Pod, namespace: string, name: string): Promise<ServiceAccount | undefined> => {
    let found = account(namespace, name);
    if (found !== undefined) return found;
    await cache.waitUntilFresh();
    found = account(namespace, name);
    if (found !== undefined) return found;
    if (name === DEFAULT_SERVICE_ACCOUNT) {
      if (!controllerManagerRunning()) return undefined;
      const interval = 100 + randomInt(100);
      for (let i = 1; i < DEFAULT_ACCOUNT_TRIES && found === undefined; i++) {
        await sleep(interval);
        await cache.waitUntilFresh();
        found = account(namespace, name);
      }
      if (found !== undefined) return found;
    }
    throw forbidden({ group: '', resource: 'pods' }, pod.metadata?.name ?? '',
      `error looking up service account ${namespace}/${name}: serviceaccount ${goQuote(name)} not found`);
  };

  return {
    async admitCreate(def: ResourceDef, object: ApiObject): Promise<void> {
      if (def.group !== '' || def.resource !== 'pods') return;
      const pod = object as Pod;
      if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
        const problem = mirrorPodProblem(pod);
        if (problem !== undefined) throw forbidden({ group: '', resource: 'pods' }, pod.metadata.name ?? '', problem);
        return;
      }
      const spec = (pod.spec ??= { containers: [] });
      if ((spec.serviceAccountName ?? '') === '') spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT;
      spec.serviceAccount = spec.serviceAccountName ?? DEFAULT_SERVICE_ACCOUNT;
      const namespace = pod.metadata?.namespace ?? '';
      const sa = await lookUp(pod, namespace, spec.serviceAccountName ?? DEFAULT_SERVICE_ACCOUNT);
      if (sa === undefined) return;
      if (shouldAutomount(sa, pod)) mountServiceAccountToken(pod);
      if ((spec.imagePullSecrets ?? []).length === 0 && (sa.imagePullSecrets ?? []).length > 0) {
        spec.imagePullSecrets = (sa.imagePullSecrets ?? []).map((s) => ({ name: s.name ?? '' }));
      }
    },
  };
}
