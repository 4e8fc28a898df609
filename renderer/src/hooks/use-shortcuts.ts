/** Ctrl/Cmd+O open, Ctrl/Cmd+E export, Ctrl/Cmd+R or Space start/stop. Returns the labels to show. */
import { useEffect, type RefObject } from 'react';

export interface ShortcutActions {
  open: () => void;
  export: () => void;
  startStop: () => void;
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const modifierLabel = isMac ? '⌘' : 'Ctrl';
export const shortcutLabels = {
  open: `${modifierLabel}+O`,
  export: `${modifierLabel}+E`,
  startStop: `${modifierLabel}+R / Space`,
};

function typingInto(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(target.tagName))
  );
}

/** `actions` is a ref so the listener, registered once, always runs the latest handlers. */
export function useShortcuts(actions: RefObject<ShortcutActions>, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      const modifier = isMac ? event.metaKey : event.ctrlKey;
      const key = event.key.toLowerCase();
      let action: (() => void) | undefined;
      if (modifier && !event.altKey && !event.shiftKey) {
        if (key === 'o') action = actions.current.open;
        else if (key === 'e') action = actions.current.export;
        else if (key === 'r') action = actions.current.startStop;
      } else if (key === ' ' && !modifier && !event.altKey && !typingInto(event.target)) {
        action = actions.current.startStop;
      }
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, enabled]);
}
