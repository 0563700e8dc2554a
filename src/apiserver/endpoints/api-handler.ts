// The API: discovery and resources, behind authorization. Everything under /api and /apis
// comes here; the HTTP layer serves health, version and metrics itself.

import { forbidden, StatusError } from '../../api/status.ts';
import { authorize } from '../authz/authorizer.ts';
import { isLongRunning, TOO_MANY_REQUESTS, TooManyRequests, type InflightLimiter } from '../http/inflight.ts';
import type { RequestLabels, RequestMetrics } from '../http/request-metrics.ts';
import type { ServiceAccountTokens } from '../serviceaccount/tokens.ts';
import type { ApiRequest, ApiResponse, Handler } from '../http/types.ts';
import type { ResourceRegistry } from '../registry/registry.ts';
import { aggregatedContentType, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery.ts';
import { negotiateOutput } from './negotiation.ts';
import { requestInfo, type DiscoveryRequest, type RequestInfo, type ResourceRequest } from './request-info.ts';
import { writeError } from './respond.ts';
import { serveResource, type ResourceContext } from './resources.ts';
import type { KubeletClientConfig } from './kubelet-proxy.ts';

export interface ApiHandlerOptions {
  readonly registry: ResourceRegistry;
  /** host:port clients reach the server at, for /api's serverAddressByClientCIDRs. */
  readonly serverAddress: () => string;
  readonly now?: () => number;
  /** Where request counts and latencies go (/metrics). */
  readonly metrics?: RequestMetrics;
  /** Tried, in order, for paths outside the API (OpenAPI, OIDC discovery); true when one answered. */
  readonly before?: ReadonlyArray<(req: ApiRequest, res: ApiResponse) => Promise<boolean>>;
  readonly tokens?: ServiceAccountTokens;
  /** Credentials for reaching kubelets (pods/log, exec, attach, portforward, nodes/proxy). */
  readonly kubelet?: KubeletClientConfig;
  /** Seats for requests served at once (--max-requests-inflight, --max-mutating-requests-inflight); none: no limit. */
  readonly inflight?: InflightLimiter;
}

const NOT_FOUND = (): StatusError => new StatusError({
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404,
});

/** Refuses what the authorizer does not allow, with upstream's Forbidden message. */
export function authorizeRequest(req: ApiRequest, info: RequestInfo): void {
  const user = req.user;
  if (info.kind === 'resource') {
    const decision = authorize(user, { kind: 'resource', verb: info.verb, group: info.group, resource: info.resource, subresource: info.subresource, namespace: info.namespace, name: info.name });
    if (decision.allowed) return;
    const where = info.namespace === '' ? '' : ` in the namespace "${info.namespace}"`;
    const what = info.subresource === '' ? info.resource : `${info.resource}/${info.subresource}`;
    throw forbidden({ group: info.group, resource: info.resource }, info.name, `User "${user.name}" cannot ${info.verb} resource "${what}" in API group "${info.group}"${where}`);
  }
  const decision = authorize(user, { kind: 'path', verb: req.method.toLowerCase(), path: req.path });
  if (!decision.allowed) throw forbidden({ group: '', resource: '' }, '', `User "${user.name}" cannot ${req.method.toLowerCase()} path "${req.path}"`);
}

export function createApiHandler(options: ApiHandlerOptions): Handler {
  const ctx: ResourceContext = { registry: options.registry, now: options.now ?? Date.now, tokens: options.tokens, kubelet: options.kubelet };
  const serve = async (info: RequestInfo, req: ApiRequest, res: ApiResponse): Promise<void> => {
    authorizeRequest(req, info);
    if (info.kind === 'discovery') return serveDiscovery(options, info, req, res);
    if (info.kind === 'resource') {
      const serveIt = (): Promise<void> => serveResource(ctx, info, req, res);
      if (options.metrics === undefined) return await serveIt();
      return await options.metrics.measure(metricLabels(info, req), res, serveIt);
    }
    for (const before of options.before ?? []) if (await before(req, res)) return;
    throw NOT_FOUND();
  };
  const inflight = options.inflight;
  // As upstream's filters: the seat is taken after authentication, before authorization.
  const admit = (info: RequestInfo, req: ApiRequest, res: ApiResponse): Promise<void> =>
    inflight === undefined ? serve(info, req, res) : inflight.run(info, req.method, req.user, () => req.signal, () => serve(info, req, res));
  return async (req, res) => {
    let info: RequestInfo | undefined;
    try {
      info = requestInfo(req.method, req.path, req.query);
      await admit(info, req, res);
    } catch (error) {
      if (res.headersSent) return;
      if (error instanceof TooManyRequests) {
        const refuse = async (): Promise<void> => {
          res.setHeader('Retry-After', '1');
          res.send(429, TOO_MANY_REQUESTS, 'text/plain; charset=utf-8');
        };
        // Counted in apiserver_request_total with its 429, as upstream counts a refused request.
        if (info?.kind === 'resource' && options.metrics !== undefined) await options.metrics.measure(metricLabels(info, req), res, refuse);
        else await refuse();
        return;
      }
      writeError(res, error);
    }
  };
}

/** The labels of a resource request in apiserver_request_total and its kin. */
function metricLabels(info: ResourceRequest, req: ApiRequest): RequestLabels {
  return {
    verb: info.verb.toUpperCase(),
    group: info.group, version: info.version, resource: info.resource, subresource: info.subresource,
    scope: info.name !== '' ? 'resource' : info.namespace !== '' ? 'namespace' : 'cluster',
    dryRun: req.query.has('dryRun'),
    longRunning: isLongRunning(info),
  };
}

function serveDiscovery(options: ApiHandlerOptions, info: DiscoveryRequest, req: ApiRequest, res: ApiResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `the server does not allow this method on the requested resource`, reason: 'MethodNotAllowed', details: {}, code: 405 });
  const defs = options.registry.defs;
  if (info.group === undefined && info.version === undefined) {
    const output = negotiateOutput(req.headers['accept'], { discovery: true, protobuf: false });
    if (output.as?.kind === 'APIGroupDiscoveryList') {
      const version = output.as.version === 'v2beta1' ? 'v2beta1' : 'v2';
      res.send(200, `${JSON.stringify(aggregatedDiscovery(defs, info.prefix, version))}\n`, aggregatedContentType(version));
      return;
    }
    res.json(200, info.prefix === 'api' ? apiVersions(options.serverAddress()) : apiGroupList(defs));
    return;
  }
  negotiateOutput(req.headers['accept'], { protobuf: false });
  const document = info.version === undefined ? apiGroup(defs, info.group ?? '') : apiResourceList(defs, info.group ?? '', info.version);
  if (document === undefined) throw NOT_FOUND();
  res.json(200, document);
}
