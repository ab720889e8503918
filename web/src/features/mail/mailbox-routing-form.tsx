'use client';
// A mailbox's forward and auto-reply, edited from the Mail tab: the forward's targets (none: no
// forward) and whether a copy stays, the auto-reply's text, dates and interval (an empty subject
// and body remove it). The API checks them (addresses held, no loop, plain text); its userErrors
// appear beside their fields and nothing changes.
import { useMutation, useQuery } from '@apollo/client/react';
import { QueryState } from '@/components/query-state';
import { CheckboxField, FormErrorList, ListField, listLines, SubmitRow, TextField } from '@/components/form-field';
import { MailboxRoutingDocument, UpdateMailboxDocument, type MailboxRoutingQuery } from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = [
  'forward.to',
  'autoReply.subject',
  'autoReply.body',
  'autoReply.startDate',
  'autoReply.endDate',
  'autoReply.intervalDays',
];

export function MailboxRoutingForm({ mailboxId, onDone }: { mailboxId: string; onDone: () => void }) {
  const { data, loading, error } = useQuery(MailboxRoutingDocument, {
    variables: { id: mailboxId },
    fetchPolicy: 'network-only',
  });
  if (!data) return <QueryState loading={loading} error={error} hasData={false} what="the mailbox" />;
  return <RoutingForm mailbox={data.mailbox} onDone={onDone} />;
}

function RoutingForm({ mailbox, onDone }: { mailbox: MailboxRoutingQuery['mailbox']; onDone: () => void }) {
  const [update, { loading }] = useMutation(UpdateMailboxDocument);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text, form) => {
    const subject = text('subject');
    const body = String(form.get('body') ?? '').trim();
    const reply =
      subject || body
        ? {
            autoReply: {
              subject,
              body,
              startDate: text('startDate') || null,
              endDate: text('endDate') || null,
              intervalDays: Number(text('intervalDays') || '7'),
            },
          }
        : mailbox.autoReply
          ? { removeAutoReply: true }
          : {};
    const { data } = await update({
      variables: {
        input: {
          id: mailbox.id,
          forward: { to: listLines(form, 'forwardTo'), keepCopy: form.get('keepCopy') === 'on' },
          ...reply,
        },
      },
    });
    if (data?.updateMailbox.mailbox && data.updateMailbox.userErrors.length === 0) onDone();
    return data?.updateMailbox.userErrors ?? [];
  });
  const reply = mailbox.autoReply;
  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <ListField
        name="forwardTo"
        label="Forward to (one address a line; none: no forward)"
        defaultValue={mailbox.forwardTo}
        error={errors.byField['forward.to']}
      />
      <CheckboxField name="keepCopy" label="Keep a copy in the mailbox" defaultChecked={mailbox.forwardKeepCopy} />
      <TextField
        name="subject"
        label="Auto-reply subject (empty: no auto-reply)"
        defaultValue={reply?.subject ?? ''}
        error={errors.byField['autoReply.subject']}
      />
      <ListField
        name="body"
        label="Auto-reply text"
        defaultValue={reply ? reply.body.split('\n') : []}
        error={errors.byField['autoReply.body']}
      />
      <TextField
        name="startDate"
        label="From (YYYY-MM-DD, optional)"
        defaultValue={reply?.startDate ?? ''}
        error={errors.byField['autoReply.startDate']}
      />
      <TextField
        name="endDate"
        label="Until (YYYY-MM-DD, optional)"
        defaultValue={reply?.endDate ?? ''}
        error={errors.byField['autoReply.endDate']}
      />
      <TextField
        name="intervalDays"
        label="Answer the same sender again after (days)"
        type="number"
        defaultValue={String(reply?.intervalDays ?? 7)}
        error={errors.byField['autoReply.intervalDays']}
      />
      <SubmitRow label="Save forward and auto-reply" busy={loading} onCancel={onDone} />
    </form>
  );
}
