import { Field, ObjectType } from 'type-graphql';

/** A row of a webroot's environment as the port hands it out: never a secret's value. */
export interface WebrootEnvVarRecord {
  name: string;
  secret: boolean;
  /** Plain variables only (null for secrets). */
  value: string | null;
  /** Secrets only. */
  fingerprint: string | null;
  updatedAt: Date;
}

@ObjectType({
  description:
    'One variable of a webroot’s environment: what its app (or PHP pool) finds in its environment. A secret is write-only: its value is stored encrypted and never returned, only its name, fingerprint and when it changed.',
})
export class WebrootEnvVar {
  @Field({ description: 'The variable’s name (letters, digits, _; reserved platform names refused).' })
  name!: string;

  @Field({ description: 'True for a secret: encrypted at rest, its value never returned.' })
  secret!: boolean;

  @Field(() => String, { nullable: true, description: 'The value of a plain variable; always null for a secret.' })
  value!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A secret’s fingerprint (HMAC under the tenant’s data key, 16 hex digits): equal values, equal fingerprints. Null for plain variables.',
  })
  fingerprint!: string | null;

  @Field({ description: 'When the variable was last set.' })
  updatedAt!: Date;
}
