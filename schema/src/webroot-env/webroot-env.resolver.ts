import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context.js';
import { WebrootPayload } from '../webroots/webroot.input.js';
import { Webroot, type WebrootRecord } from '../webroots/webroot.type.js';
import { DeleteWebrootEnvVarInput, SetWebrootEnvInput } from './webroot-env.input.js';
import { WebrootEnvVar } from './webroot-env.type.js';

@Resolver(() => Webroot)
export class WebrootEnvResolver {
  @FieldResolver(() => [WebrootEnvVar], {
    description: 'The webroot’s environment variables and secrets, by name (secrets without their value).',
  })
  env(@Root() webroot: WebrootRecord, @Ctx() ctx: Context) {
    return ctx.ports.webrootEnv.ofWebroot(ctx.viewer, webroot);
  }

  @Mutation(() => WebrootPayload, {
    description:
      'Set variables and secrets of an ACTIVE or FAILED webroot and remove others, all or nothing; its app or PHP pool is restarted with the new environment (async: the webroot’s UPDATE, watch `webrootChanged`).',
  })
  setWebrootEnv(
    @Arg('input', { description: 'What to set and remove.' }) input: SetWebrootEnvInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.webrootEnv.set(ctx.viewer, input);
  }

  @Mutation(() => WebrootPayload, {
    description:
      'Remove one variable or secret of a webroot (async: the webroot’s UPDATE). NOT_FOUND when it has none of that name.',
  })
  deleteWebrootEnvVar(
    @Arg('input', { description: 'The webroot and the name.' }) input: DeleteWebrootEnvVarInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.webrootEnv.remove(ctx.viewer, input);
  }
}
