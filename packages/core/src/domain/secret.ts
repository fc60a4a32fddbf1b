const hidden = new WeakMap<Secret, string>();

/**
 * A credential that cannot leak by accident: it prints, stringifies and serialises as
 * `[REDACTED]`; only {@link Secret.reveal} returns the value, at the one place that sends it.
 */
export class Secret {
  constructor(value: string) {
    hidden.set(this, value);
  }
  /** The raw value. Call only where it is sent (HTTP auth header), never to print or store. */
  reveal(): string {
    return hidden.get(this) ?? '';
  }
  toString(): string {
    return '[REDACTED]';
  }
  toJSON(): string {
    return '[REDACTED]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Secret([REDACTED])';
  }
}
