// k8ts kubectl: the system kubectl with the server's admin kubeconfig.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export async function kubectlCommand(argv: readonly string[]): Promise<number> {
  const args = [...argv];
  let dataDir = process.getuid?.() === 0 ? '/var/lib/k8ts' : join(process.env['HOME'] ?? '.', '.k8ts');
  const at = args.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (at !== -1) {
    const arg = args[at] as string;
    dataDir = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[at + 1] ?? dataDir);
    args.splice(at, arg.includes('=') ? 1 : 2);
  }
  const kubeconfig = join(dataDir, 'kubeconfig.yaml');
  if (!existsSync(kubeconfig)) {
    process.stderr.write(`k8ts kubectl: no kubeconfig at ${kubeconfig}: start the server first (k8ts server --data-dir ${dataDir})\n`);
    return 1;
  }
  const binary = process.env['KUBECTL'] ?? 'kubectl';
  return new Promise<number>((resolve) => {
    const child = spawn(binary, args, { stdio: 'inherit', env: { ...process.env, KUBECONFIG: kubeconfig } });
    child.once('error', (error) => {
      process.stderr.write(`k8ts kubectl: cannot run ${binary}: ${error.message} (install kubectl, or set KUBECTL)\n`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}
