// The import layers of DESIGN.md are enforced by lint: an import against the arrows fails.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

// Only the layer rule, and without type information, so that probe files need not exist.
const eslint = new ESLint({
  cwd: new URL('..', import.meta.url).pathname,
  ruleFilter: ({ ruleId }) => ruleId === 'k8ts/layers',
  overrideConfig: { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false } } },
});

async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const probe = 1;\n`, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'k8ts/layers').map((m) => m.message);
}

test('imports that follow the layers pass, imports against them fail', async () => {
  const cases: Array<[file: string, source: string, error: string | undefined]> = [
    ['src/storage/errors.ts', `import type { Clock } from '../api/clock.ts';`, undefined],
    ['src/storage/errors.ts', `export * from '../apiserver/server.ts';`, 'src/storage may not import src/apiserver'],
    ['src/api/clock.ts', `import { x } from '../storage/store.ts';`, 'src/api may not import src/storage'],
    ['src/scheduler/x.ts', `import { x } from '../controllers/y.ts';`, 'src/scheduler may not import src/controllers'],
    ['src/scheduler/x.ts', `import { x } from '../storage/store.ts';`, 'src/scheduler may not import src/storage'],
    ['src/kubelet/x.ts', `const m = await import('../cli/main.ts');`, 'src/kubelet may not import src/cli'],
    ['src/cli/main.ts', `import { x } from '../scheduler/x.ts';`, undefined],
    ['src/storage/etcd/x.ts', `import { Channel } from '../../grpc/index.ts';`, undefined],
    ['src/kubelet/cri/x.ts', `import { Channel } from '../../grpc/index.ts';`, undefined],
    ['src/grpc/x.ts', `import { x } from '../storage/store.ts';`, 'src/grpc may not import src/storage'],
    ['src/scheduler/x.ts', `import { Channel } from '../grpc/index.ts';`, 'src/scheduler may not import src/grpc'],
  ];
  for (const [file, source, error] of cases) {
    const errors = await layerErrors(file, source);
    if (error === undefined) assert.deepEqual(errors, [], `${file}: ${source}`);
    else assert.ok(errors.some((e) => e.startsWith(error)), `${file}: ${source} → ${JSON.stringify(errors)}`);
  }
});
