import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.js';
import { Daemon, DaemonRestartPolicy, DaemonStopSignal } from './daemon.type.js';

@InputType({ description: 'Add a daemon to a webroot.' })
export class CreateDaemonInput {
  @Field(() => ID, { description: 'The webroot whose folder, user and environment it runs with.' })
  webrootId!: string;

  @Field({
    description: 'A name unique among the webroot’s daemons: a-z, 0-9 and -, starting with a letter, at most 24.',
  })
  name!: string;

  @Field(() => [String], {
    description:
      'The program and its arguments, at most 64 (no shell). A relative program path is relative to the webroot folder.',
  })
  command!: string[];

  @Field(() => Int, { nullable: true, description: 'Processes per node, 1–8 (default 1).' })
  processes?: number | null;

  @Field(() => DaemonRestartPolicy, { nullable: true, description: 'When it is started again (default ALWAYS).' })
  restart?: DaemonRestartPolicy | null;

  @Field(() => DaemonStopSignal, { nullable: true, description: 'The signal it is stopped with (default TERM).' })
  stopSignal?: DaemonStopSignal | null;

  @Field(() => Int, { nullable: true, description: 'Seconds between the stop signal and SIGKILL, 1–300 (default 10).' })
  stopWaitSeconds?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A path of the webroot’s host names to proxy to it (`/ws`; not `/`), unique among its daemons. It then listens on the Unix socket in PORT / APP_SOCKET.',
  })
  proxyPath?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it runs (default true).' })
  enabled?: boolean | null;
}

@InputType({ description: 'Change a daemon; omitted fields stay as they are.' })
export class UpdateDaemonInput {
  @Field(() => ID, { description: 'The daemon.' })
  id!: string;

  @Field(() => [String], { nullable: true, description: 'The program and its arguments.' })
  command?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Processes per node, 1–8.' })
  processes?: number | null;

  @Field(() => DaemonRestartPolicy, { nullable: true, description: 'When it is started again.' })
  restart?: DaemonRestartPolicy | null;

  @Field(() => DaemonStopSignal, { nullable: true, description: 'The signal it is stopped with.' })
  stopSignal?: DaemonStopSignal | null;

  @Field(() => Int, { nullable: true, description: 'Seconds between the stop signal and SIGKILL, 1–300.' })
  stopWaitSeconds?: number | null;

  @Field(() => String, { nullable: true, description: 'The proxied path; an empty string removes it.' })
  proxyPath?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it runs.' })
  enabled?: boolean | null;
}

@InputType({ description: 'Refer to one daemon.' })
export class DaemonIdInput {
  @Field(() => ID, { description: 'The daemon.' })
  id!: string;
}

@ObjectType({ description: 'Result of a daemon mutation.' })
export class DaemonPayload {
  @Field(() => Daemon, { nullable: true, description: 'The daemon, as written (null on userErrors).' })
  daemon!: Daemon | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
