// Issuing and checking service-account tokens against what is stored: a token is good only
// while its service account (and the object it is bound to, if any) still exists with the
// same uid — upstream's bound service-account tokens.

import { randomUUID } from 'node:crypto';
import type { Clock } from '../../api/clock.ts';
import { formatTime } from '../../api/schema/decode.ts';
import { badRequest, notFound, StatusError } from '../../api/status.ts';
import type { TokenRequest } from '../../api/types/authentication/v1/index.ts';
import type { WatchCache } from '../../storage/cache/watch-cache.ts';
import { keys, type ApiObject } from '../registry/resource.ts';
import { ISSUER, signToken, verifyToken, type ServiceAccountClaims, type SigningKey } from './jwt.ts';

const SERVICE_ACCOUNTS = { group: '', resource: 'serviceaccounts', namespaced: true } as const;
const BOUND_KINDS: Readonly<Record<string, { group: string; resource: string; namespaced: boolean }>> = {
  Pod: { group: '', resource: 'pods', namespaced: true },
  Secret: { group: '', resource: 'secrets', namespaced: true },
  Node: { group: '', resource: 'nodes', namespaced: false },
};

export interface ServiceAccountUser {
  readonly name: string;
  readonly uid: string;
  readonly groups: readonly string[];
  readonly extra: Record<string, string[]>;
}

export class ServiceAccountTokens {
  readonly #key: SigningKey;
  readonly #cache: WatchCache;
  readonly #clock: Clock;

  constructor(key: SigningKey, cache: WatchCache, clock: Clock) {
    this.#key = key;
    this.#cache = cache;
    this.#clock = clock;
  }

  #find(where: { group: string; resource: string; namespaced: boolean }, namespace: string, name: string): ApiObject | undefined {
    return this.#cache.get(keys.object(where, namespace, name))?.object as ApiObject | undefined;
  }

  /** TokenRequest for serviceaccounts/{name}/token: the request with its status filled in. */
  async issue(namespace: string, name: string, request: TokenRequest): Promise<TokenRequest> {
    await this.#cache.waitUntilFresh();
    const account = this.#find(SERVICE_ACCOUNTS, namespace, name);
    if (account === undefined) throw notFound({ group: '', resource: 'serviceaccounts' }, name);
    const spec = request.spec ?? { audiences: [] };
    const seconds = spec.expirationSeconds ?? 3600;
    if (seconds < 600) throw badRequest('spec.expirationSeconds: Invalid value: must be at least 600 seconds (10 minutes)');
    const audiences = (spec.audiences ?? []).length > 0 ? [...(spec.audiences ?? [])] : [ISSUER];
    const now = Math.floor(this.#clock.now() / 1000);
    const bound: Record<string, { name: string; uid: string }> = {};
    const ref = spec.boundObjectRef;
    if (ref !== undefined) {
      const where = BOUND_KINDS[ref.kind ?? ''];
      if (where === undefined) throw badRequest(`cannot bind token for ${ref.kind ?? ''}: only Pod, Secret and Node are supported`);
      const target = this.#find(where, namespace, ref.name ?? '');
      if (target === undefined) throw notFound({ group: '', resource: where.resource }, ref.name ?? '');
      if (ref.uid !== undefined && ref.uid !== '' && ref.uid !== target.metadata?.uid) {
        throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Conflict', code: 409, message: `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated` });
      }
      bound[(ref.kind ?? '').toLowerCase()] = { name: ref.name ?? '', uid: target.metadata?.uid ?? '' };
    }
    const claims: ServiceAccountClaims = {
      iss: ISSUER, sub: `system:serviceaccount:${namespace}:${name}`, aud: audiences,
      exp: now + seconds, iat: now, nbf: now, jti: randomUUID(),
      'kubernetes.io': { namespace, serviceaccount: { name, uid: account.metadata?.uid ?? '' }, ...bound },
    };
    return {
      ...request, apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest',
      metadata: { ...request.metadata, name, namespace, creationTimestamp: formatTime(this.#clock.now()) },
      spec: { ...spec, audiences, expirationSeconds: seconds },
      status: { token: signToken(this.#key, claims), expirationTimestamp: formatTime((now + seconds) * 1000) },
    } as TokenRequest;
  }

  /** The user a token stands for, or an error saying why it is not good (TokenReview, bearer auth). */
  authenticate(token: string, audiences: readonly string[] = [ISSUER]): { user: ServiceAccountUser; audiences: string[] } | { error: string } | undefined {
    const claims = verifyToken(this.#key, token, Math.floor(this.#clock.now() / 1000));
    if (claims === undefined) return undefined;
    const matching = claims.aud.filter((a) => audiences.includes(a));
    if (matching.length === 0) return { error: 'token audiences do not match' };
    const k8s = claims['kubernetes.io'];
    const account = this.#find(SERVICE_ACCOUNTS, k8s.namespace, k8s.serviceaccount.name);
    if (account === undefined || account.metadata?.uid !== k8s.serviceaccount.uid) return { error: 'service account token has been invalidated' };
    const extra: Record<string, string[]> = {};
    for (const [kind, ref] of Object.entries({ Pod: k8s.pod, Secret: k8s.secret, Node: k8s.node })) {
      if (ref === undefined) continue;
      const where = BOUND_KINDS[kind];
      const target = where === undefined ? undefined : this.#find(where, k8s.namespace, ref.name);
      if (target === undefined || target.metadata?.uid !== ref.uid) return { error: `${kind.toLowerCase()} bound to this token has been deleted` };
      if (kind === 'Pod') {
        extra['authentication.kubernetes.io/pod-name'] = [ref.name];
        extra['authentication.kubernetes.io/pod-uid'] = [ref.uid];
      }
    }
    extra['authentication.kubernetes.io/credential-id'] = [`JTI=${claims.jti}`];
    return {
      user: {
        name: claims.sub, uid: k8s.serviceaccount.uid,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${k8s.namespace}`], extra,
      },
      audiences: matching,
    };
  }
}
