import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { ResourceEvent, type EventRecord } from '../events/event.type.js';
import { ResourceChangedArgs } from '../events/resource-changed.args.js';
import { resourceEvents } from '../events/resource-events.js';
import { Fqdn, type FqdnRecord } from '../webroots/fqdn.type.js';
import {
  CertificateIdInput,
  CertificatePayload,
  SetFqdnTlsInput,
  SetFqdnTlsPayload,
  UploadCertificateInput,
} from './certificate.input.js';
import { Certificate, TlsMode, type CertificateRecord } from './certificate.type.js';

const DAY = 86_400_000;

@Resolver(() => Certificate)
export class CertificateResolver {
  @Query(() => Certificate, { description: 'One certificate by id. NOT_FOUND when missing or not visible.' })
  async certificate(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.certificates.get(ctx.viewer, id)) ?? Promise.reject(notFound('Certificate'));
  }

  @Query(() => [Certificate], {
    description:
      'Certificates that end within `withinDays` days, and those whose issuance or renewal FAILED, soonest first (at most 500). Needs certificates:read.',
  })
  expiringCertificates(
    @Arg('withinDays', () => Int, { description: 'Days from now, 0–3660.' }) withinDays: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.certificates.expiring(ctx.viewer, withinDays);
  }

  @Mutation(() => SetFqdnTlsPayload, {
    description:
      'Choose an FQDN’s HTTPS: AUTOMATIC (ACME), OFF, and its redirect and HSTS options (async: the certificate’s status and steps follow).',
  })
  setFqdnTls(@Arg('input', { description: 'FQDN and settings.' }) input: SetFqdnTlsInput, @Ctx() ctx: Context) {
    return ctx.ports.certificates.setFqdnTls(ctx.viewer, input);
  }

  @Mutation(() => CertificatePayload, {
    description:
      'Serve your own certificate for an FQDN (its TLS becomes CUSTOM). Checked first: the key matches, the name is covered, the chain is complete, it is valid now; refused with field userErrors otherwise, storing nothing.',
  })
  uploadCertificate(
    @Arg('input', { description: 'FQDN, certificate, chain and key.' }) input: UploadCertificateInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.certificates.upload(ctx.viewer, input);
  }

  @Mutation(() => CertificatePayload, {
    description: 'Renew an automatic certificate now (async: a new one is ordered and swapped in without a reload).',
  })
  renewCertificate(@Arg('input', { description: 'The certificate.' }) input: CertificateIdInput, @Ctx() ctx: Context) {
    return ctx.ports.certificates.renew(ctx.viewer, input.id);
  }

  @Mutation(() => CertificatePayload, { description: 'Run the last failed operation of a FAILED certificate again.' })
  retryCertificate(@Arg('input', { description: 'The certificate.' }) input: CertificateIdInput, @Ctx() ctx: Context) {
    return ctx.ports.certificates.retry(ctx.viewer, input.id);
  }

  @Subscription(() => ResourceEvent, {
    description: 'Events of one certificate (its status and workflow steps).',
    subscribe: resourceEvents,
  })
  certificateChanged(@Root() event: EventRecord, @Args() _args: ResourceChangedArgs): EventRecord {
    return event;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() cert: CertificateRecord): string {
    return toGlobalId('Certificate', cert.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Whole days until it expires (negative once expired).' })
  daysLeft(@Root() cert: CertificateRecord): number | null {
    return cert.notAfter ? Math.floor((cert.notAfter.getTime() - Date.now()) / DAY) : null;
  }
}

@Resolver(() => Fqdn)
export class FqdnTlsResolver {
  @FieldResolver(() => TlsMode, { description: 'How it is served over HTTPS. Needs certificates:read.' })
  async tlsMode(@Root() fqdn: FqdnRecord, @Ctx() ctx: Context) {
    return (await ctx.ports.certificates.tlsOf(ctx.viewer, fqdn)).mode;
  }

  @FieldResolver(() => Boolean, { description: 'Plain HTTP answers a 301 to https. Needs certificates:read.' })
  async httpsRedirect(@Root() fqdn: FqdnRecord, @Ctx() ctx: Context) {
    return (await ctx.ports.certificates.tlsOf(ctx.viewer, fqdn)).httpsRedirect;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Strict-Transport-Security max-age (seconds) on HTTPS answers; null: none. Needs certificates:read.',
  })
  async hstsMaxAge(@Root() fqdn: FqdnRecord, @Ctx() ctx: Context) {
    return (await ctx.ports.certificates.tlsOf(ctx.viewer, fqdn)).hstsMaxAge;
  }

  @FieldResolver(() => Certificate, {
    nullable: true,
    description: 'The certificate served for it (null with TLS OFF or before one exists). Needs certificates:read.',
  })
  certificate(@Root() fqdn: FqdnRecord, @Ctx() ctx: Context) {
    return ctx.ports.certificates.ofFqdn(ctx.viewer, fqdn);
  }
}
