/** One `key = value` line of a git config file; a key without `=` has value null (boolean true). */
export interface ConfigEntry {
  /** Lowercased section name. */
  section: string;
  /** Case-sensitive subsection (`[remote "origin"]`), or null. */
  subsection: string | null;
  /** Lowercased variable name. */
  key: string;
  value: string | null;
}

/** A syntax error in a config file, with the 1-based line where it was found. */
export class ConfigSyntaxError extends Error {
  constructor(
    readonly line: number,
    why: string,
  ) {
    super(`line ${line}: ${why}`);
    this.name = 'ConfigSyntaxError';
  }
}

/**
 * Parse git's config syntax (git-config(1) "CONFIGURATION FILE"): sections and subsections,
 * case-insensitive names, quoting, `\\` `\"` `\n` `\t` `\b` escapes, line continuations and
 * `#`/`;` comments. `[include]` is returned like any other section; nothing is followed.
 */
export function parseGitConfig(text: string): ConfigEntry[] {
  return new ConfigScanner(text.replace(/\r\n/g, '\n').replace(/^\uFEFF/, '')).entries();
}

class ConfigScanner {
  #at = 0;
  #line = 1;
  #section: string | null = null;
  #subsection: string | null = null;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  entries(): ConfigEntry[] {
    const out: ConfigEntry[] = [];
    for (;;) {
      this.#skip(/[ \t\n\r\f\v]/);
      const c = this.#peek();
      if (c === undefined) return out;
      if (c === '#' || c === ';') this.#skipLine();
      else if (c === '[') this.#header();
      else if (/[A-Za-z]/.test(c)) out.push(this.#variable());
      else throw new ConfigSyntaxError(this.#line, `unexpected character ${JSON.stringify(c)}`);
    }
  }

  #peek(): string | undefined {
    return this.#text[this.#at];
  }

  #next(): string | undefined {
    const c = this.#text[this.#at++];
    if (c === '\n') this.#line++;
    return c;
  }

  #skip(re: RegExp): void {
    for (let c = this.#peek(); c !== undefined && re.test(c); c = this.#peek()) this.#next();
  }

  #skipLine(): void {
    while (this.#peek() !== undefined && this.#next() !== '\n');
  }

  #header(): void {
    this.#next();
    const name = this.#take(/[A-Za-z0-9.-]/);
    if (name === '') throw new ConfigSyntaxError(this.#line, 'empty section name');
    let sub: string | null = null;
    if (this.#peek() === ' ' || this.#peek() === '\t') {
      this.#skip(/[ \t]/);
      if (this.#next() !== '"') throw new ConfigSyntaxError(this.#line, 'expected a quoted subsection');
      sub = this.#quotedSubsection();
    }
    if (this.#next() !== ']') throw new ConfigSyntaxError(this.#line, 'expected "]"');
    const dot = name.indexOf('.');
    // `[section.sub]` is the deprecated spelling of a subsection; git lowercases it.
    this.#section = (sub === null && dot >= 0 ? name.slice(0, dot) : name).toLowerCase();
    this.#subsection = sub ?? (dot >= 0 ? name.slice(dot + 1).toLowerCase() : null);
  }

  #quotedSubsection(): string {
    let out = '';
    for (;;) {
      const c = this.#next();
      if (c === undefined || c === '\n') throw new ConfigSyntaxError(this.#line, 'unterminated subsection');
      if (c === '"') return out;
      // Inside a subsection a backslash escapes any character, which stands for itself.
      out += c === '\\' ? (this.#next() ?? '') : c;
    }
  }

  #take(re: RegExp): string {
    const start = this.#at;
    this.#skip(re);
    return this.#text.slice(start, this.#at);
  }

  #variable(): ConfigEntry {
    if (this.#section === null) throw new ConfigSyntaxError(this.#line, 'variable outside a section');
    const key = this.#take(/[A-Za-z0-9-]/).toLowerCase();
    this.#skip(/[ \t]/);
    let value: string | null = null;
    if (this.#peek() === '=') {
      this.#next();
      value = this.#value();
    } else {
      const c = this.#peek();
      if (c === '#' || c === ';') this.#skipLine();
      else if (c !== undefined && this.#next() !== '\n')
        throw new ConfigSyntaxError(this.#line, `bad variable "${key}"`);
    }
    return { section: this.#section, subsection: this.#subsection, key, value };
  }

  /** git's parse_value: whitespace runs outside quotes collapse to one space per character and are trimmed. */
  #value(): string {
    let out = '';
    let pendingSpaces = 0;
    let quoted = false;
    let comment = false;
    for (let c = this.#next(); c !== undefined && c !== '\n'; c = this.#next()) {
      if (comment) continue;
      if (!quoted && /[ \t\r\f\v]/.test(c)) {
        if (out.length > 0) pendingSpaces++;
        continue;
      }
      if (!quoted && (c === '#' || c === ';')) {
        comment = true;
        continue;
      }
      out += ' '.repeat(pendingSpaces);
      pendingSpaces = 0;
      if (c === '"') quoted = !quoted;
      else if (c === '\\') out += this.#escape();
      else out += c;
    }
    if (quoted) throw new ConfigSyntaxError(this.#line - 1, 'unterminated quoted value');
    return out;
  }

  #escape(): string {
    const c = this.#next();
    switch (c) {
      case '\n':
        return '';
      case 't':
        return '\t';
      case 'b':
        return '\b';
      case 'n':
        return '\n';
      case '\\':
      case '"':
        return c;
      default:
        throw new ConfigSyntaxError(this.#line, `unknown escape "\\${c ?? ''}"`);
    }
  }
}
