// A kubeconfig file (clientcmd's Config, apiVersion v1) for one cluster, one user with a
// client certificate, and one context joining them: what `k8ts server` writes for its admin
// and what kubectl, client libraries and k8ts' own components read.

import { rename, writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  /** https://host:port of the API server. */
  readonly server: string;
  /** The CA that signed the server's certificate. */
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  /** Entry names; each defaults to "default", as k3s names them. */
  readonly user?: string;
  readonly cluster?: string;
  readonly context?: string;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** The YAML text: PEM material inline as base64 `*-data` fields, so the file stands alone. */
export function kubeconfigYaml(o: KubeconfigOptions): string {
  const cluster = o.cluster ?? 'default';
  const user = o.user ?? 'default';
  const context = o.context ?? 'default';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster, cluster: { server: o.server, 'certificate-authority-data': b64(o.caPem) } }],
    users: [{ name: user, user: { 'client-certificate-data': b64(o.certPem), 'client-key-data': b64(o.keyPem) } }],
    contexts: [{ name: context, context: { cluster, user } }],
    'current-context': context,
    preferences: {},
  }, { lineWidth: 0 });
}

/** Writes the file atomically (a temporary file renamed over it), readable by its owner only: it holds a private key. */
export async function writeKubeconfig(path: string, options: KubeconfigOptions): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, kubeconfigYaml(options), { mode: 0o600 });
  await rename(temporary, path);
}
