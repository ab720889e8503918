// Everything hostctl prints goes through here: results to stdout (JSON or a table), progress
// and errors to stderr, so `--output json` stdout is always one parseable document.
import type { ResourceEventFieldsFragment, TenantFieldsFragment, UserErrorFieldsFragment } from '@hostplane/schema/sdk';

/** `--output`: machine-readable JSON or human-readable columns. */
export type OutputFormat = 'json' | 'table';

/** Writes `value` as indented JSON on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A column: its heading and how to read the cell from a row. */
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

/** Prints rows as space-aligned columns with a header line; `empty` when there are none. */
export function printTable<T>(rows: readonly T[], columns: readonly Column<T>[], empty = '(none)'): void {
  if (!rows.length) {
    process.stdout.write(`${empty}\n`);
    return;
  }
  const cells = rows.map((row) => columns.map((column) => String(column.value(row) ?? '-')));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => line[i]!.length)));
  const render = (line: string[]) =>
    line
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${[render(columns.map((column) => column.header)), ...cells.map(render)].join('\n')}\n`);
}

/** Prints `label: value` lines, labels aligned; null values are left out. */
export function printFields(fields: Record<string, string | number | null | undefined>): void {
  const entries = Object.entries(fields).filter(([, value]) => value !== null && value !== undefined && value !== '');
  const width = Math.max(...entries.map(([label]) => label.length));
  process.stdout.write(`${entries.map(([label, value]) => `${`${label}:`.padEnd(width + 1)} ${value}`).join('\n')}\n`);
}

/** A progress or diagnostic line on stderr. */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** userErrors, one per line on stderr: `input.brandId: Brand not found (NOT_FOUND)`. */
export function printUserErrors(errors: readonly UserErrorFieldsFragment[]): void {
  for (const error of errors) note(`${error.field.join('.') || 'input'}: ${error.message} (${error.code})`);
}

/** One event as a progress line: `12:00:01  status PROVISIONING` / `step linux user created: SUCCEEDED`. */
export function formatEvent(event: ResourceEventFieldsFragment): string {
  const time = event.at.slice(11, 19);
  const what =
    event.kind === 'STEP'
      ? `step ${event.step ?? '?'}${event.stepState ? `: ${event.stepState}` : ''}`
      : `${event.kind.toLowerCase()}${event.status ? ` ${event.status}` : ''}`;
  return `${time}  ${what}${event.message ? ` (${event.message})` : ''}`;
}

export const tenantColumns: readonly Column<TenantFieldsFragment>[] = [
  { header: 'ID', value: (tenant) => tenant.id },
  { header: 'NAME', value: (tenant) => tenant.name },
  { header: 'DISPLAY NAME', value: (tenant) => tenant.displayName },
  { header: 'STATUS', value: (tenant) => tenant.status },
  { header: 'BRAND', value: (tenant) => tenant.brand.name },
  { header: 'CREATED', value: (tenant) => tenant.createdAt.slice(0, 19).replace('T', ' ') },
];

/** One tenant: JSON as the API returned it, or labelled lines with the reason for its status. */
export function printTenant(tenant: TenantFieldsFragment, format: OutputFormat): void {
  if (format === 'json') return printJson(tenant);
  printFields({
    id: tenant.id,
    name: tenant.name,
    'display name': tenant.displayName,
    status: tenant.status,
    'status message': tenant.statusMessage,
    'suspend reason': tenant.suspendReason,
    uid: tenant.uid,
    brand: `${tenant.brand.name} (${tenant.brand.id})`,
    created: tenant.createdAt,
    updated: tenant.updatedAt,
  });
}
