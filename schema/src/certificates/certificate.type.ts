import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../common/node.js';
import { AsyncResource, type OwnedResourceRecord } from '../resources/async-resource.type.js';

/** How an FQDN is served over HTTPS. */
export enum TlsMode {
  AUTOMATIC = 'AUTOMATIC',
  CUSTOM = 'CUSTOM',
  OFF = 'OFF',
}
registerEnumType(TlsMode, {
  name: 'TlsMode',
  description:
    'AUTOMATIC: a certificate from the platform’s ACME CA (Let’s Encrypt), issued once the name routes here and renewed at two thirds of its lifetime. CUSTOM: the certificate you upload (`uploadCertificate`). OFF: plain HTTP only.',
});

/** A row of the certificates table, as the certificates port hands it out (never its key). */
export interface CertificateRecord extends OwnedResourceRecord {
  fqdnId: string;
  hostname: string;
  source: TlsMode;
  issuer: string | null;
  notBefore: Date | null;
  notAfter: Date | null;
  serial: string | null;
  fingerprint: string | null;
  renewAfter: Date | null;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'The certificate the load balancers serve for one FQDN (SNI), issued by ACME or uploaded. Its private key is stored encrypted and is never returned by any field.',
})
export class Certificate extends AsyncResource {
  @Field({ description: 'The host name it is served for.' })
  hostname!: string;

  @Field(() => TlsMode, { description: 'AUTOMATIC (ACME) or CUSTOM (uploaded).' })
  source!: TlsMode;

  @Field(() => String, { nullable: true, description: 'Who issued it (the issuer’s common name); null until issued.' })
  issuer!: string | null;

  @Field(() => Date, { nullable: true, description: 'Start of its validity.' })
  notBefore!: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of its validity.' })
  notAfter!: Date | null;

  @Field(() => String, { nullable: true, description: 'Serial number (hex).' })
  serial!: string | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 fingerprint of the certificate (colon-separated hex).' })
  fingerprint!: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the renewal schedule renews it (automatic ones: two thirds of its lifetime, later after failures).',
  })
  renewAfter!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Whole days until it expires (negative once expired).' })
  daysLeft!: number | null;

  @Field({ description: 'When the certificate row was made.' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  updatedAt!: Date;
}
