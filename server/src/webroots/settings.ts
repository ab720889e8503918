/** Runtimes that have versions (STATIC has none). */
export type VersionedRuntime = 'PHP' | 'NODE' | 'PYTHON' | 'RUBY';

/** What the API offers webroots: the runtime versions users may pick and the app port range. */
export interface WebHostingSettings {
  /** Versions per runtime; the first is the default. Each must be installed on the web nodes. */
  runtimeVersions: Record<VersionedRuntime, string[]>;
  /** Loopback ports app webroots get, unique per shard. */
  appPortRange: { min: number; max: number };
}

export const DEFAULT_WEB_HOSTING: WebHostingSettings = {
  runtimeVersions: {
    PHP: ['8.2', '8.3', '8.1'],
    NODE: ['20', '22', '18'],
    PYTHON: ['3.11', '3.12'],
    RUBY: ['3.2', '3.3'],
  },
  appPortRange: { min: 20_000, max: 29_999 },
};

/**
 * Parses `PHP=8.2,8.3;NODE=20,22` (WEB_RUNTIME_VERSIONS; the first of each is its default) over
 * the defaults: runtimes it names are replaced, the others keep theirs. Throws on anything else.
 */
export function parseRuntimeVersions(text: string): WebHostingSettings['runtimeVersions'] {
  const result = { ...DEFAULT_WEB_HOSTING.runtimeVersions };
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [runtime, versions] = part.split('=');
    const list = (versions ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    if (!runtime || !(runtime in result) || list.some((v) => !/^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$/.test(v))) {
      throw new Error(`"${part}" is not RUNTIME=version,version (runtimes: ${Object.keys(result).join(', ')})`);
    }
    result[runtime as keyof typeof result] = list;
  }
  return result;
}
