/** A password that passes the policy (12+ chars, 3 classes), different every call. */
export function strongPassword(): string {
  return `Pw-${Math.random().toString(36).slice(2, 10)}-${Date.now().toString(36)}X9`;
}
