// Credentials for the components `k8ts server` hosts (scheduler, controller-manager, …): each
// talks to the API server as an ordinary client with its own identity, as upstream's do
// (CN=system:kube-scheduler, CN=system:kube-controller-manager). The server issues their client
// certificates from its CA and writes one kubeconfig per component under DATA_DIR/cred/, so
// any of them can also run as its own process (`k8ts scheduler --kubeconfig …`).

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { issueCertificate, type CertAndKey } from '../client/pki/authority.ts';
import { writeKubeconfig } from '../client/pki/write-kubeconfig.ts';

export const COMPONENT_IDENTITIES = {
  'controller-manager': { commonName: 'system:kube-controller-manager', organizations: [] as string[] },
  scheduler: { commonName: 'system:kube-scheduler', organizations: [] as string[] },
  'cloud-controller-manager': { commonName: 'cloud-controller-manager', organizations: [] as string[] },
} as const;

export type Component = keyof typeof COMPONENT_IDENTITIES;

/** Writes DATA_DIR/cred/<component>.kubeconfig for each component; returns their paths. */
export async function writeComponentKubeconfigs(dataDir: string, ca: CertAndKey, server: string): Promise<Record<Component, string>> {
  const dir = join(dataDir, 'cred');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const paths = {} as Record<Component, string>;
  for (const [component, identity] of Object.entries(COMPONENT_IDENTITIES) as Array<[Component, (typeof COMPONENT_IDENTITIES)[Component]]>) {
    const path = join(dir, `${component}.kubeconfig`);
    await writeClientKubeconfig(path, ca, server, component, identity);
    paths[component] = path;
  }
  return paths;
}

/** Writes a kubeconfig at `path` whose user is a client certificate issued from `ca` for `identity`. */
export async function writeClientKubeconfig(path: string, ca: CertAndKey, server: string, user: string,
  identity: { readonly commonName: string; readonly organizations: readonly string[] }): Promise<void> {
  const cert = issueCertificate(ca, { commonName: identity.commonName, organizations: [...identity.organizations], usage: 'client' });
  await writeKubeconfig(path, { server, caPem: ca.certPem, certPem: cert.certPem, keyPem: cert.keyPem, user });
}

/**
 * The API server's own client certificate for kubelets (pods/log, exec, attach, port-forward,
 * nodes/proxy), as upstream's --kubelet-client-certificate: issued from the cluster CA at
 * start, kept in memory. Kubelets trust the CA and let system:masters through.
 */
export function kubeletClientCredentials(ca: CertAndKey): { caPem: string; certPem: string; keyPem: string } {
  const cert = issueCertificate(ca, { commonName: 'kube-apiserver-kubelet-client', organizations: ['system:masters'], usage: 'client' });
  return { caPem: ca.certPem, certPem: cert.certPem, keyPem: cert.keyPem };
}
