#!/usr/bin/env node
// The k8ts command. Runs the compiled JavaScript in dist/ when `npm start` (scripts/build.mjs)
// has built it and no file under src/ changed since; otherwise the TypeScript sources through
// tsx's loader. K8TS_FROM_SOURCE=1 always runs the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** True when some file or directory under `dir` changed after `since` (ms); directories catch removals. */
function changedSince(dir, since) {
  if (statSync(dir).mtimeMs > since) return true;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() ? changedSince(path, since) : statSync(path).mtimeMs > since) return true;
  }
  return false;
}

function compiledIsFresh() {
  if (process.env.K8TS_FROM_SOURCE === '1') return false;
  const stamp = join(root, 'dist', '.built');
  if (!existsSync(stamp)) return false;
  return !changedSince(join(root, 'src'), statSync(stamp).mtimeMs);
}

if (compiledIsFresh()) {
  await import('../dist/src/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
