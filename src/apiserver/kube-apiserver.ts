// The API server, composed: certificates → watch cache over the Store → the registry of
// resources → system objects → HTTPS. It is the only reader and writer of the Store.

import { hostname } from 'node:os';
import { join } from 'node:path';
import { realClock, type Clock } from '../api/clock.ts';
import { writeKubeconfig } from '../client/pki/write-kubeconfig.ts';
import { MetricsRegistry } from '../client/metrics/registry.ts';
import { WatchCache } from '../storage/cache/watch-cache.ts';
import type { Store } from '../storage/store.ts';
import { kubeletClientCredentials, writeComponentKubeconfigs, type Component } from './component-credentials.ts';
import { createConnectUpgradeHandler } from './endpoints/connect-upgrade.ts';
import { createApiHandler } from './endpoints/api-handler.ts';
import { HealthChecks } from './http/health.ts';
import { DEFAULT_MAX_MUTATING_REQUESTS_INFLIGHT, DEFAULT_MAX_REQUESTS_INFLIGHT, InflightLimiter } from './http/inflight.ts';
import { RequestMetrics } from './http/request-metrics.ts';
import { ApiServer, type ListenAddress } from './http/server.ts';
import { ensureServerPki, type ServerPki } from './http/server-pki.ts';
import { namespaceLifecycle } from './registry/admission.ts';
import { admissionChain } from './registry/admission-chain.ts';
import { priorityAdmission } from './registry/admission-priority.ts';
import { serviceAccountAdmission } from './registry/admission-serviceaccount.ts';
import { registerAll } from './registry/all.ts';
import { ensureObjects, systemObjects } from './registry/bootstrap.ts';
import { ResourceRegistry } from './registry/registry.ts';
import { keys } from './registry/resource.ts';
import { decodeStored } from './registry/stored.ts';
import { measuredStore } from './storage-metrics.ts';
import { ensureJoinToken, exceptJoinSecret, nodeJoinHandler } from './node-join.ts';
import type { Service } from '../api/types/core/v1/index.ts';
import { createOpenApiHandler } from './openapi/handler.ts';
import { ensureSigningKey } from './serviceaccount/jwt.ts';
import { bearerAuthenticator, oidcHandler } from './serviceaccount/serve.ts';
import { ServiceAccountTokens } from './serviceaccount/tokens.ts';
import { ServiceAllocators } from './registry/core/services/allocator.ts';

const SERVICES_PREFIX = keys.bucket({ group: '', resource: 'services' });

export interface KubeApiServerOptions {
  readonly dataDir: string;
  readonly store: Store;
  /** Default 0.0.0.0:6443. */
  readonly host?: string;
  readonly port?: number;
  /** Extra names and addresses for the serving certificate (--tls-san). */
  readonly tlsSans?: readonly string[];
  /** The Service IP range (--service-cidr, default 10.43.0.0/16). */
  readonly serviceCIDR?: string;
  readonly clock?: Clock;
  /** The node join token (--token, full or bare); default: kept in DATA/token, generated once. */
  readonly joinToken?: string;
  /** Read-only requests served at once (--max-requests-inflight; 0: no limit; default DEFAULT_MAX_REQUESTS_INFLIGHT). */
  readonly maxRequestsInflight?: number;
  /** Mutating requests served at once (--max-mutating-requests-inflight; 0: no limit; default DEFAULT_MAX_MUTATING_REQUESTS_INFLIGHT). */
  readonly maxMutatingRequestsInflight?: number;
  /** Told once the server listens and the admin kubeconfig is written. */
  readonly onReady?: (info: { address: ListenAddress; kubeconfig: string; pki: ServerPki; components: Record<Component, string>; joinToken: string }) => void;
}

export class KubeApiServer {
  readonly #options: KubeApiServerOptions;

  constructor(options: KubeApiServerOptions) {
    this.#options = options;
  }

