/**
 * Writing YAML for text that came from the repository (hostile until escaped): every scalar is a
 * double-quoted string with escapes, every comment one line of printable text.
 */

/** A YAML double-quoted scalar. JSON's escapes are YAML's; line and paragraph separators, NEL and bidi controls are escaped too. */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[\u0085\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One comment line's text: control, separator and bidi characters become spaces. */
export function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being removed
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ');
}

/** `["a", "b"]`; long lists go one item a line under `indent`. */
export function yamlList(items: readonly string[], indent: string): string {
  const flow = `[${items.map(yamlString).join(', ')}]`;
  if (flow.length <= 100) return ` ${flow}`;
  return items.map((item) => `\n${indent}- ${yamlString(item)}`).join('');
}
