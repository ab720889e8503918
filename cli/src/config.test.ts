import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_API_URL, loadConfig, parseDotEnv } from './config.js';

describe('parseDotEnv', () => {
  it('reads KEY=value lines, quotes, export and comments', () => {
    const text = '# c\nexport A=1\nB="two words"\nC=\'x#y\'\nD=plain # note\n\nnot a line\n';
    expect(parseDotEnv(text)).toEqual({ A: '1', B: 'two words', C: 'x#y', D: 'plain' });
  });
});

describe('loadConfig', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hostctl-config-'));
  writeFileSync(path.join(dir, '.env'), 'HOSTING_API_KEY=from-file\n');

  it('falls back to .env and the default URL; the environment wins', () => {
    expect(loadConfig({}, dir)).toEqual({ apiKey: 'from-file', apiUrl: DEFAULT_API_URL });
    expect(loadConfig({ HOSTING_API_KEY: 'env', HOSTING_API_URL: 'https://api.example/graphql' }, dir)).toEqual({
      apiKey: 'env',
      apiUrl: 'https://api.example/graphql',
    });
  });

  it('names what is missing or wrong', () => {
    expect(() => loadConfig({}, tmpdir())).toThrow(ConfigError);
    expect(() => loadConfig({}, tmpdir())).toThrow(/HOSTING_API_KEY is not set/);
    expect(() => loadConfig({ HOSTING_API_KEY: 'k', HOSTING_API_URL: 'ftp://x' }, dir)).toThrow(/HOSTING_API_URL/);
  });
});
