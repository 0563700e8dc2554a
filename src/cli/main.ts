// The k8ts command: one binary, a subcommand per set of components (DESIGN.md). Each command's
// module is imported only when that command runs: a `k8ts agent` then never loads the API
// server, its storage drivers (etcd, sqlite) or the controllers, which would cost it tens of MB
// of memory (bench/kubelet measures the agent's RSS).

import { FlagError } from './flags.ts';

type Run = (argv: readonly string[]) => Promise<number>;

const commands: Record<string, { readonly summary: string; readonly load: () => Promise<Run> }> = {
  server: { summary: 'run the control plane and, unless --disable-agent, this machine\'s node (see README)', load: async () => (await import('./server.ts')).serverCommand },
  agent: { summary: 'run a node (kubelet + containerd) joined to a server (--server URL --token T)', load: async () => (await import('./agent.ts')).agentCommand },
  simulate: { summary: 'run N simulated nodes against a server (--kubeconfig F --nodes N)', load: async () => (await import('./simulate.ts')).simulateCommand },
  'controller-manager': { summary: 'run the controllers against an API server (--kubeconfig FILE)', load: async () => (await import('./controller-manager.ts')).controllerManagerCommand },
  scheduler: { summary: 'run the scheduler alone (--kubeconfig F [--config FILE])', load: async () => (await import('./scheduler.ts')).schedulerCommand },
  images: { summary: 'air-gapped images: build-demo --data-dir DIR | import FILE… [--address SOCK]', load: async () => (await import('./images.ts')).imagesCommand },
  kubectl: { summary: 'run kubectl with the server\'s admin kubeconfig (--data-dir DIR)', load: async () => (await import('./kubectl.ts')).kubectlCommand },
};

function help(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(20)} ${c.summary}`);
  return ['k8ts: Kubernetes, written in TypeScript', '', 'Usage: k8ts COMMAND [flags]', '', 'Commands:', ...rows, '', 'Run "k8ts COMMAND --help" for its flags.', ''].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(help());
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    process.stderr.write(`k8ts: unknown command "${name}"\n\n${help()}`);
    return 1;
  }
  try {
    return await (await command.load())(rest);
  } catch (error) {
    if (error instanceof FlagError) {
      process.stderr.write(`k8ts ${name}: ${error.message} (see k8ts ${name} --help)\n`);
      return 1;
    }
    process.stderr.write(`k8ts ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
