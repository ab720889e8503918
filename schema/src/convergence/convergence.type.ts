import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../common/user-error.js';

export enum ConvergenceStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(ConvergenceStatus, {
  name: 'ConvergenceStatus',
  description: 'RUNNING; SUCCEEDED (every resource converged); FAILED (see errors: the rest was converged anyway).',
});

/** One resource or node a convergence could not bring to its desired state. */
export interface ConvergenceErrorRecord {
  resource: string;
  /** Global id of the resource, when it is one (a webroot); null for a node or the load balancer. */
  resourceId: string | null;
  node: string | null;
  message: string;
}

/** A row of the shard convergences table. */
export interface ShardConvergenceRecord {
  id: string;
  shardId: string;
  status: ConvergenceStatus;
  startedAt: Date;
  finishedAt: Date | null;
  errors: ConvergenceErrorRecord[];
}

@ObjectType({
  description: 'A resource or node that a convergence could not bring to its desired state.',
})
export class ConvergenceError {
  @Field({ description: 'What failed, e.g. `webroot web_abc123defg` or `load balancer`.' })
  resource!: string;

  @Field(() => ID, { nullable: true, description: 'Global id of the resource, when it is one.' })
  resourceId!: string | null;

  @Field(() => String, { nullable: true, description: 'Hostname of the node it failed on.' })
  node!: string | null;

  @Field({ description: 'Why.' })
  message!: string;
}

@ObjectType({
  description:
    'One run of `convergeShard`: every node of the shard rebuilt from the database, orphans removed, errors collected per resource.',
})
export class ShardConvergence {
  @Field(() => ID, { description: 'Id of this run.' })
  id!: string;

  @Field(() => ConvergenceStatus, { description: 'Where the run stands.' })
  status!: ConvergenceStatus;

  @Field({ description: 'When it was requested.' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it finished (null while RUNNING).' })
  finishedAt!: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True when nothing failed; null while RUNNING.',
  })
  ok!: boolean | null;

  @Field(() => [ConvergenceError], {
    description: 'What could not be converged (empty on success).',
  })
  errors!: ConvergenceError[];
}

@InputType({ description: 'Converge one shard (WEB or LB).' })
export class ConvergeShardInput {
  @Field(() => ID, { description: 'The shard.' })
  shardId!: string;
}

@ObjectType({ description: 'Result of convergeShard.' })
export class ConvergeShardPayload {
  @Field(() => ShardConvergence, {
    nullable: true,
    description: 'The run just started (null on userErrors).',
  })
  convergence!: ShardConvergence | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
