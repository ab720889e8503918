// Everything hostctl prints goes through here: results to stdout (JSON or a table), progress
// and errors to stderr, so `--output json` stdout is always one parseable document.
import type { ResourceEventFieldsFragment, UserErrorFieldsFragment } from '@hostplane/schema/sdk';

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

/** Scalars of a row as cells; a nested object by its name (or id), a list by its length. */
function cellsOf(row: Record<string, unknown>): Record<string, string | number | null | undefined> {
  const cells: Record<string, string | number | null | undefined> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === '__typename' || key === 'events') continue;
    if (value === null || typeof value !== 'object') cells[key] = value === null ? null : String(value);
    else if (Array.isArray(value))
      cells[key] = value.every((item) => typeof item !== 'object') ? value.join(',') : `${value.length} items`;
    else {
      const nested = value as Record<string, unknown>;
      const label = nested.name ?? nested.hostname ?? nested.id;
      if (label !== undefined) cells[key] = String(label);
    }
  }
  return cells;
}

/** The rows of a list result: an array, or a Relay connection's `edges[].node`. */
function rowsOf(value: unknown): Record<string, unknown>[] | null {
  if (Array.isArray(value)) return value.filter((item): item is Record<string, unknown> => typeof item === 'object');
  if (value && typeof value === 'object' && 'edges' in value && Array.isArray(value.edges)) {
    return (value.edges as { node: Record<string, unknown> }[]).map((edge) => edge.node);
  }
  return null;
}

/**
 * Any operation result: JSON as the API returned it, or, for `table`, a list as columns (every
 * scalar field of its rows) and one object as labelled lines.
 */
export function printResult(value: unknown, format: OutputFormat): void {
  if (format === 'json') return printJson(value);
  const rows = rowsOf(value);
  if (rows) {
    const cells = rows.map(cellsOf);
    const headers = [...new Set(cells.flatMap((row) => Object.keys(row)))];
    return printTable(
      cells,
      headers.map((header) => ({ header: header.toUpperCase(), value: (row) => row[header] })),
    );
  }
  if (value && typeof value === 'object') return printFields(cellsOf(value as Record<string, unknown>));
  process.stdout.write(`${String(value)}\n`);
}
