'use client';
// A new ACL user of one Valkey instance. The API requires the name to be the instance's name or
// to start with it and `_`; the field starts with that prefix. ACL rules are the API's lists:
// key patterns, pub/sub channel patterns and command rules. The password is a form field only:
// read once on submit, never shown, stored or put in a URL; the form is unmounted once the user exists.
import { useMutation } from '@apollo/client/react';
import { FormErrorList, ListField, SubmitRow } from '@/components/form-field';
import { CreateValkeyUserDocument } from '@/generated/graphql';
import { appendToList } from '@/lib/cache-lists';
import { listOf, secretOf } from '@/lib/forms';
import { StoreUserCredentials } from './store-user-credentials';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['name', 'password', 'keyPatterns', 'channels', 'commands'] as const;

export function ValkeyUserForm({ instance, onDone }: { instance: { id: string; name: string }; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateValkeyUserDocument);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text, form) => {
    const { data } = await create({
      variables: {
        input: {
          instanceId: instance.id,
          name: text('name'),
          password: secretOf(form, 'password'),
          keyPatterns: listOf(text('keyPatterns')),
          channels: listOf(text('channels')),
          commands: listOf(text('commands')),
        },
      },
      update: (cache, { data: result }) => {
        const user = result?.createValkeyUser.valkeyUser;
        if (user)
          appendToList(cache, { __typename: 'ValkeyInstance', id: instance.id }, 'users', {
            __typename: 'ValkeyUser',
            id: user.id,
          });
      },
    });
    if (data?.createValkeyUser.valkeyUser) onDone();
    return data?.createValkeyUser.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <StoreUserCredentials store={instance.name} errors={errors.byField} />
      <ListField
        name="keyPatterns"
        label="Key patterns"
        defaultValue={['*']}
        error={errors.byField.keyPatterns}
        hint="Globs of the keys it may touch, one per line, e.g. app:* (letters, digits and : _ * . -)."
      />
      <ListField
        name="commands"
        label="Command rules"
        defaultValue={['+@all', '-@dangerous']}
        error={errors.byField.commands}
        hint="In order, on top of nothing: +@read, -@dangerous, +get, -flushdb, +client|id. @admin is always denied."
      />
      <ListField
        name="channels"
        label="Pub/sub channels"
        error={errors.byField.channels}
        hint="Channel patterns it may use, one per line; empty for no pub/sub."
      />
      <SubmitRow label="Create user" busy={loading}>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </SubmitRow>
    </form>
  );
}
