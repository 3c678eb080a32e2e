/**
 * An accessible progress bar (native `<progress>`): determinate with `value` 0..1, indeterminate
 * without; the label is announced politely.
 */
export function ProgressBar({ value, label }: { value?: number; label: string }) {
  const percent = value === undefined ? undefined : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="progress" role="status" aria-live="polite">
      <span className="progress-label">
        {label}
        {percent !== undefined && ` ${percent}%`}
      </span>
      {percent === undefined ? <progress aria-label={label} /> : <progress aria-label={label} max={100} value={percent} />}
    </div>
  );
}
