// Lint: type-aware rules plus the import layers of DESIGN.md, enforced by a small local rule.
//   cli → components (apiserver, scheduler, controllers, cloud, kubelet, proxy, dns) → client → api
//   apiserver → storage → api
//   storage, kubelet, cli → grpc → api (src/grpc: our gRPC client and proto3 codec)
// Components never import each other; nothing imports cli.
import path from 'node:path';
import tseslint from 'typescript-eslint';

const components = ['apiserver', 'scheduler', 'controllers', 'cloud', 'kubelet', 'proxy', 'dns'];

/** The layers a folder under src/ may import from, besides itself. */
export const allowedLayers = {
  api: [],
  grpc: ['api'],
  storage: ['api', 'grpc'],
  client: ['api'],
  apiserver: ['api', 'storage', 'client'],
  scheduler: ['api', 'client'],
  controllers: ['api', 'client'],
  cloud: ['api', 'client'],
  kubelet: ['api', 'client', 'grpc'],
  proxy: ['api', 'client'],
  dns: ['api', 'client'],
  cli: ['api', 'grpc', 'storage', 'client', ...components],
};

const srcRoot = path.join(import.meta.dirname, 'src');

/** The top-level folder under src/ that a file belongs to, or undefined outside src/. */
function layerOf(file) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const [top] = rel.split(path.sep);
  return top in allowedLayers ? top : undefined;
}

const layersRule = {
  meta: { type: 'problem', schema: [], messages: { layer: 'src/{{from}} may not import src/{{to}} (import layers: see DESIGN.md).' } },
  create(context) {
    const from = layerOf(context.filename);
    if (from === undefined) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = layerOf(path.resolve(path.dirname(context.filename), source));
      if (to === undefined || to === from || allowedLayers[from].includes(to)) return;
      context.report({ node, messageId: 'layer', data: { from, to } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'eslint.config.js', 'scripts/*.mjs', 'bin/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { k8ts: { rules: { layers: layersRule } } },
    rules: {
      'k8ts/layers': 'error',
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }],
      }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error',
        { selector: 'TSEnumDeclaration', message: 'No enums: use string literal unions.' },
        { selector: 'TSModuleDeclaration[kind!="global"]', message: 'No namespaces.' },
        { selector: 'TSParameterProperty', message: 'No parameter properties.' },
      ],
    },
  },
);
