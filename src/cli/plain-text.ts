/**
 * Terminal control in text that came from elsewhere (a server's job fields and messages, file
 * names): escape sequences (CSI `ESC [ ... final`, OSC `ESC ] ... BEL|ST`, DCS/SOS/PM/APC strings,
 * two-character `ESC x`), then any other C0 control, DEL and C1 control (U+0080-U+009F, which
 * includes the one-character CSI U+009B).
 */
// eslint-disable-next-line no-control-regex
const SEQUENCES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|$)|[ -/]*[0-~])?/g;
// eslint-disable-next-line no-control-regex
const C1_STRINGS = /\u009b[0-?]*[ -/]*[@-~]|[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u0007|\u009c|\u001b\\|$)/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_AND_LINE_BREAKS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * The text without anything a terminal would act on: escape sequences are dropped whole, other
 * control characters removed. Line feeds and tabs stay unless `singleLine`, which turns every
 * line break and tab into a space (for a field printed on one line).
 */
export function plainText(text: string, options: { readonly singleLine?: boolean } = {}): string {
  const stripped = text.replace(SEQUENCES, '').replace(C1_STRINGS, '');
  if (options.singleLine) return stripped.replace(/[\r\n\t]+/g, ' ').replace(CONTROLS_AND_LINE_BREAKS, '');
  return stripped.replace(CONTROLS, '');
}

/** The colours and weights `style.ts` draws with, which a line printed to stdout may carry. */
// eslint-disable-next-line no-control-regex
const OWN_STYLE = /\u001b\[(?:1|2|22|31|32|33|39)m/g;
const STYLE_MARK = '\uE000';

/**
 * `plainText`, keeping the colour codes of the CLI's own style. Server text interpolated into
 * such a line must already be plain (see `job-view.ts`): what survives here is colour at most.
 */
export function plainTextKeepingStyle(text: string): string {
  const codes: string[] = [];
  const marked = text.replaceAll(STYLE_MARK, '').replace(OWN_STYLE, (code) => {
    codes.push(code);
    return STYLE_MARK;
  });
  let index = 0;
  return plainText(marked).replace(/\uE000/g, () => codes[index++] ?? '');
}
