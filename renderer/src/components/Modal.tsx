import { useEffect, type ReactNode } from 'react';

/** A dialog over the app; Escape or the backdrop closes it. */
export function Modal({
  title,
  onClose,
  children,
  small,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  small?: boolean;
  testId: string;
}) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div
      className="modal-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div
        className={`modal${small ? ' small' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
      >
        <header>
          {title}
          <span style={{ marginLeft: 'auto' }}>
            <button type="button" aria-label="Close" data-testid="modal-close" onClick={onClose}>
              ✕
            </button>
          </span>
        </header>
        {children}
      </div>
    </div>
  );
}
