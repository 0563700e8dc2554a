// The CNI network config a node writes for containerd's CRI plugin: bridge + host-local
// (+ portmap for hostPort). host-local keeps its leases under our data dir, not the default
// /var/lib/cni/networks. Contract: the file name sorts first in the conf dir, so the CRI
// plugin picks this network.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface BridgeNetworkOptions {
  readonly name: string;
  /** Linux interface name of the bridge (≤ 15 chars). */
  readonly bridge: string;
  /** This node's pod CIDR, e.g. 10.42.0.0/24. */
  readonly subnet: string;
  /** Where host-local stores its leases. */
  readonly ipamDataDir: string;
  /** SNAT pod traffic leaving the node (adds iptables rules); default false. */
  readonly ipMasq?: boolean;
  /** Add the portmap plugin for hostPort (adds iptables chains); default false. */
  readonly portMap?: boolean;
}

export function bridgeConflist(options: BridgeNetworkOptions): object {
  return {
    cniVersion: '1.0.0',
    name: options.name,
    plugins: [
      {
        type: 'bridge',
        bridge: options.bridge,
        isGateway: true,
        ipMasq: options.ipMasq ?? false,
        hairpinMode: true,
        ipam: { type: 'host-local', ranges: [[{ subnet: options.subnet }]], routes: [{ dst: '0.0.0.0/0' }], dataDir: options.ipamDataDir },
      },
      ...(options.portMap === true ? [{ type: 'portmap', capabilities: { portMappings: true } }] : []),
    ],
  };
}

/** Writes DIR/10-NAME.conflist; returns its path. */
export async function writeBridgeConflist(confDir: string, options: BridgeNetworkOptions): Promise<string> {
  await mkdir(confDir, { recursive: true });
  const path = join(confDir, `10-${options.name}.conflist`);
  await writeFile(path, `${JSON.stringify(bridgeConflist(options), null, 2)}\n`);
  return path;
}
