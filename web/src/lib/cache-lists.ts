// Places an object a create mutation returned in the list its owner shows, at once: the new row
// is on screen PENDING before any event arrives, and its badge moves on from there live. The
// refetch on its CREATED event later confirms the list; an id already listed is left alone.
import type { ApolloCache, Reference } from '@apollo/client';

export function appendToList(
  cache: ApolloCache,
  owner: { __typename: string; id: string },
  field: string,
  item: { __typename: string; id: string },
): void {
  const ownerId = cache.identify(owner);
  if (!ownerId) return;
  cache.modify({
    id: ownerId,
    fields: {
      [field]: (existing: readonly Reference[] | undefined, { toReference, readField }) => {
        const list = existing ?? [];
        const added = toReference(item);
        if (!added || list.some((ref) => readField('id', ref) === item.id)) return list;
        return [...list, added];
      },
    },
  });
}
