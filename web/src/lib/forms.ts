/** A submitted form's trimmed text field (FormData gives files and nulls too). */
export function textOf(form: FormData, name: string): string {
  return String(form.get(name) ?? '').trim();
}

/** "ns1.x, ns2.x" or one per line → ["ns1.x", "ns2.x"]. */
export function listOf(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** One value per non-empty line, each trimmed: an argument array (a start command), whose items may hold spaces. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A submitted secret exactly as typed (spaces are part of a password). */
export function secretOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
