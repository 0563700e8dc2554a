// The /etc/hosts the kubelet manages for pods not on the host network (upstream's
// managedHostsFileContent): localhost entries, the pod's own name(s) at its IP, then the
// hostAliases. Written in the pod's directory and bind-mounted into every container.

import { join } from 'node:path';
import type { Pod } from '../../api/types/core/v1/index.ts';
import type { PodFiles } from './pod-files.ts';
import { podFqdn, podHostname } from './sandbox-config.ts';

export function etcHostsContent(pod: Pod, podIPs: readonly string[], clusterDomain: string): string {
  let text = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n'
    + 'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  const hostname = podHostname(pod);
  const fqdn = podFqdn(pod, clusterDomain);
  for (const ip of podIPs) text += fqdn === undefined ? `${ip}\t${hostname}\n` : `${ip}\t${fqdn}\t${hostname}\n`;
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length > 0) {
    text += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) text += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return text;
}

/**
 * Writes the file under `podDir` when its content changed and answers its path. `written` is
 * what this agent wrote last (undefined after a restart: then the file is read to compare); the
 * files are not touched while the content stays the same. In place (PodFiles.write): containers
 * bind-mount the file, and a rename would leave them the old inode.
 */
export async function writeEtcHosts(files: PodFiles, podDir: string, content: string, written: string | undefined): Promise<string> {
  const path = join(podDir, 'etc-hosts');
  if (written === content) return path;
  if (written !== undefined || await files.read(path) !== content) await files.write(path, content);
  return path;
}
