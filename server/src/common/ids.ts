import { decodeIdOf } from '@hostplane/schema';

/** A uuid no row has: filters with a malformed id then match nothing instead of erroring. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export function idOrNil(type: string, globalId: string): string {
  return decodeIdOf(type, globalId) ?? NIL_UUID;
}
