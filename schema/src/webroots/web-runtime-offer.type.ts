import { Field, ObjectType } from 'type-graphql';
import { WebRuntime } from './webroot.type.js';

/** One runtime and the versions a tenant's webroots may use. */
export interface WebRuntimeOfferRecord {
  runtime: WebRuntime;
  versions: string[];
  defaultVersion: string | null;
}

@ObjectType({
  description:
    'A runtime webroots of a tenant can use, with the versions every web node of its shard reports (the nodes decide, not a list in the API).',
})
export class WebRuntimeOffer {
  @Field(() => WebRuntime, { description: 'The runtime.' })
  runtime!: WebRuntime;

  @Field(() => [String], {
    description: 'Versions available on every node of the shard, newest first (empty for STATIC, or when none is).',
  })
  versions!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'What createWebroot picks when no version is given: the newest; null when there is none.',
  })
  defaultVersion!: string | null;
}
