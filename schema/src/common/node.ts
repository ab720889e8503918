import { Field, ID, InterfaceType } from 'type-graphql';

/** Records handed to `node(id:)` and `search` carry their GraphQL type name. */
export interface TypedRecord {
  __typename: string;
}

@InterfaceType({
  description: 'An object with a global id: fetch any of them again with `node(id:)`.',
  resolveType: (value: TypedRecord) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id.' })
  id!: string;
}
