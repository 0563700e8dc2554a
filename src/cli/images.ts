// `k8ts images`: air-gapped images for a node (DESIGN.md). build-demo writes the built-in
// busybox and pause archives from the host's Debian packages; import loads archives into
// containerd's k8s.io namespace, where the CRI plugin finds them.

import { join } from 'node:path';
import { busyboxImageDefinition, pauseImageDefinition } from '../kubelet/images/builtin.ts';
import { importImageArchive, writeImageArchive } from '../kubelet/images/import.ts';
import { FlagError, parseFlags, usage, type FlagSpec } from './flags.ts';

const buildSpecs: readonly FlagSpec[] = [
  { name: 'data-dir', help: 'data directory; archives go to DIR/agent/images/', default: '/var/lib/k8ts' },
  { name: 'help', help: 'show this help', boolean: true },
];

const importSpecs: readonly FlagSpec[] = [
  { name: 'address', help: 'containerd socket', default: '/var/lib/k8ts/agent/containerd/containerd.sock' },
  { name: 'help', help: 'show this help', boolean: true },
];

const summary = 'Subcommands: build-demo (--data-dir DIR), import FILE… [--address SOCK]';

async function buildDemo(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, buildSpecs);
  if (flags.values.get('help') === 'true') {
    process.stdout.write(usage('images build-demo', 'Write the busybox and pause image archives (OCI layout tars).', buildSpecs));
    return 0;
  }
  if (flags.args.length > 0) throw new FlagError(`unexpected argument: ${flags.args[0] ?? ''}`);
  const dir = join(flags.values.get('data-dir') ?? '/var/lib/k8ts', 'agent', 'images');
  for (const [file, define] of [['busybox.tar', busyboxImageDefinition], ['pause.tar', pauseImageDefinition]] as const) {
    const { path, image } = await writeImageArchive(dir, file, await define());
    process.stdout.write(`${path} ${image.manifest.digest}\n`);
  }
  return 0;
}

async function importCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, importSpecs);
  if (flags.values.get('help') === 'true') {
    process.stdout.write(usage('images import FILE…', 'Import image archives into containerd (namespace k8s.io) with ctr.', importSpecs));
    return 0;
  }
  if (flags.args.length === 0) throw new FlagError('import needs at least one archive FILE');
  const address = flags.values.get('address') ?? '';
  for (const file of flags.args) process.stdout.write(await importImageArchive(file, { address }));
  return 0;
}

export async function imagesCommand(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'build-demo') return buildDemo(rest);
  if (sub === 'import') return importCommand(rest);
  if (sub === undefined || sub === '--help' || sub === 'help') {
    process.stdout.write(`Usage: k8ts images SUBCOMMAND [flags]\n\n${summary}\n`);
    return sub === undefined ? 1 : 0;
  }
  throw new FlagError(`unknown images subcommand "${sub}"`);
}
