/** Errors the user must see; a permission error shows its exact fix, copyable. */
import { useState } from 'react';
import type { ErrorEvent } from '../../../electron/common/ipc/payload-schemas';

function FixLine({ fix }: { fix: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="fix">
      <span>Fix:</span>
      <code data-testid="error-fix">{fix}</code>
      <button
        type="button"
        data-testid="copy-fix"
        onClick={() => {
          navigator.clipboard
            .writeText(fix)
            .then(() => setCopied(true))
            .catch(() => setCopied(false));
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

export function ErrorBanner({
  errors,
  onDismiss,
}: {
  errors: readonly ErrorEvent[];
  onDismiss: (error: ErrorEvent) => void;
}) {
  return (
    <>
      {errors.map((error) => (
        <div
          className="banner"
          role="alert"
          key={error.message}
          data-testid="error-banner"
          data-code={error.code}
        >
          <div className="text">
            <strong>
              {error.code === 'capture-permission' ? 'netmortem may not capture on this machine yet. ' : ''}
            </strong>
            <span data-testid="error-message">{error.message}</span>
            {error.fix && <FixLine fix={error.fix} />}
          </div>
          <button type="button" aria-label="Dismiss" onClick={() => onDismiss(error)}>
            ✕
          </button>
        </div>
      ))}
    </>
  );
}
