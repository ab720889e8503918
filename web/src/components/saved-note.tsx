/** "Saved." after an edit form's mutation succeeded (a polite status message). */
export function SavedNote({ show }: { show: boolean }) {
  return show ? (
    <span role="status" className="muted">
      Saved.
    </span>
  ) : null;
}
