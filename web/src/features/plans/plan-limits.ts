// The limits a plan sets, in the order the panel shows them; the usage card reads the same list
// (each limit's `usage` key is the Tenant.usage field it caps).
export const PLAN_LIMITS = [
  { field: 'maxWebroots', usage: 'webroots', label: 'Webroots', short: 'Webroots' },
  { field: 'maxFqdns', usage: 'fqdns', label: 'FQDNs', short: 'FQDNs' },
  { field: 'maxDatabases', usage: 'databases', label: 'Databases', short: 'DBs' },
  { field: 'maxDatabaseUsers', usage: 'databaseUsers', label: 'Database users', short: 'DB users' },
  { field: 'maxValkeyInstances', usage: 'valkeyInstances', label: 'Valkey instances', short: 'Valkey' },
  { field: 'maxValkeyUsers', usage: 'valkeyUsers', label: 'Valkey users', short: 'Valkey users' },
  { field: 'maxValkeyMemoryMb', usage: 'valkeyMemoryMb', label: 'Valkey memory (MiB)', short: 'Valkey MiB' },
  { field: 'maxCronJobs', usage: 'cronJobs', label: 'Cron jobs', short: 'Cron' },
  { field: 'maxDaemons', usage: 'daemons', label: 'Daemons', short: 'Daemons' },
  { field: 'maxDnsZones', usage: 'dnsZones', label: 'DNS zones', short: 'DNS' },
  { field: 'maxMailDomains', usage: 'mailDomains', label: 'Mail domains', short: 'Mail' },
  { field: 'maxMailboxes', usage: 'mailboxes', label: 'Mailboxes', short: 'Mailboxes' },
] as const;

export type PlanLimitField = (typeof PLAN_LIMITS)[number]['field'];
