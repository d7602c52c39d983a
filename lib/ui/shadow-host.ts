import { render, type ComponentChild } from 'preact';

/**
 * A Preact tree inside a shadow root on someone else's page (hypothesis/client's PreactContainer):
 * no style leaks either way, and `destroy` unmounts Preact before the host leaves the DOM.
 * Content scripts cannot define custom elements (their isolated world has no customElements),
 * so the host is a plain element marked with data attributes.
 */
export interface ShadowHost {
  readonly element: HTMLElement;
  render(tree: ComponentChild): void;
  destroy(): void;
}

export function createShadowHost(options: {
  doc: Document;
  attributes: Record<string, string>;
  css: string;
}): ShadowHost {
  const element = options.doc.createElement('div');
  for (const [name, value] of Object.entries(options.attributes)) element.setAttribute(name, value);
  const shadow = element.attachShadow({ mode: 'open' });
  const style = options.doc.createElement('style');
  style.textContent = options.css;
  const container = options.doc.createElement('div');
  shadow.append(style, container);
  return {
    element,
    render: (tree) => render(tree, container),
    destroy() {
      render(null, container);
      element.remove();
    },
  };
}
