// GET /version: what the server says it is (apimachinery's version.Info). Clients read
// major/minor to pick API behaviour, so they say the Kubernetes version k8ts serves; the build
// fields say what k8ts itself is.

import { arch, platform, version as nodeVersion } from 'node:process';

export interface VersionInfo {
  readonly major: string;
  readonly minor: string;
  readonly emulationMajor: string;
  readonly emulationMinor: string;
  readonly minCompatibilityMajor: string;
  readonly minCompatibilityMinor: string;
  readonly gitVersion: string;
  readonly gitCommit: string;
  readonly gitTreeState: string;
  readonly buildDate: string;
  readonly goVersion: string;
  readonly compiler: string;
  readonly platform: string;
}

/** What the build knows about itself; upstream's defaults for a build without stamping. */
export interface BuildInfo {
  readonly gitCommit?: string;
  readonly gitTreeState?: 'clean' | 'dirty' | '';
  /** RFC 3339, UTC. */
  readonly buildDate?: string;
}

const goArch: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

/** The Kubernetes release whose API k8ts serves. */
export const servedVersion = { major: '1', minor: '33', patch: '0' } as const;

export function versionInfo(build: BuildInfo = {}): VersionInfo {
  return {
    major: servedVersion.major,
    minor: servedVersion.minor,
    // Since 1.33 the server also states the version it emulates and the oldest it stays compatible with.
    emulationMajor: servedVersion.major,
    emulationMinor: servedVersion.minor,
    minCompatibilityMajor: servedVersion.major,
    minCompatibilityMinor: String(Number(servedVersion.minor) - 1),
    gitVersion: `v${servedVersion.major}.${servedVersion.minor}.${servedVersion.patch}+k8ts`,
    gitCommit: build.gitCommit ?? '',
    gitTreeState: build.gitTreeState ?? '',
    buildDate: build.buildDate ?? '1970-01-01T00:00:00Z',
    // There is no Go here: the runtime that plays its part is named instead.
    goVersion: `node${nodeVersion.replace(/^v/, '')}`,
    compiler: 'tsx',
    platform: `${platform}/${goArch[arch] ?? arch}`,
  };
}
