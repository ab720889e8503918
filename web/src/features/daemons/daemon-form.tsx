'use client';
// A new daemon of a webroot: name, command (one argument per line: no shell), processes, restart
// policy and an optional proxy path. userErrors appear next to their fields and nothing is
// created; on success the list is read again and the daemon shows PENDING, its badge moving on live.
import { useMutation } from '@apollo/client/react';
import { FormErrorList, ListField, listLines, SelectField, SubmitRow, TextField } from '@/components/form-field';
import type { DaemonRestartPolicy } from '@hostplane/schema-types';
import { CreateDaemonDocument } from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['name', 'command', 'processes', 'restart', 'proxyPath'] as const;

const RESTART_OPTIONS = [
  { value: 'ALWAYS', label: 'Always' },
  { value: 'ON_FAILURE', label: 'On failure' },
  { value: 'NEVER', label: 'Never' },
];

export function DaemonForm({ webrootId, onDone }: { webrootId: string; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateDaemonDocument, { refetchQueries: ['WebrootDaemons'] });
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text, form) => {
    // Arguments are taken as typed, one per line: spaces inside an argument are its own.
    const command = listLines(form, 'command');
    const processes = Number(text('processes') || '1');
    const proxyPath = text('proxyPath');
    const { data } = await create({
      variables: {
        input: {
          webrootId,
          name: text('name'),
          command,
          processes: Number.isInteger(processes) ? processes : 0,
          restart: text('restart') as DaemonRestartPolicy,
          ...(proxyPath ? { proxyPath } : {}),
        },
      },
    });
    if (data?.createDaemon.daemon) onDone();
    return data?.createDaemon.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate aria-label="New daemon">
      <FormErrorList errors={errors.form} />
      <TextField name="name" label="Name" error={errors.byField.name} placeholder="queue-worker" />
      <ListField
        name="command"
        label="Command"
        error={errors.byField.command}
        hint="The program and its arguments, one per line (no shell). A relative path is relative to the webroot."
      />
      <TextField name="processes" label="Processes" type="number" defaultValue="1" error={errors.byField.processes} />
      <SelectField
        name="restart"
        label="Restart"
        options={RESTART_OPTIONS}
        defaultValue="ALWAYS"
        error={errors.byField.restart}
      />
      <TextField
        name="proxyPath"
        label="Proxy path"
        error={errors.byField.proxyPath}
        placeholder="/ws"
        hint="Optional: this path of the webroot’s host names goes to the daemon (WebSocket included); it listens on $PORT."
      />
      <SubmitRow label="Add daemon" busy={loading} onCancel={onDone} />
    </form>
  );
}
