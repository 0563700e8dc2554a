// What one run of a probe handler reports, in upstream's terms (pkg/probe): success, warning
// (counts as success, with a ProbeWarning event), failure (with the output shown in the
// Unhealthy event), or an error — the prober could not tell, so the worker keeps its last
// result. Handlers never throw: every failure mode is one of these values.

export type ProbeOutcome =
  | { readonly result: 'success' | 'warning' | 'failure'; readonly output: string }
  /** `state` is what upstream names in "probe errored and resulted in <state> state". */
  | { readonly result: 'error'; readonly state: 'unknown' | 'failure'; readonly error: string };

export const success = (output = ''): ProbeOutcome => ({ result: 'success', output });
export const warning = (output: string): ProbeOutcome => ({ result: 'warning', output });
export const failure = (output: string): ProbeOutcome => ({ result: 'failure', output });
export const errored = (error: string, state: 'unknown' | 'failure' = 'unknown'): ProbeOutcome => ({ result: 'error', state, error });

/** Upstream bounds what it keeps of a response body or a command's output to 10 KiB. */
export const MAX_OUTPUT_BYTES = 10 * 1024;

/** The User-Agent (and gRPC user agent) upstream's kubelet 1.33 probes with. */
export const PROBE_USER_AGENT = 'kube-probe/1.33';

/** Go's time.Duration String() for whole seconds ("1s", "1m30s", "1h0m0s"), as upstream's messages print timeouts. */
export function goSeconds(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s === 0) return '0s';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h${m}m${rest}s`;
  if (m > 0) return `${m}m${rest}s`;
  return `${rest}s`;
}

/** "host:port", with IPv6 literals bracketed (Go's net.JoinHostPort). */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
