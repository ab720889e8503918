import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** Why a mutation's input was refused. Stable: clients may switch on it. */
export enum UserErrorCode {
  INVALID = 'INVALID',
  REQUIRED = 'REQUIRED',
  NOT_FOUND = 'NOT_FOUND',
  TAKEN = 'TAKEN',
  INVALID_STATE = 'INVALID_STATE',
  FORBIDDEN = 'FORBIDDEN',
  BUSY = 'BUSY',
  /** A host name under another brand's base hostname or reserved suffixes. */
  HOSTNAME_RESERVED = 'HOSTNAME_RESERVED',
  /** The tenant's plan allows no more of this resource (the message names it and the limit). */
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  /** Still referenced: e.g. a plan some tenant is on. */
  IN_USE = 'IN_USE',
  /** A name the platform keeps for itself (an environment variable such as PATH or PORT). */
  RESERVED_NAME = 'RESERVED_NAME',
}
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Stable machine-readable reason for a userError.',
});

@ObjectType({ description: 'An expected failure caused by the input: nothing was written.' })
export class UserError {
  @Field(() => [String], { description: 'Path to the input field at fault, e.g. ["input", "name"].' })
  field!: string[];

  @Field({ description: 'Human-readable explanation, safe to show to the user.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'Stable machine-readable reason.' })
  code!: UserErrorCode;
}

export function userError(field: string, message: string, code = UserErrorCode.INVALID): UserError {
  return { field: ['input', ...field.split('.').filter(Boolean)], message, code };
}
