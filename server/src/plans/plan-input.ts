import { userError, type PlanLimits, type UserError } from '@hostplane/schema';
import { QUOTA_RESOURCES } from './usage.js';

export const MAX_PLAN_NAME = 60;
/** Above any real tenant, below Int's range: a typo like 10^9 is refused rather than stored. */
const MAX_LIMIT = 1_000_000;

const LIMIT_FIELDS = Object.values(QUOTA_RESOURCES).map((r) => r.limit);

/** The limits given in the input (omitted ones left out, nulls kept: they lift a limit). */
export function limitsOf(input: Partial<Record<keyof PlanLimits, number | null | undefined>>): Partial<PlanLimits> {
  return Object.fromEntries(LIMIT_FIELDS.filter((f) => input[f] !== undefined).map((f) => [f, input[f]]));
}

/** Why the name or a limit is refused; empty when all are fine. */
export function planInputProblems(name: string | null | undefined, limits: Partial<PlanLimits>): UserError[] {
  const errors: UserError[] = [];
  if (name != null && (name.trim().length < 1 || name.trim().length > MAX_PLAN_NAME)) {
    errors.push(userError('name', `name must be 1 to ${MAX_PLAN_NAME} characters.`));
  }
  for (const [field, value] of Object.entries(limits)) {
    if (value != null && (!Number.isInteger(value) || value < 0 || value > MAX_LIMIT)) {
      errors.push(userError(field, `${field} must be a whole number from 0 to ${MAX_LIMIT}, or null for unlimited.`));
    }
  }
  return errors;
}
