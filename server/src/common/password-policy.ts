/** The password rule for database and Valkey users (and any later service account). */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 128;

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

/**
 * Why `password` is too weak for `userName`, or null when it is fine: 12–128 characters, at
 * least three of lower case, upper case, digits and other characters, no control characters,
 * and not containing the user name. The message never repeats the password.
 */
export function passwordProblem(password: string, userName: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `password must be at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `password must be at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (/[\u0000-\u001f\u007f]/.test(password)) return 'password must not contain control characters.';
  if (CLASSES.filter((c) => c.test(password)).length < 3) {
    return 'password must mix at least 3 of: lower-case letters, upper-case letters, digits, other characters.';
  }
  if (userName && password.toLowerCase().includes(userName.toLowerCase()))
    return 'password must not contain the user name.';
  return null;
}
