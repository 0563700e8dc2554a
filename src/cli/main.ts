// The k8ts command: one binary, a subcommand per set of components (DESIGN.md).

import { agentCommand } from './agent.ts';
import { controllerManagerCommand } from './controller-manager.ts';
import { FlagError } from './flags.ts';
import { imagesCommand } from './images.ts';
import { kubectlCommand } from './kubectl.ts';
import { schedulerCommand } from './scheduler.ts';
import { serverCommand } from './server.ts';
import { simulateCommand } from './simulate.ts';

const commands: Record<string, { readonly summary: string; readonly run: (argv: readonly string[]) => Promise<number> }> = {
  server: { summary: 'run the control plane and, unless --disable-agent, this machine\'s node (see README)', run: serverCommand },
  agent: { summary: 'run a node (kubelet + containerd) joined to a server (--server URL --token T)', run: agentCommand },
  simulate: { summary: 'run N simulated nodes against a server (--kubeconfig F --nodes N)', run: simulateCommand },
  'controller-manager': { summary: 'run the controllers against an API server (--kubeconfig FILE)', run: controllerManagerCommand },
  scheduler: { summary: 'run the scheduler alone (--kubeconfig F [--config FILE])', run: schedulerCommand },
  images: { summary: 'air-gapped images: build-demo --data-dir DIR | import FILE… [--address SOCK]', run: imagesCommand },
  kubectl: { summary: 'run kubectl with the server\'s admin kubeconfig (--data-dir DIR)', run: kubectlCommand },
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
    return await command.run(rest);
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
