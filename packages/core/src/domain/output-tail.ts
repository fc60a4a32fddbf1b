/** How many lines of a failing command's output are kept on the record and printed. */
export const OUTPUT_TAIL_LINES = 20;

// ANSI escape sequences (CSI … final byte, OSC … BEL/ST, two-byte ESC x) and every other control
// character but tab: agent-written code controls this text, and it is printed on a terminal.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-_])/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * The last `max` non-empty-at-the-end lines of a command's output, with terminal escape sequences
 * and control characters removed (CRLF and bare CR count as line ends).
 */
export function outputTail(text: string, max = OUTPUT_TAIL_LINES): string[] {
  const lines = text
    .replace(ESCAPES, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(CONTROLS, '').trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.slice(-max);
}
