// The node spec as the agent accepts it, whatever rows the database holds: one tenant's alias or
// forward must never make the agent refuse the whole node (every tenant's mail on it). The API
// refuses such input, but rows change after it checked — a target mailbox deleted, two aliases
// made to point at each other — so the spec drops what the agent would reject: targets on a
// domain of the node that nothing holds, aliases over a mailbox, and one edge of each loop.
import type { MailAliasSpec, MailboxSpec, MailNodeSpec } from '@hostplane/contract/mail';
import { domainOfAddress, findLoop } from '@hostplane/contract/mail/addresses';

/** `spec` without what the agent would refuse (see above); the same spec when nothing is. */
export function routable(spec: MailNodeSpec): MailNodeSpec {
  const domains = new Set(spec.domains.map((d) => d.name));
  const mailboxes = new Set(spec.mailboxes.map((m) => m.address));
  let aliases: MailAliasSpec[] = (spec.aliases ?? []).filter((a) => !mailboxes.has(a.address));
  let boxes: MailboxSpec[] = spec.mailboxes;
  const drop = (from: string, target: string | null) => {
    aliases = aliases.map((a) => (a.address === from ? { ...a, targets: a.targets.filter((t) => t !== target) } : a));
    boxes = boxes.map((m) =>
      m.address === from && m.forward
        ? { ...m, forward: { ...m.forward, to: m.forward.to.filter((t) => t !== target) } }
        : m,
    );
  };
  for (let round = 0; round < 1_000; round++) {
    const held = new Set([...mailboxes, ...aliases.map((a) => a.address)]);
    const dangling = (t: string) => domains.has(domainOfAddress(t)) && !held.has(t);
    const before = JSON.stringify([aliases, boxes]);
    aliases = aliases
      .map((a) => ({ ...a, targets: a.targets.filter((t) => !dangling(t)) }))
      .filter((a) => a.targets.length > 0);
    boxes = boxes.map((m) => {
      if (!m.forward) return m;
      const to = m.forward.to.filter((t) => !dangling(t));
      if (to.length > 0) return { ...m, forward: { ...m.forward, to } };
      const { forward: _dropped, ...rest } = m;
      return rest;
    });
    const edges = new Map<string, string[]>(aliases.map((a) => [a.address, a.targets]));
    for (const m of boxes) if (m.forward) edges.set(m.address, m.forward.to);
    const loop = findLoop(edges);
    if (loop) drop(loop[loop.length - 2]!, loop[loop.length - 1]!);
    if (!loop && JSON.stringify([aliases, boxes]) === before) break;
  }
  return { ...spec, mailboxes: boxes, aliases };
}
