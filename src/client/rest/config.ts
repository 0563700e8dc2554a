// What a client needs to reach one API server (upstream's rest.Config): where, whom to trust,
// who we are, and how patient to be.

import type { Clock } from '../../api/clock.ts';

/** The Kubernetes release k8ts' clients identify as. */
export const CLIENT_VERSION = 'v1.33.0';

export interface RestConfig {
  /** https://host:port of the API server (a path prefix is kept). */
  readonly server: string;
  /** PEM of the CA that signed the server's certificate; the system roots when absent. */
  readonly caData?: string;
  /** PEM client certificate and key (mutual TLS). */
  readonly certData?: string;
  readonly keyData?: string;
  /** Sent as `Authorization: Bearer ...`. */
  readonly bearerToken?: string;
  readonly insecureSkipTLSVerify?: boolean;
  /** The name to verify the server's certificate against, when not the URL's host. */
  readonly tlsServerName?: string;
  /** Defaults to `k8ts/v1.33.0`; components set their own with withUserAgent(). */
  readonly userAgent?: string;
  /** Per-request timeout in ms for everything but watches (default 60 s, the API server's own; 0: none). */
  readonly timeoutMs?: number;
  /** Times requests and connection health checks. */
  readonly clock?: Clock;
  /**
   * Client-side rate limit (client-go's QPS and Burst): at most `qps` requests per second on
   * average, `burst` at once after a quiet spell; watches count once, when they start. Absent
   * or not positive: no limit.
   */
  readonly qps?: number;
  /** Defaults to qps rounded up. */
  readonly burst?: number;
}

/** `k8ts-scheduler/v1.33.0`: the identity a component's requests carry (and its default field manager). */
export function userAgent(component: string): string {
  return `${component}/${CLIENT_VERSION}`;
}

/** A copy of the config that identifies as `component`. */
export function withUserAgent(config: RestConfig, component: string): RestConfig {
  return { ...config, userAgent: userAgent(component) };
}
