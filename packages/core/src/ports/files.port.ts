/** Plain files outside git: the policy file and the review-feedback file. */
export interface FilesPort {
  /** A file's text, or null when it does not exist. */
  readText(path: string): Promise<string | null>;
  /** Write a file atomically (temporary file + rename), creating parent directories. */
  writeTextAtomic(path: string, content: string): Promise<void>;
  /** Append to a file, creating it and its parent directories. */
  appendText(path: string, content: string): Promise<void>;
  /** True when the path exists (file or directory). */
  exists(path: string): Promise<boolean>;
  /** True when the path is a directory. */
  isDirectory(path: string): Promise<boolean>;
}
