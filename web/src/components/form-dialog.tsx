'use client';
// A button that opens a form in a modal (native <dialog>: focus trapped, Escape cancels). The
// form is mounted only while the dialog is open, so every opening starts empty and what was
// typed (a password) is gone once it closes; `children` gets `close` for success and Cancel.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export function FormDialog({
  label,
  name,
  title,
  primary = false,
  children,
}: {
  /** The button's text, e.g. "New user". */
  label: string;
  /** Its accessible name when the text alone is ambiguous in a list, e.g. "New user of db_x". */
  name?: string;
  title: string;
  primary?: boolean;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const close = () => setOpen(false);
  return (
    <>
      <button type="button" className={primary ? 'primary' : undefined} aria-label={name} onClick={() => setOpen(true)}>
        {label}
      </button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="dialog"
        onCancel={(event) => {
          event.preventDefault();
          close();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {open ? children(close) : null}
      </dialog>
    </>
  );
}
