import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.js';
import { Fqdn, type FqdnRecord } from '../webroots/fqdn.type.js';
import { Certificate, TlsMode } from './certificate.type.js';

@InputType({ description: 'How an FQDN is served over HTTPS.' })
export class SetFqdnTlsInput {
  @Field(() => ID, { description: 'The FQDN.' })
  fqdnId!: string;

  @Field(() => TlsMode, {
    description: 'AUTOMATIC or OFF (CUSTOM is set by `uploadCertificate`; choosing it here keeps the uploaded one).',
  })
  mode!: TlsMode;

  @Field({ nullable: true, description: 'Answer plain HTTP with a 301 to https (default: unchanged).' })
  httpsRedirect?: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Strict-Transport-Security max-age in seconds, 0–63072000; null or absent: no header.',
  })
  hstsMaxAge?: number | null;
}

@InputType({ description: 'A certificate of your own for an FQDN (PEM).' })
export class UploadCertificateInput {
  @Field(() => ID, { description: 'The FQDN it is for.' })
  fqdnId!: string;

  @Field({ description: 'The certificate, PEM (`-----BEGIN CERTIFICATE-----`); may be followed by its chain.' })
  certificate!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The intermediate certificates, PEM, the leaf’s issuer first, up to a root: one clients trust may be left out, a private CA’s root must be included.',
  })
  chain?: string | null;

  @Field({ description: 'Its private key, PEM, unencrypted. Stored encrypted; never returned.' })
  privateKey!: string;
}

@InputType({ description: 'Refer to one certificate.' })
export class CertificateIdInput {
  @Field(() => ID, { description: 'The certificate.' })
  id!: string;
}

@ObjectType({ description: 'Result of a certificate mutation.' })
export class CertificatePayload {
  @Field(() => Certificate, { nullable: true, description: 'The certificate (null on userErrors).' })
  certificate!: Certificate | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of `setFqdnTls`.' })
export class SetFqdnTlsPayload {
  @Field(() => Fqdn, { nullable: true, description: 'The FQDN with its new TLS settings (null on userErrors).' })
  fqdn!: FqdnRecord | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
