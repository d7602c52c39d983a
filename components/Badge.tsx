import type { ComponentChildren } from 'preact';
import type { Tone } from './words';

/** A small coloured status label; the words carry the meaning, the colour only repeats it. */
export function Badge({ tone, title, children }: { tone: Tone; title?: string; children: ComponentChildren }) {
  return (
    <span class={`bb-badge bb-badge--${tone}`} title={title}>
      {children}
    </span>
  );
}
