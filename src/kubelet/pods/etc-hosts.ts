// The /etc/hosts the kubelet manages for pods not on the host network (upstream's
// managedHostsFileContent): localhost entries, the pod's own name(s) at its IP, then the
// hostAliases. Written in the pod's directory and bind-mounted into every container.

import { join } from 'node:path';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { flat } from '../flat-string.ts';
import type { PodFiles } from './pod-files.ts';
import { podFqdn, podHostname } from './sandbox-config.ts';

export function etcHostsContent(pod: Pod, podIPs: readonly string[], clusterDomain: string): string {
  // Lines joined once: a string grown by += is a tree of pieces, and this one is kept per pod.
  const lines = ['# Kubernetes-managed hosts file.', '127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet', 'fe00::0\tip6-mcastprefix', 'fe00::1\tip6-allnodes', 'fe00::2\tip6-allrouters'];
  const hostname = podHostname(pod);
  const fqdn = podFqdn(pod, clusterDomain);
  for (const ip of podIPs) lines.push(fqdn === undefined ? `${ip}\t${hostname}` : `${ip}\t${fqdn}\t${hostname}`);
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length > 0) {
    lines.push('', '# Entries added by HostAliases.');
    for (const a of aliases) lines.push(`${a.ip}\t${(a.hostnames ?? []).join('\t')}`);
  }
  lines.push('');
  return lines.join('\n');
}

/**
 * Writes the file under `podDir` when its content changed and answers its path. `written` is
 * what this agent wrote last (undefined after a restart: then the file is read to compare); the
 * files are not touched while the content stays the same. In place (PodFiles.write): containers
 * bind-mount the file, and a rename would leave them the old inode.
 */
export async function writeEtcHosts(files: PodFiles, podDir: string, content: string, written: string | undefined): Promise<string> {
  const path = flat(join(podDir, 'etc-hosts'));
  if (written === content) return path;
  if (written !== undefined || await files.read(path) !== content) await files.write(path, content);
  return path;
}
