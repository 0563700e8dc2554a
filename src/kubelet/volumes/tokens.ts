// Service account tokens for projected volumes (upstream's kubelet token manager): a
// TokenRequest bound to the pod, cached by what was asked, and asked again once 80% of its
// lifetime has passed or it is 24 hours old (minus a few seconds of jitter, so pods started
// together do not all refresh at once). A refresh that fails keeps the old token while it is
// still valid.

import type { Clock } from '../../api/clock.ts';
import type { TokenRequest } from '../../api/types/authentication/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import { SERVICE_ACCOUNTS } from './resources.ts';

export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;
const MAX_TTL_MS = 24 * 3600_000;
const MAX_JITTER_MS = 10_000;

export interface TokenAsk {
  readonly namespace: string;
  readonly serviceAccount: string;
  /** "" for the API server's own audience. */
  readonly audience: string;
  readonly expirationSeconds: number;
  readonly podName: string;
  readonly podUid: string;
}

interface Cached {
  readonly token: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly jitterMs: number;
}

function keyOf(ask: TokenAsk): string {
  return JSON.stringify([ask.namespace, ask.serviceAccount, ask.audience, ask.expirationSeconds, ask.podName, ask.podUid]);
}

export class TokenManager {
  readonly #client: RestClient;
  readonly #clock: Clock;
  readonly #cache = new Map<string, Cached & { readonly podUid: string }>();

  constructor(client: RestClient, clock: Clock) {
    this.#client = client;
    this.#clock = clock;
  }

  /** Whether the token for `ask` would be requested again now (true when none is cached). */
  needsRefresh(ask: TokenAsk): boolean {
    const cached = this.#cache.get(keyOf(ask));
    return cached === undefined || this.#due(cached);
  }

  #due(c: Cached): boolean {
    const now = this.#clock.now();
    if (now > c.issuedAt + MAX_TTL_MS - c.jitterMs) return true;
    const lifetime = c.expiresAt - c.issuedAt;
    return now > c.expiresAt - lifetime * 0.2 - c.jitterMs;
  }

  /** A token for `ask`, from the cache or from the API server. */
  async token(ask: TokenAsk, signal?: AbortSignal): Promise<string> {
    const key = keyOf(ask);
    const cached = this.#cache.get(key);
    if (cached !== undefined && !this.#due(cached)) return cached.token;
    const request: TokenRequest = {
      apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: { name: ask.serviceAccount, namespace: ask.namespace },
      spec: {
        audiences: ask.audience === '' ? [] : [ask.audience],
        expirationSeconds: ask.expirationSeconds,
        boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: ask.podName, uid: ask.podUid },
      },
    };
    let answer: TokenRequest;
    try {
      answer = await this.#client.resource<TokenRequest>(SERVICE_ACCOUNTS).namespace(ask.namespace)
        .create(request, { subresource: 'token', ...(signal === undefined ? {} : { signal }) });
    } catch (err) {
      if (cached !== undefined && cached.expiresAt > this.#clock.now()) return cached.token;
      throw new Error(`failed to fetch token: ${err instanceof Error ? err.message : String(err)}`);
    }
    const token = answer.status?.token ?? '';
    if (token === '') throw new Error('failed to fetch token: the API server sent no token');
    const expiresAt = Date.parse(answer.status?.expirationTimestamp ?? '');
    const seconds = answer.spec?.expirationSeconds ?? ask.expirationSeconds;
    const issuedAt = Number.isFinite(expiresAt) ? expiresAt - seconds * 1000 : this.#clock.now();
    const entry = {
      token, issuedAt, expiresAt: Number.isFinite(expiresAt) ? expiresAt : issuedAt + seconds * 1000,
      jitterMs: Math.floor(Math.random() * MAX_JITTER_MS), podUid: ask.podUid,
    };
    this.#cache.set(key, entry);
    return token;
  }

  /** Forgets the tokens of a pod that is gone. */
  forgetPod(podUid: string): void {
    for (const [key, entry] of this.#cache) if (entry.podUid === podUid) this.#cache.delete(key);
  }
}
