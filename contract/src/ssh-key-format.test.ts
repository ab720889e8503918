import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSshPublicKey } from './ssh-key-format.js';

/** A real key from ssh-keygen, and what ssh-keygen says its fingerprint is. */
function generated(type: string, bits?: number) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'hp-key-')), 'id');
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    type,
    ...(bits ? ['-b', String(bits)] : []),
    '-N',
    '',
    '-C',
    'me@host',
    '-f',
    file,
  ]);
  const line = readFileSync(`${file}.pub`, 'utf8').trim();
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${file}.pub`])
    .toString()
    .split(' ')[1];
  return { line, fingerprint };
}

const problemOf = (line: string) => {
  const parsed = parseSshPublicKey(line);
  return 'problem' in parsed ? parsed.problem : null;
};

describe('OpenSSH public keys', () => {
  it('takes Ed25519, ECDSA and RSA ≥ 2048 with ssh-keygen’s fingerprint, comment apart', () => {
    for (const [type, bits, want] of [
      ['ed25519', undefined, 256],
      ['ecdsa', 384, 384],
      ['rsa', 2048, 2048],
    ] as const) {
      const key = generated(type, bits);
      const parsed = parseSshPublicKey(`  ${key.line}\n`);
      expect('key' in parsed && parsed.key).toMatchObject({
        bits: want,
        fingerprint: key.fingerprint,
        comment: 'me@host',
        publicKey: key.line.split(' ').slice(0, 2).join(' '),
      });
    }
  });

  it('refuses options, short RSA, a mislabelled or truncated blob, several lines, odd comments', () => {
    const ed = generated('ed25519').line;
    const [, blob] = ed.split(' ');
    expect(problemOf(`command="sh" ${ed}`)).toMatch(/options/);
    expect(problemOf(`restrict ${ed}`)).toMatch(/options/);
    expect(problemOf(generated('rsa', 1024).line)).toMatch(/2048/);
    expect(problemOf(`ssh-rsa ${blob}`)).toMatch(/not a ssh-rsa key/);
    expect(problemOf(`ssh-ed25519 ${blob!.slice(0, 40)}`)).not.toBeNull();
    expect(problemOf(`${ed}\n${ed}`)).toMatch(/single line/);
    expect(problemOf(`ssh-ed25519 ${blob} bad\u0007bell`)).toMatch(/comment/);
    expect(problemOf('ssh-ed25519 !!!!')).toMatch(/base64/);
    expect(problemOf('')).toMatch(/empty/);
  });
});
