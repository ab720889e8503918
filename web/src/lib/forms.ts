/** A submitted form's trimmed text field (FormData gives files and nulls too). */
export function textOf(form: FormData, name: string): string {
  return String(form.get(name) ?? '').trim();
}

/** "ns1.x, ns2.x" or one per line → ["ns1.x", "ns2.x"]. */
export function listOf(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}
