import type { Attribute } from './session-description';

/** `name:value` or `name` from the text after "a=" (RFC 8866 §5.13). */
export function splitAttribute(text: string): Attribute {
  const colon = text.indexOf(':');
  return colon < 0 ? { name: text } : { name: text.slice(0, colon), value: text.slice(colon + 1) };
}

/** Values of every attribute called `name`, in order. */
export function valuesOf(attributes: readonly Attribute[], name: string): string[] {
  return attributes.filter((a) => a.name === name).map((a) => a.value ?? '');
}

export function has(attributes: readonly Attribute[], name: string): boolean {
  return attributes.some((a) => a.name === name);
}

/** The first value of `name` in the media section, else in the session section. */
export function inherited(media: readonly Attribute[], session: readonly Attribute[], name: string): string | undefined {
  return valuesOf(media, name)[0] ?? valuesOf(session, name)[0];
}
