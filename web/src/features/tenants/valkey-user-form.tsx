'use client';
// A new ACL user of one Valkey instance. The API requires the name to be the instance's name or
// to start with it and `_`; the field starts with that prefix. ACL rules are the API's lists:
// key patterns, pub/sub channel patterns and command rules. The password is a form field only:
// read once on submit, never shown, stored or put in a URL; the form is unmounted once the user exists.
import { useMutation } from '@apollo/client/react';
import { FormErrorList, SubmitRow } from '@/components/form-field';
import { CreateValkeyUserDocument } from '@/generated/graphql';
import { appendToList } from '@/lib/cache-lists';
import { secretOf } from '@/lib/forms';
import { StoreUserCredentials } from './store-user-credentials';
import { VALKEY_ACL_FIELDS, ValkeyAclFields, valkeyAclOf } from './valkey-acl-fields';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['name', 'password', ...VALKEY_ACL_FIELDS] as const;
const DEFAULT_ACL = { keyPatterns: ['*'], channels: [], commands: ['+@read', '+@write', '+@connection'] };

export function ValkeyUserForm({ instance, onDone }: { instance: { id: string; name: string }; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateValkeyUserDocument);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text, form) => {
    const { data } = await create({
      variables: {
        input: {
          instanceId: instance.id,
          name: text('name'),
          password: secretOf(form, 'password'),
          ...valkeyAclOf(text),
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
      <ValkeyAclFields defaults={DEFAULT_ACL} errors={errors.byField} />
      <SubmitRow label="Create user" busy={loading} onCancel={onDone} />
    </form>
  );
}
