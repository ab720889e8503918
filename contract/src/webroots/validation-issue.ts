// Shared by the pure validators (no Node built-ins: workflows import them).

/** One problem with a spec; `field` is a dotted path such as `serverNames.2`. */
export interface ValidationIssue {
  field: string;
  message: string;
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** One line for logs and statusMessage: `field: message; field: message`. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ');
}

/** Makes control characters visible in messages (a smuggled newline shows as \n). */
export function printable(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value).slice(1, -1);
}
