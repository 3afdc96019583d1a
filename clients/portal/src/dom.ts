/** Building the page from data without innerHTML: every text goes through a text node. */
type Child = Node | string | number | null | undefined | false | Child[];
type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces the content of the page's main element. */
export function render(...children: Child[]): HTMLElement {
  const main = document.getElementById('app')!;
  main.replaceChildren();
  append(main, children);
  return main;
}

export const loading = () => h('p', { class: 'muted' }, '加载中…');

/** Text with highlighted ranges (search snippets): the ranges become <mark>, the rest plain text. */
export function highlighted(text: string, highlights: readonly { start: number; length: number }[]): HTMLElement {
  const span = h('span');
  let at = 0;
  for (const { start, length } of [...highlights].sort((a, b) => a.start - b.start)) {
    if (start < at) continue;
    span.append(text.slice(at, start), h('mark', {}, text.slice(start, start + length)));
    at = start + length;
  }
  span.append(text.slice(at));
  return span;
}
