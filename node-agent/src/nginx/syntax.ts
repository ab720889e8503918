/**
 * Building blocks for nginx config text. Every value goes through `token`, which refuses
 * anything that could end a directive or open a block, so a config is always structured output
 * — never a user string pasted into a template (a missing `;` is not even an `nginx -t` error).
 */

const BARE = /^[A-Za-z0-9_./:*@[\]=+,~^|?&!%-]+$/;
// Inside double quotes nginx still expands `$var` and honours `\`; the rest is literal.
const QUOTABLE = /^[^"\\$\u0000-\u001f\u007f]+$/;

/** One directive argument: bare when safe, quoted when it has spaces or `;{}#'`, else an error. */
export function token(value: string): string {
  if (BARE.test(value)) return value;
  if (QUOTABLE.test(value)) return `"${value}"`;
  throw new Error(`refusing to render ${JSON.stringify(value)} into an nginx config`);
}

/** A variable reference or a regex are written by the renderer itself, never from input. */
export type Raw = { raw: string };
export const raw = (text: string): Raw => ({ raw: text });

/** `name arg arg;` at `depth` levels of indentation. */
export function directive(depth: number, name: string, ...args: Array<string | number | Raw>): string {
  const rendered = args.map((a) => (typeof a === 'object' ? a.raw : token(String(a))));
  return `${'    '.repeat(depth)}${[name, ...rendered].join(' ')};`;
}

/** `name args { body }`, body lines already indented one level deeper. */
export function block(depth: number, head: string, body: string[]): string[] {
  const pad = '    '.repeat(depth);
  return [`${pad}${head} {`, ...body, `${pad}}`];
}

/** An nginx `listen` value: `port`, `addr:port` or `[v6]:port`. */
export const LISTEN_PATTERN = /^(?:(?:\d{1,3}\.){3}\d{1,3}:|\[[0-9a-fA-F:.]+\]:)?\d{1,5}$/;

/** The banner every generated file starts with. */
export const BANNER = '# Managed by the Hostplane node agent: changes here are overwritten.';
