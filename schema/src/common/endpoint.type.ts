import { Field, Int, ObjectType } from 'type-graphql';

/** Where a database's or a Valkey instance's clients connect, as the service reads it. */
export interface DataStoreEndpointRecord {
  host: string;
  port: number;
}

@ObjectType({
  description: 'Where clients connect to a database or a Valkey instance: a node’s address and a TCP port.',
})
export class DataStoreEndpoint implements DataStoreEndpointRecord {
  @Field({ description: 'The serving node’s IP address (its hostname when it has none).' })
  host!: string;

  @Field(() => Int, { description: 'The TCP port on that node.' })
  port!: number;
}
