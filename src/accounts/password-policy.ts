import commonPasswords from 'fxa-common-password-list';
import { badRequest } from '../errors/app-error.js';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * What is wrong with a password someone is choosing, in words that follow "password: ", or
 * undefined when it is fine. Length counts characters as a person does (an emoji is one). The
 * common list is Mozilla's (Firefox Accounts), checked as typed and in lower case, since
 * "Password1" is guessed as early as "password1".
 */
export function passwordProblem(password: string, username?: string): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  if (/^[\s\p{C}]*$/u.test(password)) return 'must contain letters, digits or symbols, not only spaces or control characters';
  if (new Set(password).size === 1) return 'must not be one character repeated';
  if (username !== undefined && password.trim().toLowerCase() === username.trim().toLowerCase()) return 'must not be your username';
  if (commonPasswords.test(password) || commonPasswords.test(password.toLowerCase())) {
    return 'is one of the most common passwords, which are guessed first; choose another (a few unrelated words work well)';
  }
  return undefined;
}

/** Throws the form's 400 ("password: …") when the policy refuses the password. */
export function requireAcceptablePassword(password: string, username?: string, field = 'password'): void {
  const problem = passwordProblem(password, username);
  if (problem) throw badRequest(`${field}: ${problem}`);
}
