'use client';
// Change an existing Valkey ACL user: a new password (empty keeps the current one, stored only
// hashed, so never prefilled) and its rules, prefilled with the current ones. userErrors appear
// next to their fields and nothing changes; on success the rules are applied live.
import { useMutation } from '@apollo/client/react';
import { FormErrorList, SubmitRow } from '@/components/form-field';
import { UpdateValkeyUserDocument, type ValkeyUserRowFragment } from '@/generated/graphql';
import { secretOf } from '@/lib/forms';
import { useMutationForm } from '@/lib/use-form';
import { NewPasswordField } from './new-password-field';
import { VALKEY_ACL_FIELDS, ValkeyAclFields, valkeyAclOf } from './valkey-acl-fields';

const FIELDS = ['password', ...VALKEY_ACL_FIELDS] as const;

export function ValkeyUserEditForm({ user, onDone }: { user: ValkeyUserRowFragment; onDone: () => void }) {
  const [update, { loading }] = useMutation(UpdateValkeyUserDocument);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text, form) => {
    const { data } = await update({
      variables: { input: { id: user.id, password: secretOf(form, 'password') || null, ...valkeyAclOf(text) } },
    });
    if (data?.updateValkeyUser.valkeyUser) onDone();
    return data?.updateValkeyUser.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <NewPasswordField error={errors.byField.password} />
      <ValkeyAclFields defaults={user} errors={errors.byField} />
      <SubmitRow label="Save changes" busy={loading} onCancel={onDone} />
    </form>
  );
}
