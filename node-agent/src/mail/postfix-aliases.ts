// Postfix's virtual_alias_maps for one node: aliases, catch-alls and forwards are all rewrites of
// the recipient before delivery. Postfix looks up `local@domain` before `@domain`, so an alias
// wins over its domain's catch-all; mailboxes live in another map, so on a domain with a
// catch-all each mailbox gets a self-entry (`a@d a@d`) or the catch-all would take its mail.
// A rewrite that names its own address stops there (Postfix does not expand it again), which is
// also how a forward keeps a copy: `a@d a@d,out@x`.
import type { MailNodeSpec } from '@hostplane/contract/mail';
import { domainOfAddress, isCatchAll } from '@hostplane/contract/mail/addresses';

/** The alias table's rows: address → comma-separated targets (checked by checkMailNodeSpec). */
export function renderAliasTable(spec: MailNodeSpec): Array<[string, string]> {
  const aliases = spec.aliases ?? [];
  const catchAllDomains = new Set(aliases.filter((a) => isCatchAll(a.address)).map((a) => a.address.slice(1)));
  const rows: Array<[string, string]> = aliases.map((a) => [a.address, a.targets.join(',')]);
  for (const m of spec.mailboxes) {
    const forward = m.forward?.to.length ? m.forward : null;
    if (forward) rows.push([m.address, (forward.keepCopy ? [m.address, ...forward.to] : forward.to).join(',')]);
    else if (catchAllDomains.has(domainOfAddress(m.address))) rows.push([m.address, m.address]);
  }
  return rows;
}
