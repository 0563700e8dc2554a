// The containerd 1.6 configuration k8ts runs with (config version 2). Everything containerd
// owns lives under one data dir, except what 1.6 cannot move: shim sockets under
// /run/containerd/s and the CNI result cache under /var/lib/cni/results (see RUNTIME.md).

import { join } from 'node:path';

/** The image the CRI plugin runs as each pod's sandbox; built by images/builtin.ts. */
export const pauseImage = 'registry.k8s.io/pause:3.10';

export interface ContainerdPaths {
  readonly root: string;
  readonly state: string;
  readonly socket: string;
  readonly config: string;
  readonly cniConfDir: string;
  readonly registryConfigDir: string;
  readonly log: string;
}

/** Paths under dataDir (e.g. DATA/agent/containerd). */
export function containerdPaths(dataDir: string): ContainerdPaths {
  return {
    root: join(dataDir, 'root'),
    state: join(dataDir, 'state'),
    socket: join(dataDir, 'containerd.sock'),
    config: join(dataDir, 'config.toml'),
    cniConfDir: join(dataDir, 'cni', 'net.d'),
    registryConfigDir: join(dataDir, 'certs.d'),
    log: join(dataDir, 'containerd.log'),
  };
}

export interface ContainerdConfigOptions {
  readonly paths: ContainerdPaths;
  readonly cniBinDir?: string;
  readonly sandboxImage?: string;
  /** Bind address of the CRI stream server (exec/attach/port-forward); loopback by default. */
  readonly streamAddress?: string;
}

const q = (s: string): string => JSON.stringify(s);

/**
 * Renders config.toml. Reasons for the non-default settings:
 * - restrict_oom_score_adj: this VM lacks CAP_SYS_RESOURCE; without it runc fails every sandbox.
 * - SystemdCgroup = false: there is no systemd; cgroupfs it is.
 * - disable_apparmor: no AppArmor on these machines.
 * - netns_mounts_under_state_dir: network namespaces stay under our state dir, not /var/run/netns.
 */
export function renderContainerdConfig(options: ContainerdConfigOptions): string {
  const { paths } = options;
  return `# Written by k8ts; rewritten on every start.
version = 2
root = ${q(paths.root)}
state = ${q(paths.state)}
disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]

[grpc]
  address = ${q(paths.socket)}

[ttrpc]
  address = ${q(`${paths.socket}.ttrpc`)}

[debug]
  address = ""

[metrics]
  address = ""

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = ${q(options.sandboxImage ?? pauseImage)}
  restrict_oom_score_adj = true
  disable_apparmor = true
  netns_mounts_under_state_dir = true
  enable_selinux = false
  stream_server_address = ${q(options.streamAddress ?? '127.0.0.1')}
  stream_server_port = "0"

  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"

    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"

      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false

  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = ${q(options.cniBinDir ?? '/usr/lib/cni')}
    conf_dir = ${q(paths.cniConfDir)}

  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = ${q(paths.registryConfigDir)}
`;
}
