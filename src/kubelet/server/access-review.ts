// The kubelet's webhook authorizer (upstream's --authorization-mode=Webhook): each request's
// user, verb and node subresource are put to the API server as a SubjectAccessReview, and the
// answer is cached (allowed 5 minutes, denied 30 seconds, upstream's defaults) so a stream of
// requests costs one review. A review that fails denies: the kubelet fails closed.

import type { Clock } from '../../api/clock.ts';
import type { RestClient } from '../../client/rest/client.ts';
import type { KubeletUser } from './authn.ts';

export interface AccessReviewOptions {
  readonly client: RestClient;
  readonly nodeName: string;
  readonly clock: Clock;
  readonly log: (message: string) => void;
  readonly allowedTtlMs?: number;
  readonly deniedTtlMs?: number;
}

/** Entries kept at most, so a flood of distinct users cannot grow memory without bound. */
const MAX_ENTRIES = 1024;

/** Returns a KubeletServer `authorize` function backed by SubjectAccessReviews. */
export function accessReviewAuthorizer(options: AccessReviewOptions): (user: KubeletUser, verb: string, resource: string) => Promise<boolean> {
  const cache = new Map<string, { allowed: boolean; until: number }>();
  return async (user, verb, resource) => {
    const [, subresource = ''] = resource.split('/');
    const key = JSON.stringify([user.name, [...user.groups].sort(), verb, resource]);
    const now = options.clock.now();
    const hit = cache.get(key);
    if (hit !== undefined && hit.until > now) return hit.allowed;
    let allowed = false;
    try {
      const review = await options.client.request<{ status?: { allowed?: boolean } }>({
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
        body: {
          apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview',
          spec: { user: user.name, groups: user.groups, resourceAttributes: { verb, group: '', version: 'v1', resource: 'nodes', subresource, name: options.nodeName } },
        },
      });
      allowed = review.status?.allowed === true;
    } catch (error) {
      options.log(`kubelet server: access review for ${user.name} failed, denying: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, { allowed, until: now + (allowed ? options.allowedTtlMs ?? 5 * 60_000 : options.deniedTtlMs ?? 30_000) });
    return allowed;
  };
}
