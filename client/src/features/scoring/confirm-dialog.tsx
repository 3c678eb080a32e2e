import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog';

/**
 * Asks before a step that cannot be undone (a signed score, an approval, a decision): the message,
 * then confirm or cancel. Built on the shared modal {@link Dialog}.
 */
export function ConfirmDialog({
  title,
  isOpen,
  onConfirm,
  onCancel,
  confirmLabel,
  children,
}: {
  title: string;
  isOpen: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  confirmLabel: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Dialog title={title} isOpen={isOpen} onClose={onCancel}>
      <div className="confirm-body">{children}</div>
      <div className="form-actions">
        <button type="button" className="confirm-accept" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('scoring.common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
