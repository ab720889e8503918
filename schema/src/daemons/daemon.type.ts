import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Node } from '../common/node.js';
import { AsyncResource, type OwnedResourceRecord } from '../resources/async-resource.type.js';

/** How supervisord brings a daemon back when it exits. */
export enum DaemonRestartPolicy {
  ALWAYS = 'ALWAYS',
  ON_FAILURE = 'ON_FAILURE',
  NEVER = 'NEVER',
}
registerEnumType(DaemonRestartPolicy, {
  name: 'DaemonRestartPolicy',
  description:
    'ALWAYS: started again whenever it exits. ON_FAILURE: only after an exit code other than 0 or a signal. NEVER: left stopped.',
});

/** The signal a daemon is stopped with. */
export enum DaemonStopSignal {
  TERM = 'TERM',
  INT = 'INT',
  QUIT = 'QUIT',
  HUP = 'HUP',
  KILL = 'KILL',
  USR1 = 'USR1',
  USR2 = 'USR2',
}
registerEnumType(DaemonStopSignal, {
  name: 'DaemonStopSignal',
  description: 'The signal a daemon’s processes get when it stops (SIGKILL follows after its stopWaitSeconds).',
});

/** A row of the daemons table, as the daemons port hands it out. */
export interface DaemonRecord extends OwnedResourceRecord {
  webrootId: string;
  name: string;
  command: string[];
  processes: number;
  restart: DaemonRestartPolicy;
  stopSignal: DaemonStopSignal;
  stopWaitSeconds: number;
  proxyPath: string | null;
  enabled: boolean;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'A long-running process of a webroot (a queue worker, a WebSocket server): run by supervisord as the tenant’s Linux user, in the webroot’s folder with its environment, on every node of its web shard. With a proxy path, nginx passes that path of the webroot’s host names (WebSocket upgrade included) to it; it listens on the Unix socket in its PORT and APP_SOCKET variables.',
})
export class Daemon extends AsyncResource {
  @Field({ description: 'Its name, unique among the webroot’s daemons (a-z, 0-9, -; at most 24).' })
  name!: string;

  @Field(() => [String], { description: 'The program and its arguments (no shell).' })
  command!: string[];

  @Field(() => Int, { description: 'How many processes run it on each node, 1–8.' })
  processes!: number;

  @Field(() => DaemonRestartPolicy, { description: 'When it is started again after it exits.' })
  restart!: DaemonRestartPolicy;

  @Field(() => DaemonStopSignal, { description: 'The signal it is stopped with.' })
  stopSignal!: DaemonStopSignal;

  @Field(() => Int, { description: 'Seconds between the stop signal and SIGKILL.' })
  stopWaitSeconds!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The path of the webroot’s host names proxied to it (`/ws`), or null for a background process.',
  })
  proxyPath!: string | null;

  @Field({ description: 'Whether it runs (a disabled daemon is stopped on every node).' })
  enabled!: boolean;

  @Field({ description: 'When it was added.' })
  createdAt!: Date;

  @Field({ description: 'When its row last changed.' })
  updatedAt!: Date;
}

export const DaemonConnection = ConnectionType(Daemon, 'Daemon');

/** What one process of a daemon wrote last, on one node. */
export interface DaemonLogTailRecord {
  nodeName: string;
  process: number;
  lines: string[];
}

@ObjectType({ description: 'The end of what one process of a daemon wrote (stdout and stderr together) on one node.' })
export class DaemonLogTail {
  @Field({ description: 'The node it runs on (its hostname).' })
  nodeName!: string;

  @Field(() => Int, { description: 'Its process number, 0 … processes − 1.' })
  process!: number;

  @Field(() => [String], { description: 'Its last lines, oldest first.' })
  lines!: string[];
}
