import { type KeyboardEvent, type ReactNode, useId } from 'react';
import type { ControlProps } from '../../components/field';

/**
 * A labelled input with an add button beside it and the refusal message below, for adding an entry
 * to a list inside a larger form: Enter in the input adds (and never submits the form), the button
 * has visible text, and the message is linked to the input by aria-describedby.
 */
export function AddEntryField({
  label,
  buttonText,
  error,
  onAdd,
  children,
}: {
  label: string;
  buttonText: string;
  error?: string;
  onAdd: () => void;
  children: (props: ControlProps & { onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void }) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    onAdd();
  }
  return (
    <div className="field add-entry">
      <label htmlFor={id}>{label}</label>
      <div className="option-row">
        {children({ id, onKeyDown, ...(error ? { 'aria-describedby': errorId, 'aria-invalid': true } : {}) })}
        <button type="button" className="secondary" onClick={onAdd}>
          {buttonText}
        </button>
      </div>
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
