import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/accounts/password-policy.js';

describe('the password policy', () => {
  it.each([
    ['aaaaaaaa', 'must not be one character repeated'],
    ['password', 'is one of the most common passwords'],
    ['12345678', 'is one of the most common passwords'],
    ['Password1', 'is one of the most common passwords'],
    ['iloveyou', 'is one of the most common passwords'],
    ['        ', 'must contain letters, digits or symbols, not only spaces or control characters'],
    ['\u0000'.repeat(8), 'must contain letters, digits or symbols, not only spaces or control characters'],
    [' \t\n\u200b\u0007 \r\u0001', 'must contain letters, digits or symbols, not only spaces or control characters'],
    ['short', 'must be at least 8 characters'],
    ['x'.repeat(201), 'must be at most 200 characters'],
  ])('refuses %j: %s', (password, message) => {
    expect(passwordProblem(password)).toContain(message);
  });

  it('refuses the username itself, in any case', () => {
    expect(passwordProblem('samokafor', 'samokafor')).toBe('must not be your username');
    expect(passwordProblem('SamOkafor', 'samokafor')).toBe('must not be your username');
  });

  it('counts characters as a person does', () => {
    expect(passwordProblem('🐳🐳🐳🐳🐳🐳🐳')).toBe('must be at least 8 characters');
    expect(passwordProblem('🐳🐙🦀🐳🐙🦀🐳🐙')).toBeUndefined();
  });

  it.each(['correct horse', 'tidal lantern', 'samokafor!', 'ship-the-containers'])('accepts %j', (password) => {
    expect(passwordProblem(password, 'samokafor')).toBeUndefined();
  });
});
