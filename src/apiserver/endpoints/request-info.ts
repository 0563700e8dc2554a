// What an API request is about, read from its method and path (upstream's RequestInfoFactory):
//
//   /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}
//   /apis/{group}/{version}/namespaces/{ns}/{resource}/{name}/{subresource}
//   /api/v1/{resource}                      (cluster-scoped, or all namespaces)
//   /api/v1/namespaces/{name}               (the namespace itself)
//
// The verb comes from the method, refined by the path and query: GET of a collection is
// list, or watch with ?watch=true; DELETE of a collection is deletecollection.

export interface ResourceRequest {
  readonly kind: 'resource';
  readonly verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection' | 'connect';
  /** "api" or "apis". */
  readonly prefix: 'api' | 'apis';
  readonly group: string;
  readonly version: string;
  /** "" when the request names no namespace. */
  readonly namespace: string;
  readonly resource: string;
  /** "" for collection requests. */
  readonly name: string;
  /** "" unless the path names one (status, scale, log, exec, …). */
  readonly subresource: string;
}

export interface OtherRequest {
  readonly kind: 'other';
  readonly verb: string;
  readonly path: string;
}

/** A discovery request: /api, /apis, /apis/{group}, /api/v1, /apis/{group}/{version}. */
export interface DiscoveryRequest {
  readonly kind: 'discovery';
  readonly prefix: 'api' | 'apis';
  readonly group: string | undefined;
  readonly version: string | undefined;
}

export type RequestInfo = ResourceRequest | DiscoveryRequest | OtherRequest;

const methodVerbs: Readonly<Record<string, ResourceRequest['verb']>> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

export function requestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const parts = path.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  const prefix = parts[0];
  if (prefix !== 'api' && prefix !== 'apis') return { kind: 'other', verb: method.toLowerCase(), path };
  let rest = parts.slice(1);
  let group = '';
  if (prefix === 'apis') {
    if (rest.length === 0) return { kind: 'discovery', prefix, group: undefined, version: undefined };
    group = rest[0] as string;
    rest = rest.slice(1);
    if (rest.length === 0) return { kind: 'discovery', prefix, group, version: undefined };
  }
  if (rest.length === 0) return { kind: 'discovery', prefix, group: undefined, version: undefined };
  const version = rest[0] as string;
  rest = rest.slice(1);
  if (rest.length === 0) return { kind: 'discovery', prefix, group: prefix === 'apis' ? group : '', version };

  let verb = methodVerbs[method.toUpperCase()] ?? 'connect';
  // The old /watch/ path form: GET /api/v1/watch/namespaces/x/pods.
  const watchPath = rest[0] === 'watch' && verb === 'get';
  if (watchPath) rest = rest.slice(1);
  let namespace = '';
  // /namespaces/{ns}/{resource}…; but /namespaces/{name}/status and /finalize are the
  // namespace's own subresources.
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1] as string;
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2] as string)) rest = rest.slice(2);
  }
  const [resource = '', name = '', subresource = '', ...extra] = rest;
  // Subresource paths deeper than one segment (e.g. nodes/x/proxy/some/path) keep only the first.
  void extra;
  if (name === '') {
    if (verb === 'get') verb = watchPath || isWatch(query) ? 'watch' : 'list';
    else if (verb === 'delete') verb = 'deletecollection';
  } else if (verb === 'get' && (watchPath || isWatch(query))) {
    verb = 'watch';
  }
  if (subresource !== '' && ['exec', 'attach', 'portforward', 'proxy'].includes(subresource) && method !== 'GET') verb = 'connect';
  return { kind: 'resource', verb, prefix, group, version, namespace, resource, name, subresource };
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function isWatch(query: URLSearchParams): boolean {
  const value = query.get('watch');
  return value !== null && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
