// How the benchmark runs `k8ts`: as `npm start` does, compiled to JavaScript (the TypeScript
// sources through tsx's loader idle at about twice the memory, which would distort the RSS
// figures). The checkout's dist/ is shared with other work and only used while it is fresher
// than src/, so the benchmark compiles into a temp dir of its own (the node_modules of the
// checkout linked in, a package.json marking it ESM) and removes it afterwards.

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** The command line that starts `k8ts` (before its subcommand), its environment, and how to remove it. */
export interface K8tsCommand {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly description: string;
  readonly dispose: () => void;
}

/** The TypeScript sources through tsx, as bin/k8ts.js runs them when dist/ is stale. */
export function fromSource(): K8tsCommand {
  return { argv: [join(root, 'bin/k8ts.js')], env: { K8TS_FROM_SOURCE: '1' }, description: 'TypeScript sources through tsx', dispose: () => undefined };
}

/** Compiles src/ into a temp dir (as scripts/build.mjs compiles it into dist/). */
export async function compiled(log: (m: string) => void): Promise<K8tsCommand> {
  const out = mkdtempSync(join(tmpdir(), 'k8ts-bench-build-'));
  const dispose = (): void => rmSync(out, { recursive: true, force: true });
  try {
    const started = Date.now();
    const tsc = spawn(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'),
      '--outDir', out, '--tsBuildInfoFile', join(out, '.tsbuildinfo'), '--sourceMap', 'false'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    tsc.stdout.setEncoding('utf8').on('data', (d: string) => { errors = (errors + d).slice(-4000); });
    tsc.stderr.setEncoding('utf8').on('data', (d: string) => { errors = (errors + d).slice(-4000); });
    const code = await new Promise<number | null>((resolve) => tsc.once('close', resolve));
    const entry = join(out, 'src/cli/main.js');
    // tsc still emits when files being edited meanwhile have type errors; only a missing entry is fatal.
    if (!existsSync(entry)) throw new Error(`compiling src/ failed (tsc exit ${String(code)}):\n${errors}`);
    if (code !== 0) log(`tsc reported errors (exit ${String(code)}), running what it emitted:\n${errors.slice(-1000)}`);
    copyProtos(join(root, 'src'), out);
    writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
    symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));
    log(`compiled src/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { argv: [entry], env: {}, description: 'compiled JavaScript, as `npm start` runs it', dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}

/** The files the compiler does not emit but the code reads at run time (the CRI .proto). */
function copyProtos(dir: string, out: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyProtos(path, out);
    else if (entry.name.endsWith('.proto')) {
      const target = join(out, relative(root, path));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(path, target);
    }
  }
}
