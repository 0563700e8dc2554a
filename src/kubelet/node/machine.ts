// What the kubelet knows about its host, read from the same places upstream's cAdvisor and
// node-status setters read: /proc/meminfo, statfs of the data dir, /etc/os-release,
// /etc/machine-id, the DMI product UUID, the boot id, and the default-route interface's
// address. The parsers are pure and tested; readMachineFacts does the I/O once per call.

import { readFile, statfs } from 'node:fs/promises';
import { arch, cpus, networkInterfaces, release } from 'node:os';

export interface MachineFacts {
  readonly cpuCount: number;
  readonly memoryTotalBytes: number;
  readonly memoryAvailableBytes: number;
  /** Of the filesystem holding the data dir (upstream's nodefs). */
  readonly fsCapacityBytes: number;
  readonly fsAvailableBytes: number;
  readonly fsInodes: number;
  readonly fsInodesFree: number;
  readonly kernelVersion: string;
  readonly osImage: string;
  /** GOARCH spelling: amd64, arm64, … */
  readonly architecture: string;
  readonly machineID: string;
  readonly systemUUID: string;
  readonly bootID: string;
  /** IPv4 address of the interface the default route leaves through; undefined without one. */
  readonly internalIP: string | undefined;
}

/** MemTotal and MemAvailable of /proc/meminfo, in bytes. */
export function parseMeminfo(text: string): { totalBytes: number; availableBytes: number } {
  const kib = (key: string): number | undefined => {
    const m = new RegExp(`^${key}:\\s+(\\d+)\\s*kB$`, 'm').exec(text);
    return m === null ? undefined : Number(m[1]) * 1024;
  };
  const total = kib('MemTotal');
  if (total === undefined) throw new Error('/proc/meminfo has no MemTotal line');
  // Kernels before 3.14 lack MemAvailable: free memory is the closest stand-in.
  return { totalBytes: total, availableBytes: kib('MemAvailable') ?? kib('MemFree') ?? 0 };
}

/** PRETTY_NAME of os-release, as the kubelet reports osImage; "Linux" when absent. */
export function parseOsRelease(text: string): string {
  const m = /^PRETTY_NAME=(.*)$/m.exec(text);
  if (m === null) return 'Linux';
  const raw = (m[1] as string).trim();
  const unquoted = /^(["'])(.*)\1$/.exec(raw);
  return unquoted === null ? raw : (unquoted[2] as string);
}

/** The interface of the lowest-metric IPv4 default route in /proc/net/route. */
export function defaultRouteInterface(routeTable: string): string | undefined {
  let best: { iface: string; metric: number } | undefined;
  for (const line of routeTable.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const [iface, destination, , flags, , , metric, mask] = cols;
    if (iface === undefined || destination !== '00000000' || mask !== '00000000') continue;
    // RTF_UP (0x1) must be set.
    if ((parseInt(flags ?? '0', 16) & 0x1) === 0) continue;
    const m = Number(metric ?? 0);
    if (best === undefined || m < best.metric) best = { iface, metric: m };
  }
  return best?.iface;
}

/** Node's arch names → Go's GOARCH names, which the API's labels and nodeInfo use. */
export function goArch(nodeArch: string): string {
  const map: Record<string, string> = { x64: 'amd64', ia32: '386', arm: 'arm', arm64: 'arm64', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
  return map[nodeArch] ?? nodeArch;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The first IPv4, non-internal address of `iface`; failing that, of any interface. */
function ipv4Of(iface: string | undefined): string | undefined {
  const all = networkInterfaces();
  const pick = (name: string): string | undefined => all[name]?.find((a) => a.family === 'IPv4' && !a.internal)?.address;
  if (iface !== undefined) {
    const address = pick(iface);
    if (address !== undefined) return address;
  }
  for (const name of Object.keys(all)) {
    const address = pick(name);
    if (address !== undefined) return address;
  }
  return undefined;
}

/** Reads the host facts; `dataDir` picks the filesystem whose size is ephemeral-storage. */
export async function readMachineFacts(dataDir: string): Promise<MachineFacts> {
  const [meminfo, osRelease, machineId, dbusId, productUuid, bootId, routes, fs] = await Promise.all([
    readText('/proc/meminfo'), readText('/etc/os-release'), readText('/etc/machine-id'), readText('/var/lib/dbus/machine-id'),
    readText('/sys/class/dmi/id/product_uuid'), readText('/proc/sys/kernel/random/boot_id'), readText('/proc/net/route'), statfs(dataDir),
  ]);
  if (meminfo === undefined) throw new Error('cannot read /proc/meminfo: the node agent needs Linux');
  const memory = parseMeminfo(meminfo);
  const machineID = (machineId ?? dbusId ?? '').trim();
  return {
    cpuCount: cpus().length,
    memoryTotalBytes: memory.totalBytes,
    memoryAvailableBytes: memory.availableBytes,
    fsCapacityBytes: fs.blocks * fs.bsize,
    fsAvailableBytes: fs.bavail * fs.bsize,
    fsInodes: fs.files,
    fsInodesFree: fs.ffree,
    kernelVersion: release(),
    osImage: parseOsRelease(osRelease ?? ''),
    architecture: goArch(arch()),
    machineID,
    // Without DMI (containers, some VMs) upstream reports what cAdvisor finds, often empty; the machine id is steadier.
    systemUUID: (productUuid ?? '').trim().toLowerCase() || machineID,
    bootID: (bootId ?? '').trim(),
    internalIP: ipv4Of(routes === undefined ? undefined : defaultRouteInterface(routes)),
  };
}