  /** Serves until `signal` fires; resolves once everything is closed. */
  async run(signal: AbortSignal): Promise<void> {
    const o = this.#options;
    const clock = o.clock ?? realClock;
    const sans = o.tlsSans ?? [];
    const pki = await ensureServerPki(o.dataDir, {
      hostnames: [hostname(), ...sans.filter((s) => !/^[\d.:]+$/.test(s))],
      ipAddresses: sans.filter((s) => /^[\d.:]+$/.test(s)),
    });
    const joining = await ensureJoinToken(o.dataDir, pki.ca.certPem, o.joinToken);
    const metrics = new MetricsRegistry();
    const store = measuredStore(o.store, metrics);
    const cache = new WatchCache(store, { prefix: '/registry/', bucketOf: keys.bucketOf, decode: decodeStored, clock });
    const registry = new ResourceRegistry({ store, cache, clock, admission: admissionChain(namespaceLifecycle(cache), priorityAdmission(cache), serviceAccountAdmission(cache, clock)) });

    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const cacheDone = cache.run(stop.signal);
    const timers: Array<{ cancel(): void }> = [];
    try {
      await cache.ready();
      await cache.waitUntilFresh();
      // Cluster IPs and node ports are rebuilt from the stored Services, then repaired now and
      // then (what failed creates and deletes left behind), as upstream's repair loops do.
      const storedServices = (): Service[] => cache.list(SERVICES_PREFIX).items.map((i) => i.object as Service);
      const serviceAllocators = new ServiceAllocators(storedServices(), o.serviceCIDR === undefined ? {} : { serviceCIDR: o.serviceCIDR });
      timers.push(clock.every(3 * 60_000, () => serviceAllocators.repair(storedServices())));
      const signingKey = await ensureSigningKey(o.dataDir);
      const tokens = new ServiceAccountTokens(signingKey, cache, clock);
      registerAll(registry, { serviceAllocators, clock, tokenAuthenticator: (token, audiences) => tokens.authenticate(token, audiences) });
      await ensureObjects(registry, systemObjects({ apiServerPort: o.port ?? 6443, ...(o.serviceCIDR === undefined ? {} : { serviceCIDR: o.serviceCIDR }) }));

      const health = new HealthChecks();
      health.add('etcd', async () => {
        await o.store.currentRevision();
      });
      health.add('informer-sync', () => cache.ready(), ['readyz']);
      const requestMetrics = new RequestMetrics(metrics, clock);
      const inflight = new InflightLimiter({
        maxReadOnly: o.maxRequestsInflight ?? DEFAULT_MAX_REQUESTS_INFLIGHT,
        maxMutating: o.maxMutatingRequestsInflight ?? DEFAULT_MAX_MUTATING_REQUESTS_INFLIGHT,
        clock, metrics,
      });
      timers.push(clock.every(1000, () => inflight.publish()));
      let address: ListenAddress = { host: o.host ?? '0.0.0.0', port: o.port ?? 6443 };
      const kubelet = kubeletClientCredentials(pki.ca);
      const server = new ApiServer({
        upgrade: createConnectUpgradeHandler({ registry, kubelet }),
        ...(o.host === undefined ? {} : { host: o.host }),
        port: o.port ?? 6443,
        tls: { certPem: pki.serving.certPem, keyPem: pki.serving.keyPem, clientCaPem: pki.ca.certPem },
        handler: nodeJoinHandler({ ca: pki.ca, secret: joining.secret, now: () => clock.now() }, createApiHandler({
          registry, metrics: requestMetrics, now: () => clock.now(), tokens, kubelet,
          inflight,
          before: [createOpenApiHandler(registry, { now: () => clock.now() }), oidcHandler(signingKey)],
          serverAddress: () => `${address.host === '0.0.0.0' ? '127.0.0.1' : address.host}:${address.port}`,
        })),
        authenticators: [exceptJoinSecret(bearerAuthenticator(tokens), joining.secret)],
        health,
        metrics,
        requestMetrics,
        clock,
      });
      const serving = server.run(stop.signal);
      address = await server.listening;
      const kubeconfig = join(o.dataDir, 'kubeconfig.yaml');
      const host = address.host === '0.0.0.0' || address.host === '::' ? '127.0.0.1' : address.host;
      const url = `https://${host}:${address.port}`;
      await writeKubeconfig(kubeconfig, { server: url, caPem: pki.ca.certPem, certPem: pki.admin.certPem, keyPem: pki.admin.keyPem });
      const components = await writeComponentKubeconfigs(o.dataDir, pki.ca, url);
      o.onReady?.({ address, kubeconfig, pki, components, joinToken: joining.token });
      await serving;
    } finally {
      for (const timer of timers) timer.cancel();
      signal.removeEventListener('abort', onAbort);
      stop.abort();
      await cacheDone;
    }
  }
}
