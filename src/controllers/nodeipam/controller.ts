// Node IPAM with the range allocator (upstream's nodeipam controller, --allocate-node-cidrs):
// every Node gets spec.podCIDR and spec.podCIDRs, a subnet of --cluster-cidr of
// --node-cidr-mask-size bits. The allocations are rebuilt from the nodes' own specs once the
// node cache has synced, before anything new is handed out, so a restart never hands out a
// subnet twice; a deleted node's subnet is released.

import { isNotFound } from '../../api/status-predicates.ts';
import type { Node } from '../../api/types/core/v1/index.ts';
import type { Lister } from '../../client/informers/lister.ts';
import type { SharedInformer } from '../../client/informers/shared-informer.ts';
import { DeletedFinalStateUnknown } from '../../client/informers/store.ts';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.ts';
import { runWorkers } from '../../client/workqueue/run-workers.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../controller.ts';
import { CidrSet } from './cidr-set.ts';
import { NODES } from './resources.ts';

export class NodeIpamController implements Controller {
  readonly name = 'node-ipam-controller';
  readonly #context: ControllerContext;
  readonly #informer: SharedInformer<Node>;
  readonly #nodes: Lister<Node>;
  readonly #set: CidrSet;
  readonly #queue: RateLimitingQueue<string>;
  /** Node name → the CIDR it holds, so a deletion can release it. */
  readonly #held = new Map<string, string>();

  constructor(context: ControllerContext) {
    this.#context = context;
    this.#set = new CidrSet(context.options.clusterCidr, context.options.nodeCidrMaskSize);
    this.#informer = context.informers.forResource<Node>(NODES);
    this.#nodes = this.#informer.lister();
    this.#queue = new RateLimitingQueue<string>({ clock: context.clock });
  }

  async run(signal: AbortSignal): Promise<void> {
    const registration = this.#informer.addEventHandler({
      onAdd: (node) => this.#queue.add(node.metadata?.name ?? ''),
      onUpdate: (_old, node) => this.#queue.add(node.metadata?.name ?? ''),
      onDelete: (obj) => {
        const node = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
        this.#queue.add(node.metadata?.name ?? '');
      },
    });
    try {
      if (!(await this.#informer.waitForSync(signal))) return;
      for (const node of this.#nodes.list()) this.#occupy(node);
      await runWorkers(this.#queue, 1, (name, s) => this.sync(name, s), signal);
    } finally {
      registration.remove();
      this.#queue.shutDown();
    }
  }

  /** Gives the node a CIDR when it has none; releases a gone node's. */
  async sync(name: string, signal: AbortSignal): Promise<void> {
    const node = this.#nodes.get(name);
    if (node === undefined) {
      const cidr = this.#held.get(name);
      if (cidr !== undefined) this.#set.release(cidr);
      this.#held.delete(name);
      return;
    }
    if ((node.spec?.podCIDR ?? '') !== '') {
      this.#occupy(node);
      return;
    }
    const cidr = this.#held.get(name) ?? this.#set.allocateNext();
    this.#held.set(name, cidr);
    try {
      await this.#context.client.resource<Node>(NODES).patch(name, 'merge', { spec: { podCIDR: cidr, podCIDRs: [cidr] } }, { signal });
    } catch (err) {
      if (isNotFound(err)) {
        this.#set.release(cidr);
        this.#held.delete(name);
        return;
      }
      throw err;
    }
  }

  #occupy(node: Node): void {
    const name = node.metadata?.name ?? '';
    const cidr = node.spec?.podCIDR ?? '';
    if (cidr === '' || this.#held.get(name) === cidr) return;
    const previous = this.#held.get(name);
    if (previous !== undefined) this.#set.release(previous);
    if (this.#set.occupy(cidr)) this.#held.set(name, cidr);
  }
}

export const nodeIpamController: ControllerFactory = (context) => new NodeIpamController(context);
