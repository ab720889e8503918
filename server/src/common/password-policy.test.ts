import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('accepts a long password of three classes', () => {
    expect(passwordProblem('Correct-horse-7', 'db_abcdefghij_app')).toBeNull();
  });

  it.each([
    ['', /at least 12/],
    ['Short1!', /at least 12/],
    ['alllowercaseletters', /at least 3/],
    ['ALLUPPER123456', /at least 3/],
    ['ALLUPPER123456!', null],
    ['xDB_ABCDEFGHIJ_APP1!', /user name/],
    ['Tab\tinside-pass1', /control/],
    ['A1!'.repeat(50), /at most 128/],
  ])('judges %j', (password, expected) => {
    const problem = passwordProblem(password, 'db_abcdefghij_app');
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
