'use client';
// A button that asks first: it opens a ConfirmDialog, runs the mutation on confirm and closes on
// success; a refusal (userErrors, or an error) stays in the dialog as a sentence.
import { useState, type ReactNode } from 'react';
import { errorMessage } from '@/lib/errors';
import { ConfirmDialog } from './confirm-dialog';

export function ConfirmButton({
  label,
  name,
  title,
  confirmLabel,
  danger = true,
  run,
  children,
}: {
  /** The button's text, e.g. "Delete". */
  label: string;
  /** Its accessible name when the text alone is ambiguous in a list, e.g. "Delete db_x". */
  name?: string;
  title: string;
  confirmLabel: string;
  /** Destructive (the default): red button and confirm. */
  danger?: boolean;
  /** The mutation; resolves with its userErrors (empty on success). */
  run: () => Promise<readonly { message: string }[]>;
  /** What confirming does, in a sentence or two. */
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setProblem(null);
    try {
      const refused = (await run()).map((error) => error.message).join(' ');
      if (refused) setProblem(refused);
      else setOpen(false);
    } catch (error) {
      setProblem(errorMessage(error as Error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className={danger ? 'danger' : undefined} aria-label={name} onClick={() => setOpen(true)}>
        {label}
      </button>
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={confirmLabel}
        danger={danger}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setOpen(false);
          setProblem(null);
        }}
      >
        {children}
        {problem ? <p className="field-error">{problem}</p> : null}
      </ConfirmDialog>
    </>
  );
}
