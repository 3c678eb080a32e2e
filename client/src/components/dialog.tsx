import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal dialog on the native `<dialog>` element (focus kept inside, Escape closes, focus returns
 * to the opener), titled for screen readers.
 */
export function Dialog({ title, isOpen, onClose, children }: { title: string; isOpen: boolean; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const reference = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = reference.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);
  const titleId = useId();
  return (
    <dialog ref={reference} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="secondary small" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </div>
      {isOpen && children}
    </dialog>
  );
}
